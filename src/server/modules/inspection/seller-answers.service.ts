import type { TAftercare, TSellerAnswerResult } from '../../../shared/api/inspection.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Trx } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { requestHash, withIdempotency } from '../../platform/idempotency.ts';
import { findTradeIn, insertEvent, lockTradeIn, transition } from '../trade-ins/index.ts';
import { closeCounteroffer, findLatestCounteroffer, findOpenLockHold, markSellerCleared } from './inspection.repository.ts';
import type { NotifyOrganisation, NotifySeller, RequestReturn, StartPayout } from './ports.ts';

export interface SellerAnswerDeps {
  db: Db;
  clock: Clock;
  notifySeller: NotifySeller;
  notifyOrganisation: NotifyOrganisation;
  requestReturn: RequestReturn;
  startPayout: StartPayout;
  /** The seller's view after delivery, as the trade-in page shows it (composed in runtime.ts). */
  aftercare: (db: Executor, tradeInId: string) => Promise<TAftercare>;
}

export type SellerAnswer = 'accept' | 'reject' | 'lock_removed';

const PATH: Record<SellerAnswer, string> = { accept: 'counteroffer/accept', reject: 'counteroffer/reject', lock_removed: 'lock-removed' };
/** Idempotency scopes of their own: the offer's accept already uses `accept:`. */
const SCOPE: Record<SellerAnswer, string> = { accept: 'counteroffer-accept', reject: 'counteroffer-reject', lock_removed: 'lock-removed' };

/** The seller's own trade-in, locked for the answer; another seller's is "not found". */
async function ownLocked(trx: Trx, sellerId: string, id: string) {
  const t = await lockTradeIn(trx, id);
  if (!t || t.seller_id !== sellerId) throw notFound('Trade-in');
  return t;
}

async function answerCounteroffer(deps: SellerAnswerDeps, trx: Trx, sellerId: string, id: string, answer: 'accept' | 'reject', now: Date) {
  const t = await ownLocked(trx, sellerId, id);
  const co = await findLatestCounteroffer(trx, id);
  // Expired, already answered, or never made: the answer comes too late (or to nothing).
  if (t.status !== 'counteroffered' || !co || co.state !== 'open') {
    const why = co && co.state !== 'open' ? `This counteroffer is already ${co.state}` : 'There is no counteroffer to answer on this trade-in';
    throw new AppError('invalid_transition', why, { details: { status: t.status } });
  }
  if (!(await closeCounteroffer(trx, co.id, answer === 'accept' ? 'accepted' : 'rejected', now))) {
    throw new AppError('conflict', 'The counteroffer changed at the same time; reload and try again');
  }
  const currency = co.currency.trim();
  if (answer === 'accept') {
    // From here the counteroffer's price is the price: the one the payout sends.
    await transition(trx, id, {
      event: 'accept_counteroffer',
      now,
      set: { price_minor: co.price_minor },
      data: { by: 'seller', price: { amountMinor: co.price_minor, currency }, previousPrice: { amountMinor: co.original_price_minor, currency } },
    });
    await deps.startPayout(trx, id);
    await deps.notifySeller(trx, { template: 'approved', tradeInId: id });
  } else {
    await transition(trx, id, { event: 'reject_counteroffer', now, data: { by: 'seller' } });
    await deps.requestReturn(trx, id, 'counteroffer_rejected');
  }
}

/** "I removed it": recorded on the open lock hold, and the refurbisher is told to check again. The status stays until it does. */
async function lockRemoved(deps: SellerAnswerDeps, trx: Trx, sellerId: string, id: string, now: Date) {
  const t = await ownLocked(trx, sellerId, id);
  const hold = t.status === 'account_locked' ? await findOpenLockHold(trx, id) : undefined;
  if (!hold) throw new AppError('invalid_transition', 'This trade-in is not waiting for an account to be removed', { details: { status: t.status } });
  if (await markSellerCleared(trx, hold.id, now)) {
    await insertEvent(trx, { tradeInId: id, type: 'lock_removed', from: null, to: null, data: { by: 'seller' }, occurredAt: now, recordedAt: now });
    await deps.notifyOrganisation(trx, { template: 'lock_removed', tradeInId: id, ref: hold.id });
  }
}

/** One seller answer, once per Idempotency-Key, in one transaction with its status change. */
export async function sellerAnswer(
  deps: SellerAnswerDeps,
  sellerId: string,
  id: string,
  answer: SellerAnswer,
  idempotencyKey: string,
): Promise<{ body: TSellerAnswerResult; replayed: boolean }> {
  const now = deps.clock.now();
  const hash = requestHash({ method: 'POST', path: `/api/trade-ins/${id}/${PATH[answer]}`, body: null });
  const result = await deps.db.transaction().execute((trx) =>
    withIdempotency(trx, { scope: `${SCOPE[answer]}:${sellerId}`, key: idempotencyKey, hash, now }, async () => {
      if (answer === 'lock_removed') await lockRemoved(deps, trx, sellerId, id, now);
      else await answerCounteroffer(deps, trx, sellerId, id, answer, now);
      return { status: 200, body: null };
    }),
  );
  const t = await findTradeIn(deps.db, id);
  if (!t || t.seller_id !== sellerId) throw notFound('Trade-in');
  return {
    replayed: result.replayed,
    body: { id, status: t.status, price: { amountMinor: t.price_minor, currency: t.currency.trim() }, aftercare: await deps.aftercare(deps.db, id) },
  };
}
