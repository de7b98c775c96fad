import { z } from 'zod';
import { ZMoney } from './common.ts';

/**
 * Getting paid (docs/payouts.md): the seller's payout on a trade-in, the operator's payouts,
 * ACH batches and the bank's returns. Dates without a time are 'YYYY-MM-DD' in the market's
 * time zone; instants are ISO strings. Bank details only ever appear masked (last 4).
 */

export const PAYOUT_STATUSES = ['waiting_for_details', 'ready', 'sent', 'returned'] as const;
export const ZPayoutStatus = z.enum(PAYOUT_STATUSES);

const ZLocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const ZArrival = z.object({ from: ZLocalDate, to: ZLocalDate });
export type TArrival = z.infer<typeof ZArrival>;

/** The payout of a trade-in as its seller sees it (GET /api/trade-ins/:id → `payout`). */
export const ZSellerPayout = z.object({
  id: z.string(),
  status: ZPayoutStatus,
  amount: ZMoney,
  /** 1, then 2 after a returned payment was corrected, … */
  attempt: z.number().int(),
  /** The account it goes (or went) to, masked; null while the seller has given no bank details. */
  accountMasked: z.string().nullable(),
  /** When the batch it leaves with closes (ready), or when it left (sent). */
  sendsAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  /** The dates the money should reach the bank, from the batch's effective date and the business-day calendar. */
  expectedArrival: ZArrival.nullable(),
  /** The bank sent it back: its code and what the seller should do. */
  returned: z.object({ code: z.string(), reason: z.string(), at: z.string() }).nullable(),
});
export type TSellerPayout = z.infer<typeof ZSellerPayout>;

export const ACH_CORRECTED_FIELDS = ['routing_number', 'account_number', 'account_type', 'routing_and_account', 'account_and_type', 'holder_name'] as const;

/** A notification of change from the seller's bank, shown to the seller to confirm (never applied silently). */
export const ZPayoutChangeNotice = z.object({
  id: z.string(),
  code: z.string(),
  field: z.enum(ACH_CORRECTED_FIELDS),
  /** What the bank says the details should be, masked. */
  proposed: z.object({ routingMasked: z.string().nullable(), accountMasked: z.string().nullable(), accountType: z.enum(['checking', 'savings']).nullable() }),
  receivedAt: z.string(),
});
export type TPayoutChangeNotice = z.infer<typeof ZPayoutChangeNotice>;

// --- operators ---

/** Why a payout has not left yet (the operator console's "payouts waiting"). */
export const ZPayoutWaitingReason = z.enum(['no_bank_details', 'next_batch', 'returned_awaiting_correction']);

export const ZAdminPayout = z.object({
  id: z.string(),
  tradeInId: z.string(),
  sellerId: z.string(),
  sellerName: z.string(),
  refurbisherId: z.string(),
  status: ZPayoutStatus,
  waitingReason: ZPayoutWaitingReason.nullable(),
  amount: ZMoney,
  attempt: z.number().int(),
  accountMasked: z.string().nullable(),
  batchId: z.string().nullable(),
  traceNumber: z.string().nullable(),
  createdAt: z.string(),
  readyAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  returnCode: z.string().nullable(),
});
export type TAdminPayout = z.infer<typeof ZAdminPayout>;

export const ZPayoutBatch = z.object({
  id: z.string(),
  businessDate: ZLocalDate,
  /** 'standard' (next-day) or 'same_day_1', 'same_day_2', … */
  window: z.string(),
  sameDay: z.boolean(),
  cutoffAt: z.string(),
  effectiveDate: ZLocalDate,
  fileName: z.string(),
  entryCount: z.number().int(),
  total: ZMoney,
  createdAt: z.string(),
  /** An operator's user id, or 'scheduler'. */
  createdBy: z.string(),
  fileWrittenAt: z.string().nullable(),
  fileSha256: z.string().nullable(),
});
export type TPayoutBatch = z.infer<typeof ZPayoutBatch>;

/** POST /api/admin/payout-batches: close the window that is due now (the default) or a named one of today. */
export const ZCreatePayoutBatch = z.object({ window: z.string().regex(/^(standard|same_day_[1-9])$/).optional() }).strict();
export const ZCreatePayoutBatchResult = z.object({
  /** The window's batch, new or the one that already existed (two operators at once get the same one). */
  batch: ZPayoutBatch.nullable(),
  created: z.boolean(),
  /** Why there is no batch (nothing ready to send). */
  message: z.string().nullable(),
});
export type TCreatePayoutBatchResult = z.infer<typeof ZCreatePayoutBatchResult>;

export const ZAchReturnRecord = z.object({
  id: z.string(),
  payoutId: z.string(),
  tradeInId: z.string(),
  kind: z.enum(['return', 'notification_of_change']),
  code: z.string(),
  /** The code's meaning (R03 "No account / unable to locate account"). */
  title: z.string(),
  traceNumber: z.string(),
  source: z.enum(['file', 'manual']),
  fileName: z.string().nullable(),
  recordedBy: z.string(),
  receivedAt: z.string(),
  resolution: z.enum(['confirmed', 'dismissed']).nullable(),
});
export type TAchReturnRecord = z.infer<typeof ZAchReturnRecord>;

/** POST /api/admin/ach-returns (the bank's file as text/plain, ?fileName=): all of it recorded, or nothing. */
export const ZAchReturnUploadResult = z.object({
  fileName: z.string(),
  returns: z.number().int(),
  changes: z.number().int(),
  /** Entries recorded by an earlier upload of the same file (nothing done twice). */
  alreadyRecorded: z.number().int(),
  items: z.array(ZAchReturnRecord),
});
export type TAchReturnUploadResult = z.infer<typeof ZAchReturnUploadResult>;

/** POST /api/admin/ach-returns/manual: a return the bank reported another way (phone, portal). */
export const ZManualAchReturn = z.object({ payoutId: z.string().min(1).max(64), code: z.string().regex(/^R\d{2}$/, 'an R code such as R03'), note: z.string().trim().min(1).max(500) }).strict();
