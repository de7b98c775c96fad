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
});

export const ZCarrierEventFlagPage = z.object({
  flags: z.array(ZCarrierEventFlag),
  /** Pass as `before` for the next page; null on the last one. */
  nextBefore: z.number().int().nullable(),
});

export const ZCarrierEventFlagQuery = z.object({
  status: z.enum(['open', 'cleared']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().positive().optional(),
});
