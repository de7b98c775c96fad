import type { Executor } from '../../platform/db/database.ts';
import { ACH_CLEARING, commissionOf, PLATFORM_COMMISSION, refurbisherReceivable, sellerPayable } from './ledger-accounts.ts';
import { postEntry } from './journal.repository.ts';

/**
 * The money movements of a trade-in, each one balanced journal entry (docs/payouts.md):
 * approval, the payout sent in a batch, and a payout the bank returned. Each is posted in the
 * transaction of the change it records, at most once (unique indexes), so a replay is harmless.
 */

export interface ApprovalPosting {
  tradeInId: string;
  refurbisherId: string;
  sellerId: string;
  /** The price the seller is paid: the offer's, or the accepted counteroffer's. */
  priceMinor: number;
  currency: string;
  commissionBps: number;
  postedAt: Date;
}

/** The refurbisher owes the price plus the commission; the seller is owed the price; the platform earned the commission. */
export async function postApproval(trx: Executor, p: ApprovalPosting): Promise<string | undefined> {
  const commission = commissionOf(p.priceMinor, p.commissionBps);
  return postEntry(trx, {
    kind: 'approval',
    tradeInId: p.tradeInId,
    memo: `Approved trade-in ${p.tradeInId} (commission ${p.commissionBps / 100} %)`,
    currency: p.currency,
    postedAt: p.postedAt,
    lines: [
      { account: refurbisherReceivable(p.refurbisherId), amountMinor: p.priceMinor + commission },
      { account: sellerPayable(p.sellerId), amountMinor: -p.priceMinor },
      ...(commission > 0 ? [{ account: PLATFORM_COMMISSION, amountMinor: -commission }] : []),
    ],
  });
}

export interface PayoutPosting {
  payoutId: string;
  tradeInId: string;
  sellerId: string;
  amountMinor: number;
  currency: string;
  postedAt: Date;
}

/** A payout left in an ACH batch: what the platform owed the seller is now on its way through the bank. */
export function postPayoutSent(trx: Executor, p: PayoutPosting): Promise<string | undefined> {
  return postEntry(trx, {
    kind: 'payout_sent',
    tradeInId: p.tradeInId,
    payoutId: p.payoutId,
    memo: `ACH credit ${p.payoutId} sent`,
    currency: p.currency,
    postedAt: p.postedAt,
    lines: [
      { account: sellerPayable(p.sellerId), amountMinor: p.amountMinor },
      { account: ACH_CLEARING, amountMinor: -p.amountMinor },
    ],
  });
}

/** The bank returned the credit: the money is back, and owed to the seller again (the sent entry is undone by a new one). */
export function postPayoutReturned(trx: Executor, p: PayoutPosting & { returnCode: string; reversesEntryId?: string | null }): Promise<string | undefined> {
  return postEntry(trx, {
    kind: 'payout_returned',
    tradeInId: p.tradeInId,
    payoutId: p.payoutId,
    reversesEntryId: p.reversesEntryId ?? null,
    memo: `ACH credit ${p.payoutId} returned (${p.returnCode})`,
    currency: p.currency,
    postedAt: p.postedAt,
    lines: [
      { account: ACH_CLEARING, amountMinor: p.amountMinor },
      { account: sellerPayable(p.sellerId), amountMinor: -p.amountMinor },
    ],
  });
}
