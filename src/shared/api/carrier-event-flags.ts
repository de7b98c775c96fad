import { z } from 'zod';

/** A carrier scan an operator has to look at (GET /api/admin/carrier-event-flags). */
export const ZCarrierEventFlag = z.object({
  id: z.number().int(),
  /** scan_after_cancel: the device moved although the seller had cancelled; scan_after_expiry: after the 21-day window closed. */
  reason: z.enum(['scan_after_cancel', 'scan_after_expiry']),
  status: z.enum(['open', 'cleared']),
  tradeInId: z.string(),
  /** The trade-in's status when the scan was decided. */
  tradeInStatus: z.string(),
  eventId: z.string(),
  type: z.string(),
  trackingNumber: z.string(),
  occurredAt: z.string(),
  receivedAt: z.string(),
  createdAt: z.string(),
  /** Who cleared the flag (a user id), when, and why; null while it is open. */
  clearedBy: z.string().nullable(),
  clearedAt: z.string().nullable(),
  clearedNote: z.string().nullable(),
});

export type TCarrierEventFlag = z.infer<typeof ZCarrierEventFlag>;

export const ZCarrierEventFlagPage = z.object({
  flags: z.array(ZCarrierEventFlag),
  /** Pass as `before` for the next page; null on the last one. */
  nextBefore: z.number().int().nullable(),
});

export type TCarrierEventFlagPage = z.infer<typeof ZCarrierEventFlagPage>;

export const ZCarrierEventFlagQuery = z.object({
  status: z.enum(['open', 'cleared']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().positive().optional(),
});

/** Plain text an operator types: no control characters (a NUL would not even store), at most 500 characters. */
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** POST /api/admin/carrier-event-flags/:id/clear: why the scan needs nothing more. Kept on the flag and in the audit log. */
export const ZClearCarrierEventFlag = z.object({
  note: z
    .string({ error: 'A note is required: say why this scan needs nothing more' })
    .trim()
    .min(3, 'Write a note of at least 3 characters')
    .max(500, 'Keep the note under 500 characters')
    .refine((s) => !CONTROL_CHARS.test(s), 'The note contains control characters that are not allowed'),
});
export type TClearCarrierEventFlag = z.infer<typeof ZClearCarrierEventFlag>;

export const ZCarrierEventFlagId = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
