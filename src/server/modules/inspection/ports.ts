import type { Executor, Trx } from '../../platform/db/database.ts';

/** Why a device goes back to its seller (docs/product.md §5): every path into return_pending names one. */
export type ReturnReason = 'counteroffer_rejected' | 'counteroffer_expired' | 'refused' | 'lock_unresolved';

/**
 * Owes the seller a free return: the shipping module issues the prepaid return label and watches
 * the 2-business-day ship-by. Called in the transaction that moves the trade-in to return_pending;
 * wired in runtime.ts (shipping imports trade-ins, inspection cannot import shipping's flows).
 */
export type RequestReturn = (trx: Trx, tradeInId: string, reason: ReturnReason) => Promise<void>;

/**
 * Starts the payout of an approved trade-in (the payouts module's: the approval's ledger entry,
 * payout attempt 1), in the approving transaction; a replay does nothing. Wired in runtime.ts.
 */
export type StartPayout = (trx: Trx, tradeInId: string) => Promise<void>;

/** The seller's e-mails this module causes; the notifications module writes and sends them. */
export interface InspectionMail {
  template: 'approved' | 'counteroffer' | 'counteroffer_reminder' | 'counteroffer_expired' | 'lock_hold' | 'refused';
  tradeInId: string;
  /** Tells two messages of one template apart (a second lock hold). */
  ref?: string;
}
export type NotifySeller = (executor: Executor, mail: InspectionMail) => Promise<void>;

/** The refurbisher's e-mail when the seller says the account is removed (one per lock hold). */
export type NotifyOrganisation = (executor: Executor, mail: { template: 'lock_removed'; tradeInId: string; ref: string }) => Promise<void>;

/** Adds a job in the caller's transaction (platform/jobs `Jobs.enqueue`, narrowed). */
export type EnqueueFn = (executor: Executor, name: string, data: Record<string, unknown>, opts?: { runAt?: Date; singletonKey?: string }) => Promise<void>;
