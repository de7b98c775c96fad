import { createBrowserRouter } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { AssessPage } from './routes/AssessPage.tsx';
import { CategoryPage } from './routes/CategoryPage.tsx';
import { CrashPage } from './routes/CrashPage.tsx';
import { LandingPage } from './routes/LandingPage.tsx';
import { ModelPage } from './routes/ModelPage.tsx';
import { NotFoundPage } from './routes/NotFoundPage.tsx';
import { OfferPage } from './routes/OfferPage.tsx';

// Landing → category → model → condition → offer: five screens (docs/product.md §1), in the main bundle.
// Everything after the offer (accounts, forms with their validators, trade-ins, demo tools) loads
// when first needed, so the way to an offer stays light.
export const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: <CrashPage />,
    children: [
      { path: '/', element: <LandingPage /> },
      { path: '/sell/:categoryId', element: <CategoryPage /> },
      { path: '/models/:modelId', element: <ModelPage /> },
      { path: '/models/:modelId/:variantId/assess', element: <AssessPage /> },
      { path: '/offers/:offerId', element: <OfferPage /> },
      { path: '/assessments/:assessmentId', element: <OfferPage /> },
      { path: '/offers/:offerId/accept', lazy: async () => ({ Component: (await import('./routes/AcceptPage.tsx')).AcceptPage }) },
      { path: '/sign-in', lazy: async () => ({ Component: (await import('./routes/SignInPage.tsx')).SignInPage }) },
      { path: '/trade-ins', lazy: async () => ({ Component: (await import('./routes/TradeInsPage.tsx')).TradeInsPage }) },
      { path: '/trade-ins/:tradeInId', lazy: async () => ({ Component: (await import('./routes/TradeInPage.tsx')).TradeInPage }) },
      { path: '/trade-ins/:tradeInId/accepted', lazy: async () => ({ Component: (await import('./routes/AcceptedPage.tsx')).AcceptedPage }) },
      { path: '/portal', lazy: async () => ({ Component: (await import('./routes/PortalPage.tsx')).PortalPage }) },
      { path: '/portal/trade-ins/:tradeInId', lazy: async () => ({ Component: (await import('./routes/IncomingTradeInPage.tsx')).IncomingTradeInPage }) },
      { path: '/operator', lazy: async () => ({ Component: (await import('./routes/OperatorPage.tsx')).OperatorPage }) },
      { path: '/invitations/:invitationId', lazy: async () => ({ Component: (await import('./routes/InvitationPage.tsx')).InvitationPage }) },
      { path: '/email-verified', lazy: async () => ({ Component: (await import('./routes/EmailVerifiedPage.tsx')).EmailVerifiedPage }) },
      { path: '/settings', lazy: async () => ({ Component: (await import('./routes/SettingsPage.tsx')).SettingsPage }) },
      { path: '/verify/:code', lazy: async () => ({ Component: (await import('./routes/VerifyPage.tsx')).VerifyPage }) },
      { path: '/dev/mailbox', lazy: async () => ({ Component: (await import('./routes/MailboxPage.tsx')).MailboxPage }) },
      { path: '/dev/mailbox/:messageId', lazy: async () => ({ Component: (await import('./routes/MailboxPage.tsx')).MailboxPage }) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
