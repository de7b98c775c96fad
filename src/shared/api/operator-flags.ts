import { z } from 'zod';

/**
 * Things an operator must look at, in one list (GET /api/admin/flags). Each kind says what
 * happened; its `details` are typed per kind and never hold a protected value.
 */
export const OPERATOR_FLAG_KINDS = [
  /** One bank account used by 3 or more sellers (`userIds`); the account itself is never shown. */
  'shared_bank_account',
  /** A trade-in e-mail the protected-data guard refused to send. */
  'blocked_mail',
  /** The carrier scanned the parcel although the seller had cancelled. */
  'scan_after_cancel',
  /** The carrier scanned the parcel after the 21-day shipping window closed. */
  'scan_after_expiry',
  /** The carrier kept failing to issue the inbound label. */
  'label_issue_failed',
  /** The carrier kept failing to void a label. */
  'label_void_failed',
  /** A seller tried to accept with an IMEI on the blocklist: no label was issued. */
  'blocklisted_device',
  /** The refurbisher missed the 2-business-day inspection deadline. */
  'inspection_overdue',
  /** A free return was not shipped (first carrier scan) within 2 business days. */
  'return_not_shipped',
] as const;
export const ZOperatorFlagKind = z.enum(OPERATOR_FLAG_KINDS);
export type OperatorFlagKind = z.infer<typeof ZOperatorFlagKind>;

/** Set on flags moved from the three tables that came before this one: the old table and id (the audit log names old ids). */
const migratedFrom = z.string().optional();

const scanDetails = z.object({
  eventId: z.string(),
  /** The scan's type (picked_up, in_transit, delivered…). */
  eventType: z.string(),
  trackingNumber: z.string(),
  occurredAt: z.string(),
  /** The trade-in's status when the scan was decided. */
  tradeInStatus: z.string(),
  migratedFrom,
});

export const OPERATOR_FLAG_DETAILS = {
  shared_bank_account: z.object({ migratedFrom }),
  /** The message's key names the trade-in and the template, never a value. */
  blocked_mail: z.object({ mailKey: z.string(), migratedFrom }),
  scan_after_cancel: scanDetails,
  scan_after_expiry: scanDetails,
  label_issue_failed: z.object({ error: z.string(), attempts: z.number().int(), migratedFrom }),
  /** `surplus`: a second label the carrier issued for the same trade-in, voided at once (and refused). */
  label_void_failed: z.object({
    error: z.string(),
    attempts: z.number().int().optional(),
    trackingNumber: z.string().optional(),
    surplus: z.boolean().optional(),
    migratedFrom,
  }),
  /** The IMEI is never shown in full: its last 4 digits and the blocklist's reason. */
  blocklisted_device: z.object({ imeiLast4: z.string(), offerId: z.string(), reason: z.string() }),
  inspection_overdue: z.object({ refurbisherId: z.string(), dueAt: z.string() }),
  return_not_shipped: z.object({ refurbisherId: z.string(), shipBy: z.string() }),
} satisfies Record<OperatorFlagKind, z.ZodType>;

export type OperatorFlagDetails = { [K in OperatorFlagKind]: z.infer<(typeof OPERATOR_FLAG_DETAILS)[K]> };

const common = {
  id: z.number().int(),
  status: z.enum(['open', 'cleared']),
  /** The trade-in the flag concerns, if any. */
  tradeInId: z.string().nullable(),
  /** The sellers it concerns (user ids), if any. */
  userIds: z.array(z.string()),
  createdAt: z.string(),
  /** When it was last raised again (the same incident is one flag). */
  updatedAt: z.string(),
  /** Who cleared the flag (a user id), when, and why; null while it is open. */
  clearedBy: z.string().nullable(),
  clearedAt: z.string().nullable(),
  clearedNote: z.string().nullable(),
};

const flagOf = <K extends OperatorFlagKind>(kind: K) => z.object({ ...common, kind: z.literal(kind), details: OPERATOR_FLAG_DETAILS[kind] });

export const ZOperatorFlag = z.discriminatedUnion('kind', [
  flagOf('shared_bank_account'),
  flagOf('blocked_mail'),
  flagOf('scan_after_cancel'),
  flagOf('scan_after_expiry'),
  flagOf('label_issue_failed'),
  flagOf('label_void_failed'),
  flagOf('blocklisted_device'),
  flagOf('inspection_overdue'),
  flagOf('return_not_shipped'),
]);
export type TOperatorFlag = z.infer<typeof ZOperatorFlag>;

/** A page cursor: the last flag's status and id (`open:41`, `cleared:7`); open flags come first. */
export const ZFlagCursor = z
  .string()
  .regex(/^(open|cleared):[1-9][0-9]{0,14}$/, 'A cursor is the nextCursor of the previous page')
  .transform((s) => {
    const [status, id] = s.split(':') as ['open' | 'cleared', string];
    return { status, id: Number(id) };
  });

export const ZOperatorFlagQuery = z.object({
  status: z.enum(['open', 'cleared']).optional(),
  kind: ZOperatorFlagKind.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  after: ZFlagCursor.optional(),
  /** `csv`: the whole filtered list (every page) as CSV. */
  format: z.enum(['json', 'csv']).default('json'),
});

export const ZOperatorFlagPage = z.object({
  /** Open flags first, newest first within each status. */
  flags: z.array(ZOperatorFlag),
  /** Pass as `after` for the next page; null on the last one. */
  nextCursor: z.string().nullable(),
  /** How many flags the filter matches, all pages together. */
  total: z.number().int(),
});
export type TOperatorFlagPage = z.infer<typeof ZOperatorFlagPage>;

/** Plain text an operator types: no control characters (a NUL would not even store), at most 500 characters. */
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** POST /api/admin/flags/:id/clear: why the flag needs nothing more. Kept on the flag and in the audit log. */
export const ZClearOperatorFlag = z.object({
  note: z
    .string({ error: 'A note is required: say why this needs nothing more' })
    .trim()
    .min(3, 'Write a note of at least 3 characters')
    .max(500, 'Keep the note under 500 characters')
    .refine((s) => !CONTROL_CHARS.test(s), 'The note contains control characters that are not allowed'),
});
export type TClearOperatorFlag = z.infer<typeof ZClearOperatorFlag>;

export const ZOperatorFlagId = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
