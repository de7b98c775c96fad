import { COUNTEROFFER_ANSWER_DAYS, COUNTEROFFER_REMINDER_AFTER_DAYS, LOCK_HOLD_DAYS } from '../../../shared/deadlines.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Trx } from '../../platform/db/database.ts';
import { insertEvent, lockTradeIn, transition } from '../trade-ins/index.ts';
import { closeCounteroffer, findCounteroffer, findLockHold, resolveLockHold } from './inspection.repository.ts';
import type { EnqueueFn, NotifySeller, RequestReturn } from './ports.ts';

/** The seller's answers run on calendar days (docs/product.md §5: "7 days to answer"), not business days. */
const DAY_MS = 86_400_000;

export const JOB_COUNTEROFFER_REMINDER = 'inspection.counteroffer-reminder';
export const JOB_COUNTEROFFER_EXPIRY = 'inspection.counteroffer-expiry';
export const JOB_LOCK_HOLD_LAPSE = 'inspection.lock-hold-lapse';

export const counterofferDueAt = (now: Date) => new Date(now.getTime() + COUNTEROFFER_ANSWER_DAYS * DAY_MS);
export const lockHoldDueAt = (now: Date) => new Date(now.getTime() + LOCK_HOLD_DAYS * DAY_MS);

/** Schedules a counteroffer's reminder and expiry; called in the transaction that opens it. */
export async function scheduleCounteroffer(enqueue: EnqueueFn, trx: Trx, c: { id: string; createdAt: Date; dueAt: Date }): Promise<void> {
  const remindAt = new Date(c.createdAt.getTime() + COUNTEROFFER_REMINDER_AFTER_DAYS * DAY_MS);
  await enqueue(trx, JOB_COUNTEROFFER_REMINDER, { counterofferId: c.id }, { runAt: remindAt, singletonKey: `${c.id}:reminder` });
  await enqueue(trx, JOB_COUNTEROFFER_EXPIRY, { counterofferId: c.id }, { runAt: c.dueAt, singletonKey: `${c.id}:expiry` });
}

/** Schedules the end of a lock hold; called in the transaction that opens it. */
export async function scheduleLockHold(enqueue: EnqueueFn, trx: Trx, h: { id: string; dueAt: Date }): Promise<void> {
  await enqueue(trx, JOB_LOCK_HOLD_LAPSE, { lockHoldId: h.id }, { runAt: h.dueAt, singletonKey: `${h.id}:lapse` });
}

export interface DeadlineDeps {
  db: Db;
  clock: Clock;
  enqueue: EnqueueFn;
  notifySeller: NotifySeller;
  requestReturn: RequestReturn;
  /** Claims a one-time effect inside the transaction; false if it was already done. */
  once: (trx: Trx, key: string) => Promise<boolean>;
}

/** A reminder only while the counteroffer is open, and only once. */
export async function runCounterofferReminder(deps: DeadlineDeps, data: { counterofferId: string }): Promise<string> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const co = await findCounteroffer(trx, data.counterofferId);
    if (!co || co.state !== 'open') return 'skipped';
    if (!(await deps.once(trx, `${co.id}:reminder`))) return 'already_done';
    await insertEvent(trx, { tradeInId: co.trade_in_id, type: 'counteroffer_reminder', from: null, to: null, data: { dueAt: co.due_at.toISOString() }, occurredAt: now, recordedAt: now });
    await deps.notifySeller(trx, { template: 'counteroffer_reminder', tradeInId: co.trade_in_id });
    return 'sent';
  });
}

/**
 * An unanswered counteroffer expires into a free return, never into an acceptance. The trade-in
 * is locked first, so a seller's answer at the same moment either lands before (and this finds
 * the counteroffer closed) or after (and gets 409). Early (a clock moved back): kept alive.
 */
export async function runCounterofferExpiry(deps: DeadlineDeps, data: { counterofferId: string }): Promise<string> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const co = await findCounteroffer(trx, data.counterofferId);
    if (!co) return 'skipped';
    await lockTradeIn(trx, co.trade_in_id);
    if (co.state !== 'open') return 'skipped';
    if (now.getTime() < co.due_at.getTime()) {
      await deps.enqueue(trx, JOB_COUNTEROFFER_EXPIRY, { counterofferId: co.id }, { runAt: co.due_at, singletonKey: `${co.id}:expiry:${now.getTime()}` });
      return 'not_due';
    }
    if (!(await closeCounteroffer(trx, co.id, 'expired', now))) return 'skipped';
    await transition(trx, co.trade_in_id, { event: 'expire_counteroffer', now, data: { dueAt: co.due_at.toISOString() } });
    await deps.requestReturn(trx, co.trade_in_id, 'counteroffer_expired');
    await deps.notifySeller(trx, { template: 'counteroffer_expired', tradeInId: co.trade_in_id });
    return 'expired';
  });
}

/** A lock hold nobody resolved in time: the device goes back to its seller. */
export async function runLockHoldLapse(deps: DeadlineDeps, data: { lockHoldId: string }): Promise<string> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const hold = await findLockHold(trx, data.lockHoldId);
    if (!hold) return 'skipped';
    const t = await lockTradeIn(trx, hold.trade_in_id);
    if (hold.resolved_at || t?.status !== 'account_locked') return 'skipped';
    if (now.getTime() < hold.due_at.getTime()) {
      await deps.enqueue(trx, JOB_LOCK_HOLD_LAPSE, { lockHoldId: hold.id }, { runAt: hold.due_at, singletonKey: `${hold.id}:lapse:${now.getTime()}` });
      return 'not_due';
    }
    if (!(await resolveLockHold(trx, hold.id, 'lapsed', now))) return 'skipped';
    await transition(trx, hold.trade_in_id, { event: 'lock_unresolved', now, data: { dueAt: hold.due_at.toISOString() } });
    await deps.requestReturn(trx, hold.trade_in_id, 'lock_unresolved');
    return 'lapsed';
  });
}
