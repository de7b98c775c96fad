import type { Clock } from '../../platform/clock.ts';
import type { Keyring } from '../../platform/crypto.ts';
import type { Executor, Trx } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { openPayoutMethodForCopy } from '../accounts/index.ts';
import { postApproval } from '../ledger/index.ts';
import { findCommissionBps } from '../refurbishers/index.ts';
import { findTradeIn, tradeInIdsOfSeller } from '../trade-ins/index.ts';
import { copyDetails } from './bank-details.ts';
import { scheduleDetailsReminder } from './payout-reminder.job.ts';
import { findLatestPayout, insertPayout, lockSellerPayouts, markReady, waitingPayoutsOfSeller } from './payouts.repository.ts';
import type { EnqueueFn, NotifyPayoutSeller } from './ports.ts';

export interface PayoutDeps {
  /** Product time: the approval's posting date, when a payout became ready, the reminders. */
  clock: Clock;
  /** Opens the seller's bank details and seals the payout's copy. */
  keyring: Keyring;
  notifySeller: NotifyPayoutSeller;
  enqueue: EnqueueFn;
}

/**
 * One payout per approval (docs/payouts/payouts.md), run in the approving transaction (a
 * match, an accepted counteroffer, a lapsed inspection): the approval's ledger entry (the
 * refurbisher owes the price and the commission, the seller is owed the price), then payout
 * attempt 1 — ready with the seller's bank details in force copied, or waiting for them (the
 * seller is e-mailed at once and reminded). A replay finds the payout and does nothing: the
 * database allows one approval entry and one live payout per trade-in.
 */
export async function startPayout(deps: PayoutDeps, trx: Trx, tradeInId: string): Promise<'started' | 'already_started'> {
  const t = await findTradeIn(trx, tradeInId);
  if (!t) throw new Error(`trade-in ${tradeInId} not found`);
  await lockSellerPayouts(trx, t.seller_id);
  if (await findLatestPayout(trx, tradeInId)) return 'already_started';
  const now = deps.clock.now();
  const currency = t.currency.trim();
  await postApproval(trx, {
    tradeInId,
    refurbisherId: t.refurbisher_id,
    sellerId: t.seller_id,
    priceMinor: t.price_minor,
    currency,
    commissionBps: await findCommissionBps(trx, t.refurbisher_id),
    postedAt: now,
  });
  const id = newId('payout', now.getTime());
  const method = await openPayoutMethodForCopy(trx, deps.keyring, t.seller_id);
  const base = { id, trade_in_id: tradeInId, seller_id: t.seller_id, refurbisher_id: t.refurbisher_id, attempt: 1, amount_minor: t.price_minor, currency, created_at: now };
  const inserted = method
    ? await insertPayout(trx, { ...base, ...copyDetails(deps.keyring, id, method), status: 'ready', ready_at: now })
    : await insertPayout(trx, { ...base, status: 'waiting_for_details' });
  if (!inserted) return 'already_started';
  if (!method) {
    await deps.notifySeller(trx, { template: 'payout_details_needed', tradeInId, ref: id });
    await scheduleDetailsReminder(deps.enqueue, trx, id, 1, now);
  }
  return 'started';
}

/**
 * The seller saved bank details (in that transaction): every payout of theirs waiting for
 * details becomes ready with these copied, and every trade-in on hold after a returned payout
 * gets a new attempt, ready. Payouts already ready or sent keep the details they copied.
 */
export async function afterPayoutMethodSaved(deps: PayoutDeps, trx: Executor, sellerId: string): Promise<{ released: number; retried: number }> {
  await lockSellerPayouts(trx, sellerId);
  const method = await openPayoutMethodForCopy(trx, deps.keyring, sellerId);
  if (!method) return { released: 0, retried: 0 };
  const now = deps.clock.now();
  let released = 0;
  for (const p of await waitingPayoutsOfSeller(trx, sellerId)) {
    if (await markReady(trx, p.id, copyDetails(deps.keyring, p.id, method), now)) released++;
  }
  let retried = 0;
  // The trade-in's status says it is on hold after a returned payout; its last attempt is checked below.
  for (const tradeInId of await tradeInIdsOfSeller(trx, sellerId, 'payout_on_hold')) {
    const last = await findLatestPayout(trx, tradeInId);
    if (!last || last.status !== 'returned') continue;
    const id = newId('payout', now.getTime());
    const inserted = await insertPayout(trx, {
      id,
      trade_in_id: tradeInId,
      seller_id: sellerId,
      refurbisher_id: last.refurbisher_id,
      attempt: last.attempt + 1,
      amount_minor: last.amount_minor,
      currency: last.currency.trim(),
      created_at: now,
      ...copyDetails(deps.keyring, id, method),
      status: 'ready',
      ready_at: now,
    });
    if (inserted) retried++;
  }
  return { released, retried };
}
