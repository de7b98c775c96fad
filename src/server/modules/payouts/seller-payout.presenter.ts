import type { TArrival, TSellerPayout } from '../../../shared/api/payouts.ts';
import type { Keyring } from '../../platform/crypto.ts';
import type { Executor } from '../../platform/db/database.ts';
import { maskedAccount } from './bank-details.ts';
import { findBatchDates, findLatestPayout, findReturnOf } from './payouts.repository.ts';

/** The ACH calendar as the seller's view needs it (payouts/ach-calendar.ts, bound in payouts.wiring.ts). */
export interface PayoutCalendar {
  /** The next batch a payout ready now leaves with: its cutoff, and its effective entry date ('YYYY-MM-DD'). */
  nextWindow(now: Date): { cutoffAt: Date; effectiveDate: string };
  /** The dates the money should reach the seller's bank, from an effective entry date. */
  expectedArrival(effectiveDate: string): TArrival;
}

export interface SellerPayoutDeps {
  keyring: Keyring;
  calendar: PayoutCalendar;
  /** What a return code means for the seller ("the account number does not exist"). */
  returnReason(code: string): string;
}

/**
 * The trade-in's payout as its seller sees it (GET /api/trade-ins/:id → payout, the e-mails):
 * its latest attempt, the account masked (never the full number), and dates, not "3–6 days":
 * a ready payout's from the next batch's effective date, a sent one's from its batch's.
 */
export async function sellerPayoutOf(deps: SellerPayoutDeps, db: Executor, tradeInId: string, now: Date): Promise<TSellerPayout | null> {
  const p = await findLatestPayout(db, tradeInId);
  if (!p) return null;
  let sendsAt: string | null = null;
  let expectedArrival: TArrival | null = null;
  if (p.status === 'ready') {
    const w = deps.calendar.nextWindow(now);
    sendsAt = w.cutoffAt.toISOString();
    expectedArrival = deps.calendar.expectedArrival(w.effectiveDate);
  } else if (p.status === 'sent' && p.batch_id) {
    const batch = await findBatchDates(db, p.batch_id);
    sendsAt = p.sent_at?.toISOString() ?? null;
    if (batch) expectedArrival = deps.calendar.expectedArrival(batch.effective_date);
  }
  const ret = p.status === 'returned' ? await findReturnOf(db, p.id) : undefined;
  return {
    id: p.id,
    status: p.status,
    amount: { amountMinor: Number(p.amount_minor), currency: p.currency.trim() },
    attempt: p.attempt,
    accountMasked: p.account_number_sealed ? maskedAccount(deps.keyring, p.id, p.account_number_sealed) : null,
    sendsAt,
    sentAt: p.sent_at?.toISOString() ?? null,
    expectedArrival,
    returned:
      p.status === 'returned'
        ? { code: ret?.code ?? '', reason: ret ? deps.returnReason(ret.code) : 'The bank sent the payment back', at: (ret?.received_at ?? p.returned_at ?? now).toISOString() }
        : null,
  };
}
