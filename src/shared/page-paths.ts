/**
 * Every page of the web app, by its path pattern (React Router's `:param` syntax). The browser's
 * router is built from these names, and the server answers any other page URL with HTTP 404
 * (still the app shell, which shows the friendly "not found" page): a search engine or a link
 * checker sees a missing page as missing.
 */
export const PAGE_PATHS = {
  landing: '/',
  category: '/sell/:categoryId',
  model: '/models/:modelId',
  assess: '/models/:modelId/:variantId/assess',
  offer: '/offers/:offerId',
  assessment: '/assessments/:assessmentId',
  accept: '/offers/:offerId/accept',
  signIn: '/sign-in',
  tradeIns: '/trade-ins',
  tradeIn: '/trade-ins/:tradeInId',
  accepted: '/trade-ins/:tradeInId/accepted',
  portal: '/portal',
  incomingTradeIn: '/portal/trade-ins/:tradeInId',
  operator: '/operator',
  invitation: '/invitations/:invitationId',
  emailVerified: '/email-verified',
  settings: '/settings',
  verify: '/verify/:code',
  mailbox: '/dev/mailbox',
  mailboxMessage: '/dev/mailbox/:messageId',
} as const;

const PATTERNS = Object.values(PAGE_PATHS).map((p) => p.split('/').filter(Boolean));

/** Whether `pathname` is one of the app's pages (a trailing slash is allowed; a `:param` is one non-empty segment). */
export function isKnownPage(pathname: string): boolean {
  const parts = pathname.split('/').filter(Boolean);
  return PATTERNS.some((pattern) => pattern.length === parts.length && pattern.every((seg, i) => seg.startsWith(':') || seg === parts[i]));
}
