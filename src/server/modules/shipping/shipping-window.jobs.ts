import { canApply } from '../../../shared/trade-in-machine.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Trx } from '../../platform/db/database.ts';
import { insertEvent, transition, findTradeIn } from '../trade-ins/index.ts';
import { requestLabelVoid } from './label.jobs.ts';
import type { EnqueueFn, NotifyFn } from './ports.ts';

/** Reminders before the ship-by date (docs/product.md §4): a week ahead and two days ahead. */
export const REMINDER_DAYS_BEFORE = [7, 2] as const;
const DAY_MS = 86_400_000;

export const JOB_SHIPPING_REMINDER = 'shipping.reminder';
export const JOB_SHIPPING_EXPIRY = 'shipping.expiry';

/** Schedules the shipping window's deadlines; called inside the accept transaction. */
export async function scheduleShippingWindow(enqueue: EnqueueFn, trx: Trx, tradeInId: string, shipBy: Date, now: Date): Promise<void> {
  for (const days of REMINDER_DAYS_BEFORE) {
    const runAt = new Date(shipBy.getTime() - days * DAY_MS);
    if (runAt > now) {
      await enqueue(trx, JOB_SHIPPING_REMINDER, { tradeInId, daysBefore: days }, { runAt, singletonKey: `${tradeInId}:reminder:${days}` });
    }
  }
  await enqueue(trx, JOB_SHIPPING_EXPIRY, { tradeInId }, { runAt: shipBy, singletonKey: `${tradeInId}:expiry` });
}

export interface ShippingWindowDeps {
  db: Db;
  clock: Clock;
  enqueue: EnqueueFn;
  /** Enqueues the seller's e-mail in the transaction (the notifications module owns the job). */
  notify: NotifyFn;
  /** Claims a one-time effect inside the transaction; false if it was already done. */
  once: (trx: Trx, key: string) => Promise<boolean>;
}

/** A reminder is sent only while the device has not shipped, and only once per reminder. */
export async function runShippingReminder(deps: ShippingWindowDeps, data: { tradeInId: string; daysBefore: number }): Promise<string> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const t = await findTradeIn(trx, data.tradeInId);
    if (!t || !canApply(t.status, 'ship')) return 'skipped';
    if (!(await deps.once(trx, `${t.id}:reminder:${data.daysBefore}`))) return 'already_done';
    await insertEvent(trx, { tradeInId: t.id, type: 'reminder', from: null, to: null, data: { daysBefore: data.daysBefore }, occurredAt: now, recordedAt: now });
    await deps.notify(trx, { template: 'shipping_reminder', tradeInId: t.id, daysBefore: data.daysBefore });
    return 'sent';
  });
}

/**
 * At ship-by with no first scan the trade-in expires, the unit goes back to the wishlist, the
 * label is voided (a job, after the commit) and the seller is told. Before ship-by (even by a second) nothing happens.
 */
export async function runShippingExpiry(deps: ShippingWindowDeps, data: { tradeInId: string }): Promise<string> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const t = await findTradeIn(trx, data.tradeInId);
    if (!t || !canApply(t.status, 'expire')) return 'skipped';
    if (now.getTime() < t.ship_by.getTime()) {
      // Ran early (a clock moved back, a manual run): keep the deadline alive rather than drop it.
      await deps.enqueue(trx, JOB_SHIPPING_EXPIRY, { tradeInId: t.id }, { runAt: t.ship_by, singletonKey: `${t.id}:expiry:${now.getTime()}` });
      return 'not_due';
    }
    await transition(trx, t.id, { event: 'expire', now, data: { shipBy: t.ship_by.toISOString() } });
    await requestLabelVoid(deps.enqueue, trx, t.id);
    await deps.notify(trx, { template: 'expired', tradeInId: t.id });
    return 'expired';
  });
}
