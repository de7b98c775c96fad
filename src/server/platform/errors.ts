import { ERROR_STATUS, type DetailedErrorCode, type ErrorCode, type ErrorDetails, type SometimesDetailedErrorCode } from '../../shared/api/errors.ts';

/**
 * Typed domain errors. Services throw these; the HTTP layer (http-errors.ts) maps `code` →
 * status in one place, from the catalogue in shared/api/errors.ts. A 4xx says what to fix; a
 * 5xx never carries internals. A code that has details must be thrown with them (typed).
 */
export { ERROR_STATUS as HTTP_STATUS, type ErrorCode };

type Options<C extends ErrorCode> = C extends DetailedErrorCode
  ? [opts: { fields?: Record<string, string>; details: ErrorDetails<C> }]
  : C extends SometimesDetailedErrorCode
    ? [opts?: { fields?: Record<string, string>; details?: ErrorDetails<C> }]
    : [opts?: { fields?: Record<string, string> }];

export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  override name = 'AppError';
  readonly code: C;
  readonly fields: Record<string, string> | undefined;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: C, message: string, ...[opts]: Options<C>) {
    super(message);
    this.code = code;
    this.fields = opts?.fields;
    this.details = opts && 'details' in opts ? (opts.details as Record<string, unknown>) : undefined;
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const validationFailed = (fields: Record<string, string>, message = 'Some fields need fixing') =>
  new AppError('validation_failed', message, { fields });
/** 429 with the wait in `details` and in the Retry-After header. */
export const rateLimited = (message: string, retryAfterSeconds: number) =>
  new AppError('rate_limited', message, { details: { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)) } });
