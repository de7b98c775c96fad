/**
 * Typed domain errors. Services throw these; the HTTP layer maps `code` → status in one place
 * (app.ts). A 4xx says what to fix; a 5xx never carries internals.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'unauthenticated'
  | 'forbidden'
  | 'conflict'
  | 'offer_expired'
  | 'offer_already_accepted'
  | 'offer_changed'
  | 'seller_underage'
  | 'profile_incomplete'
  | 'invalid_transition'
  | 'idempotency_key_reused'
  | 'idempotency_key_required'
  | 'rate_limited'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'internal';

export const HTTP_STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  not_found: 404,
  unauthenticated: 401,
  forbidden: 403,
  conflict: 409,
  offer_expired: 409,
  offer_already_accepted: 409,
  offer_changed: 409,
  seller_underage: 403,
  profile_incomplete: 409,
  invalid_transition: 409,
  idempotency_key_reused: 422,
  idempotency_key_required: 400,
  rate_limited: 429,
  payload_too_large: 413,
  unsupported_media_type: 415,
  internal: 500,
};

export class AppError extends Error {
  override name = 'AppError';
  readonly code: ErrorCode;
  readonly fields: Record<string, string> | undefined;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, message: string, opts: { fields?: Record<string, string>; details?: Record<string, unknown> } = {}) {
    super(message);
    this.code = code;
    this.fields = opts.fields;
    this.details = opts.details;
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const validationFailed = (fields: Record<string, string>, message = 'Some fields need fixing') =>
  new AppError('validation_failed', message, { fields });
