import type { z } from 'zod';
import type { TMe, TResendVerificationInput, TVerificationQueued } from '../shared/api/accounts.ts';
import type { TCategory, TModelDetail, TModelSummary } from '../shared/api/catalog.ts';
import type { TCarrierEventSent, TClockAdvanced, TMailMessage, TMailSummary, TSendCarrierEvent } from '../shared/api/dev.ts';
import type { THealth } from '../shared/api/health.ts';
import type { TCreateAssessment, TQuote } from '../shared/api/quotes.ts';
import type { TAcceptOffer, TTradeIn, TTradeInSummary } from '../shared/api/trade-ins.ts';
import type { ZIdentityInput, ZPayoutMethodInput, ZProfileInput } from '../shared/seller-details.ts';

// Every request and response type below comes from the Zod schemas the server validates with
// (`src/shared/api/`); only better-auth's own routes, which have no schema of ours, are typed here.
export type { TMe };

/**
 * An API failure with the server's error code, the message for each bad field (a 400, or a 403
 * naming `currentPassword`), and any extra details the error carries (e.g. `newQuote`).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string>;
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: string, fields: Record<string, string> = {}, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.details = details;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function stringRecord(v: unknown): Record<string, string> {
  if (!isObject(v)) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/**
 * Every error under /api/ is `{error: {code, message, fields?, details?}}` (shared/api/errors.ts
 * types `details` per code); a bare `{code, message}` (better-auth's own, should a proxy strip
 * our envelope) is read too. Anything else becomes a generic error for the status.
 */
export function toApiError(status: number, body: unknown): ApiError {
  if (isObject(body) && isObject(body.error) && typeof body.error.code === 'string' && typeof body.error.message === 'string') {
    const { code, message, fields, details } = body.error;
    return new ApiError(status, code, message, stringRecord(fields), isObject(details) ? details : {});
  }
  if (isObject(body) && typeof body.code === 'string' && typeof body.message === 'string') {
    return new ApiError(status, body.code.toLowerCase(), body.message);
  }
  if (status === 429) return new ApiError(status, 'rate_limited', 'Too many attempts. Please wait a minute and try again.');
  return new ApiError(status, 'http_error', `Something went wrong on our side (HTTP ${status}). Please try again.`);
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** A body sent as it is (a CSV file, a photo's bytes), with its own content type, instead of JSON. */
  raw?: { text: string | Blob; contentType: string };
  headers?: Record<string, string>;
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.raw) headers['content-type'] = opts.raw.contentType;
  let res: Response;
  try {
    res = await fetch(path, {
      method: opts.method ?? 'GET',
      headers,
      body: opts.raw ? opts.raw.text : opts.body === undefined ? undefined : JSON.stringify(opts.body),
      // Session cookies go with every call; the browser adds Origin to state changes, which the
      // server checks against cross-site requests.
      credentials: 'same-origin',
    });
  } catch {
    // fetch only rejects when no response arrived at all.
    throw new ApiError(0, 'network', 'We could not reach Tradeloop. Check your connection and try again.');
  }
  // A 204 has no body; everything else answers JSON.
  const body: unknown = res.status === 204 ? undefined : await res.json().catch(() => undefined);
  if (!res.ok) throw toApiError(res.status, body);
  return body as T;
}

/** A fresh Idempotency-Key. randomUUID needs a secure context; a LAN demo over http is not one. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** better-auth's `get-session` answer (its own route: no schema of ours describes it). */
export interface SessionInfo {
  user: { id: string; name: string; email: string; role?: string };
}

/** What the seller-detail forms send: the input side of the schemas the server parses with. */
export type ProfileBody = z.input<typeof ZProfileInput>;
export type IdentityBody = z.input<typeof ZIdentityInput>;
export type PayoutBody = z.input<typeof ZPayoutMethodInput>;
export type { TMailMessage as MailMessage };

export type { CarrierEventType } from '../shared/carrier-events.ts';

const enc = encodeURIComponent;

export const api = {
  health: () => request<THealth>('/api/health'),

  categories: () => request<TCategory[]>('/api/catalog/categories'),
  models: (filter: { category?: string; q?: string }) => {
    const params = new URLSearchParams();
    if (filter.category) params.set('category', filter.category);
    if (filter.q) params.set('q', filter.q);
    return request<TModelSummary[]>(`/api/catalog/models?${params.toString()}`);
  },
  model: (id: string) => request<TModelDetail>(`/api/catalog/models/${enc(id)}`),
  createAssessment: (input: TCreateAssessment) =>
    request<TQuote>('/api/assessments', { method: 'POST', body: input }),
  offer: (id: string) => request<TQuote>(`/api/offers/${enc(id)}`),
  assessment: (id: string) => request<TQuote>(`/api/assessments/${enc(id)}`),

  // better-auth
  session: () => request<SessionInfo | null>('/api/auth/get-session'),
  /** `callbackURL`: the page the confirmation link leads back to (this site's path). */
  signUp: (input: { name: string; email: string; password: string; callbackURL?: string }) =>
    request<unknown>('/api/auth/sign-up/email', { method: 'POST', body: input }),
  signIn: (input: { email: string; password: string }) => request<unknown>('/api/auth/sign-in/email', { method: 'POST', body: input }),
  signOut: () => request<unknown>('/api/auth/sign-out', { method: 'POST', body: {} }),

  // the seller's own details
  me: () => request<TMe>('/api/me'),
  saveProfile: (body: ProfileBody) => request<TMe>('/api/me/profile', { method: 'PUT', body }),
  saveIdentity: (body: IdentityBody) => request<TMe>('/api/me/identity', { method: 'PUT', body }),
  savePayoutMethod: (body: PayoutBody) => request<TMe>('/api/me/payout-method', { method: 'PUT', body }),
  /** "Send it again": a new confirmation link, leading back to `next`. */
  resendVerification: (next?: string) =>
    request<TVerificationQueued>('/api/me/verification-email', { method: 'POST', body: (next ? { next } : {}) satisfies TResendVerificationInput }),

  // trade-ins
  acceptOffer: (offerId: string, idempotencyKey: string, body: TAcceptOffer = {}) =>
    request<TTradeIn>(`/api/offers/${enc(offerId)}/accept`, { method: 'POST', body, headers: { 'idempotency-key': idempotencyKey } }),
  tradeIns: () => request<TTradeInSummary[]>('/api/trade-ins'),
  tradeIn: (id: string) => request<TTradeIn>(`/api/trade-ins/${enc(id)}`),
  cancelTradeIn: (id: string, idempotencyKey: string) =>
    request<TTradeIn>(`/api/trade-ins/${enc(id)}/cancel`, { method: 'POST', body: {}, headers: { 'idempotency-key': idempotencyKey } }),

  // demo mode only (404 in production)
  advanceClock: (advance: string) => request<TClockAdvanced>('/api/dev/clock', { method: 'POST', body: { advance } }),
  sendCarrierEvent: (tradeInId: string, type: TSendCarrierEvent['type']) =>
    request<TCarrierEventSent>('/api/dev/carrier-events', { method: 'POST', body: { tradeInId, type } satisfies TSendCarrierEvent }),
  mailbox: () => request<TMailSummary[]>('/api/dev/mailbox'),
  mail: (id: string) => request<TMailMessage>(`/api/dev/mailbox/${enc(id)}`),
};

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}
