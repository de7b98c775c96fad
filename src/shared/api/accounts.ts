import { z } from 'zod';
import { ACCOUNT_TYPES } from '../seller-details.ts';

/** Who a signed-in user is; better-auth stores it in user.role. */
export const USER_ROLES = ['seller', 'refurbisher', 'operator'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** The seller fields kept sealed at rest and masked on the way out; an operator may reveal one (audited). */
export const PROTECTED_FIELDS = ['dateOfBirth', 'licenceNumber', 'ssnLast4', 'routingNumber', 'accountNumber'] as const;
export type ProtectedField = (typeof PROTECTED_FIELDS)[number];

/**
 * Response contracts of the accounts routes, shared with the web app. Masked values are checked on the way out: a
 * protected field can only leave as a string that starts with the mask, so a plaintext that
 * slipped into a presenter fails the response schema (500) instead of reaching the client.
 */
const ZMasked = z.string().regex(/^••••/, 'must be masked');

export const ZSessionUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(USER_ROLES),
  refurbisherId: z.string().nullable(),
});

/** What a seller has on file, in the terms of accepting an offer (payout may come later). */
export const ZReadiness = z.object({
  profileComplete: z.boolean(),
  isAdult: z.boolean(),
  identityComplete: z.boolean(),
  payoutComplete: z.boolean(),
  /** The e-mail address was confirmed through the link we sent (better-auth's verification); needed to accept. */
  emailVerified: z.boolean(),
});
export type TReadiness = z.infer<typeof ZReadiness>;

export const ZMe = z.object({
  user: ZSessionUser,
  profile: z
    .object({
      legalName: z.object({ first: z.string(), last: z.string() }),
      dateOfBirth: ZMasked,
      address: z.object({ line1: z.string(), line2: z.string().nullable(), city: z.string(), state: z.string(), zip: z.string() }),
      phone: z.string(),
    })
    .nullable(),
  identity: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('drivers_license'), number: ZMasked, state: z.string() }),
      z.object({ kind: z.literal('ssn_last4'), last4: ZMasked }),
    ])
    .nullable(),
  payoutMethod: z
    .object({
      routingNumber: ZMasked,
      accountNumber: ZMasked,
      accountType: z.enum(ACCOUNT_TYPES),
      holderNames: z.array(z.string()),
    })
    .nullable(),
  readiness: ZReadiness,
});
export type TMe = z.infer<typeof ZMe>;

/** "Send it again": where the link should lead on to after confirming (a path of this site). */
export const ZResendVerificationInput = z.object({
  next: z.string().max(500, 'Keep the path under 500 characters').regex(/^\/(?![/\\])/, 'A path of this site, starting with /').optional(),
});
export type TResendVerificationInput = z.infer<typeof ZResendVerificationInput>;
export const ZVerificationQueued = z.object({ queued: z.literal(true) });
export type TVerificationQueued = z.infer<typeof ZVerificationQueued>;

export const ZProtectedField = z.enum(PROTECTED_FIELDS, {
  error: `Field must be one of ${PROTECTED_FIELDS.join(', ')}`,
});

export const ZRevealInput = z.object({
  field: ZProtectedField,
  reason: z
    .string({ error: 'A reason is required' })
    .trim()
    .min(10, 'Give a reason of at least 10 characters (it is kept in the audit log)')
    .max(500, 'Keep the reason under 500 characters'),
});

export const ZRevealed = z.object({ field: ZProtectedField, value: z.string() });

export const ZAuditEntry = z.object({
  id: z.number(),
  actorId: z.string(),
  action: z.string(),
  subject: z.string(),
  field: z.string().nullable(),
  reason: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: z.string(),
});
/** `nextBefore` pages with the `before` cursor; `total`, `limit` and `offset` page by position (the operator console). */
export const ZAuditPage = z.object({ entries: z.array(ZAuditEntry), nextBefore: z.number().nullable(), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
export type TAuditPage = z.infer<typeof ZAuditPage>;

