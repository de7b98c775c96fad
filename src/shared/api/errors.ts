import { z } from 'zod';
import { ZQuote } from './quotes.ts';
import { ZReadiness } from './accounts.ts';
import { ZTradeInStatus } from './trade-ins.ts';

/**
 * The error catalogue: every code the API answers with, its HTTP status, and — for the codes
 * that carry more than a message — the schema of their `details`. The server maps errors to
 * HTTP from this table and documents each route's error responses with it; the web client
 * reads `details` with the same schemas.
 *
 * Every error response under /api/ is `{ error: { code, message, fields?, details? } }`:
 * `fields` names the inputs to fix (field → message), `details` is typed per code below.
 */
export const ERROR_STATUS = {
  validation_failed: 400,
  bad_request: 400,
  idempotency_key_required: 400,
  unauthenticated: 401,
  forbidden: 403,
  seller_underage: 403,
  not_found: 404,
  method_not_allowed: 405,
  request_timeout: 408,
  conflict: 409,
  offer_expired: 409,
  offer_already_accepted: 409,
  offer_changed: 409,
  profile_incomplete: 409,
  email_unverified: 409,
  invalid_transition: 409,
  flag_already_cleared: 409,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  /** Well-formed, but the content or a business rule refuses it (a photo that is not an image, a counteroffer below the floor). */
  unprocessable: 422,
  /** An IMEI or serial number that cannot be this device's (no IMEI on a Wi-Fi tablet), named in `fields.deviceId`. */
  device_id_invalid: 422,
  /** The IMEI given at accept is reported lost or stolen: no label, nothing reserved. */
  device_blocklisted: 422,
  /** A bank file (ACH returns) with lines the reader cannot take: every one of them named; nothing was recorded. */
  ach_file_invalid: 422,
  rate_limited: 429,
  headers_too_large: 431,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

/** One problem of a bulk input (a CSV line, an item of a list): where, and what to fix. */
export const ZRowProblem = z.object({ row: z.number().int(), column: z.string(), message: z.string() });

/** One unreadable line of a fixed-width file (a NACHA returns file): its 1-based number and what is wrong. */
export const ZLineProblem = z.object({ line: z.number().int(), message: z.string() });

/** `details` of the codes that always have them. A code missing here and below answers without `details`. */
export const ERROR_DETAILS = {
  /** The accepted offer's wishlist entry ran out and nobody else pays as much: today's quote for the same device and answers. */
  offer_changed: z.object({ newQuote: ZQuote }),
  /** What is still missing before an offer can be accepted. */
  profile_incomplete: z.object({ readiness: ZReadiness }),
  /** The seller has not confirmed their e-mail address yet (the link we sent them); what else is missing, as for `profile_incomplete`. */
  email_unverified: z.object({ readiness: ZReadiness }),
  /** The trade-in's status now, which does not allow the requested change. */
  invalid_transition: z.object({ status: ZTradeInStatus }),
  /** An operator flag someone already cleared: who and when (nothing changed). */
  flag_already_cleared: z.object({ clearedAt: z.string(), clearedBy: z.string() }),
  /** Also sent as the Retry-After header. */
  rate_limited: z.object({ retryAfterSeconds: z.number().int().positive() }),
  /** Every line of the bank file that could not be read (at most 200). */
  ach_file_invalid: z.object({ problems: z.array(ZLineProblem) }),
} satisfies Partial<Record<ErrorCode, z.ZodType>>;

/** `details` of the codes that have them only sometimes. */
export const OPTIONAL_ERROR_DETAILS = {
  /** A refused bulk input (wishlist CSV or upsert): every problem at once. */
  validation_failed: z.object({ problems: z.array(ZRowProblem) }),
  /** Some of the selected items of a bulk change do not exist (their ids, at most 100). */
  not_found: z.object({ missing: z.array(z.string()) }),
} satisfies Partial<Record<ErrorCode, z.ZodType>>;

export type DetailedErrorCode = keyof typeof ERROR_DETAILS;
export type SometimesDetailedErrorCode = keyof typeof OPTIONAL_ERROR_DETAILS;
export type ErrorDetails<C extends ErrorCode> = C extends DetailedErrorCode
  ? z.infer<(typeof ERROR_DETAILS)[C]>
  : C extends SometimesDetailedErrorCode
    ? z.infer<(typeof OPTIONAL_ERROR_DETAILS)[C]>
    : never;

export const hasDetails = (code: string): code is DetailedErrorCode => Object.hasOwn(ERROR_DETAILS, code);
const mayHaveDetails = (code: string): code is SometimesDetailedErrorCode => Object.hasOwn(OPTIONAL_ERROR_DETAILS, code);

const ZFields = z.record(z.string(), z.string());

/** The body of one code's error response, with its `details` typed when the code has any. */
export function errorBodyOf<C extends ErrorCode>(code: C) {
  const base = { code: z.literal(code), message: z.string(), fields: ZFields.optional() };
  // A detailed code always carries its details; some carry them sometimes; the others never do.
  const details = hasDetails(code) ? ERROR_DETAILS[code] : mayHaveDetails(code) ? OPTIONAL_ERROR_DETAILS[code].optional() : undefined;
  return z.object({ error: z.object(details ? { ...base, details } : base) });
}

/** The body of any error response, as a client reads it before it knows the code. */
export const ZErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: ZFields.optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type TErrorBody = z.infer<typeof ZErrorBody>;

/** The codes answered with this HTTP status. */
export function codesWithStatus(status: number): ErrorCode[] {
  return ERROR_CODES.filter((c) => ERROR_STATUS[c] === status);
}

/**
 * One status's error responses, every code of that status with its own details: what a route
 * lists in its OpenAPI `responses` (and what its serializer checks the error body against).
 */
export function errorResponseOf(status: number) {
  const codes = codesWithStatus(status);
  if (codes.length === 0) throw new Error(`no error code answers with HTTP ${status}`);
  const [first, ...rest] = codes.map((c) => errorBodyOf(c));
  if (rest.length === 0) return first!;
  return z.union([first!, ...rest]);
}

/** The typed details of an error body of this code, or undefined when they are absent or malformed. */
export function detailsOf<C extends DetailedErrorCode | SometimesDetailedErrorCode>(code: C, details: unknown): ErrorDetails<C> | undefined {
  const schema: z.ZodType = hasDetails(code) ? ERROR_DETAILS[code] : OPTIONAL_ERROR_DETAILS[code as SometimesDetailedErrorCode];
  const parsed = schema.safeParse(details);
  return parsed.success ? (parsed.data as ErrorDetails<C>) : undefined;
}
