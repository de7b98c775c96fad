import { INSPECTION_GRACE_BUSINESS_DAYS } from '../../../shared/deadlines.ts';
import { addBusinessDaysToInstant, localDateOf, startOfLocalDay } from '../../platform/business-days.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Executor, Trx } from '../../platform/db/database.ts';
import { raiseOperatorFlag } from '../../platform/operator-flags.ts';
import { findTradeIn, lockTradeIn, transition } from '../trade-ins/index.ts';
import type { StartPayout } from './ports.ts';

/**
 * The inspection deadline (docs/product.md §5): due 2 business days after delivery (set by the
 * delivery scan); a reminder to the refurbisher's team on the day it falls due; when missed, an
 * operator flag and an e-mail to the team; 2 business days later, still not inspected, the
 * trade-in is approved at the offer price, once, however many workers run the job.
 *
 * "Not inspected" means: still `delivered` AND no inspection on file. A lock hold's inspection
 * followed by "lock cleared" brings a trade-in back to `delivered`; the jobs of the first
 * deadline must leave it alone then (the re-check is the refurbisher's, with its own rules).
 */
export const JOB_INSPECTION_REMINDER = 'inspection.deadline-reminder';
export const JOB_INSPECTION_OVERDUE = 'inspection.deadline-overdue';
export const JOB_INSPECTION_LAPSE = 'inspection.deadline-lapse';

/**
 * The reminder goes at 9:00 market time on the day the inspection falls due (the deadline is the
 * end of that day). The delivery day and the next business day are the team's own to plan; the
 * due day is the one on which a device slips, and a reminder at opening time of that day is
 * still actionable, where one "a business day before" would land on the day after delivery,
 * when nothing is late yet. If that moment has passed (a delivery scan reported late), it goes now.
 */
const REMINDER_HOUR = 9;
export function inspectionReminderAt(dueAt: Date, now: Date): Date {
  const morning = new Date(startOfLocalDay(localDateOf(dueAt)).getTime() + REMINDER_HOUR * 3_600_000);
  return morning > now ? morning : now;
}

/** When a missed inspection is approved automatically at the offer price. */
export const autoApproveAt = (dueAt: Date) => addBusinessDaysToInstant(dueAt, INSPECTION_GRACE_BUSINESS_DAYS);

type Enqueue = (executor: Executor, name: string, data: Record<string, unknown>, opts?: { runAt?: Date; singletonKey?: string }) => Promise<void>;

export interface InspectionDeadlineDeps {
  db: Db;
  /** Product time: the deadlines. */
  clock: Clock;
  /** Security time: dates the operator flag. */
  securityClock: Clock;
  enqueue: Enqueue;
  /** The seller's e-mail when the trade-in is approved because the deadline lapsed. */
  notifySeller: (executor: Executor, mail: { template: 'inspection_lapsed'; tradeInId: string }) => Promise<void>;
  /** The refurbisher team's e-mails (admins and inspectors). */
  notifyOrganisation: (executor: Executor, mail: { template: 'inspection_reminder' | 'inspection_overdue'; tradeInId: string }) => Promise<void>;
  /** The approval's payout (payouts module), in the approving transaction. */
  startPayout: StartPayout;
  /** Claims a one-time effect in the transaction (platform/jobs onceKey). */
  once: (trx: Trx, key: string) => Promise<boolean>;
}

interface DeadlineJob {
  tradeInId: string;
}

/**
 * Schedules the three deadline jobs; called in the delivery scan's transaction, after the
 * trade-in moved to delivered, and again when an earlier delivery scan moves the deadline
 * earlier (keys carry the due time, so the earlier jobs are new; each effect happens once).
 */
export async function scheduleInspectionDeadline(enqueue: Enqueue, trx: Trx, tradeInId: string, now: Date): Promise<void> {
  const t = await findTradeIn(trx, tradeInId);
  if (!t?.inspection_due_at) return;
  const due = t.inspection_due_at;
  if (now < due) {
    await enqueue(trx, JOB_INSPECTION_REMINDER, { tradeInId }, { runAt: inspectionReminderAt(due, now), singletonKey: `${tradeInId}:inspection:reminder:${due.getTime()}` });
  }
  await enqueue(trx, JOB_INSPECTION_OVERDUE, { tradeInId }, { runAt: due, singletonKey: `${tradeInId}:inspection:overdue:${due.getTime()}` });
  await enqueue(trx, JOB_INSPECTION_LAPSE, { tradeInId }, { runAt: autoApproveAt(due), singletonKey: `${tradeInId}:inspection:lapse:${due.getTime()}` });
}

/** Whether any inspection was filed for the trade-in (the inspection module's own table). */
export async function hasInspection(db: Executor, tradeInId: string): Promise<boolean> {
  const row = await db.selectFrom('inspections').select('id').where('trade_in_id', '=', tradeInId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Still waiting for its first inspection: the only state the deadline jobs act on. */
async function awaitingFirstInspection(trx: Trx, tradeInId: string) {
  // Locked: an inspection filed at the same moment either committed first (we see it) or waits for us (its compare-and-set then fails: 409).
  const t = await lockTradeIn(trx, tradeInId);
  if (!t || t.status !== 'delivered' || !t.inspection_due_at) return undefined;
  if (await hasInspection(trx, tradeInId)) return undefined;
  return { ...t, inspection_due_at: t.inspection_due_at };
}

export async function runInspectionReminder(deps: InspectionDeadlineDeps, job: DeadlineJob): Promise<'sent' | 'skipped' | 'already_sent'> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const t = await awaitingFirstInspection(trx, job.tradeInId);
    if (!t || now >= t.inspection_due_at) return 'skipped';
    if (!(await deps.once(trx, `inspection_reminder:${t.id}`))) return 'already_sent';
    await deps.notifyOrganisation(trx, { template: 'inspection_reminder', tradeInId: t.id });
    return 'sent';
  });
}

/** At the deadline, not inspected: an operator flag (it counts against the scorecard) and an e-mail to the team, once. */
export async function runInspectionOverdue(deps: InspectionDeadlineDeps, job: DeadlineJob): Promise<'flagged' | 'not_due' | 'skipped' | 'already_flagged'> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const t = await awaitingFirstInspection(trx, job.tradeInId);
    if (!t) return 'skipped';
    if (now < t.inspection_due_at) {
      // Ran early (a clock moved back, a manual run): keep the deadline alive rather than drop it.
      await deps.enqueue(trx, JOB_INSPECTION_OVERDUE, { tradeInId: t.id }, { runAt: t.inspection_due_at, singletonKey: `${t.id}:inspection:overdue:early:${now.getTime()}` });
      return 'not_due';
    }
    if (!(await deps.once(trx, `inspection_overdue:${t.id}`))) return 'already_flagged';
    await raiseOperatorFlag(trx, deps.securityClock, {
      kind: 'inspection_overdue',
      dedupeKey: `inspection_overdue:${t.id}`,
      tradeInId: t.id,
      details: { refurbisherId: t.refurbisher_id, dueAt: t.inspection_due_at.toISOString() },
    });
    await deps.notifyOrganisation(trx, { template: 'inspection_overdue', tradeInId: t.id });
    return 'flagged';
  });
}

/**
 * 2 business days after a missed deadline, still not inspected: approved at the offer price.
 * The trade-in row is locked and the transition is a compare-and-set, so of any number of
 * workers running this job one approves and the others find it approved.
 */
export async function runInspectionLapse(deps: InspectionDeadlineDeps, job: DeadlineJob): Promise<'approved' | 'not_due' | 'skipped'> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const t = await awaitingFirstInspection(trx, job.tradeInId);
    if (!t) return 'skipped';
    const at = autoApproveAt(t.inspection_due_at);
    if (now < at) {
      await deps.enqueue(trx, JOB_INSPECTION_LAPSE, { tradeInId: t.id }, { runAt: at, singletonKey: `${t.id}:inspection:lapse:early:${now.getTime()}` });
      return 'not_due';
    }
    await transition(trx, t.id, {
      event: 'lapse_inspection',
      now,
      data: { reason: 'inspection_deadline_lapsed', inspectionDueAt: t.inspection_due_at.toISOString(), price: { amountMinor: t.price_minor, currency: t.currency.trim() } },
    });
    await deps.startPayout(trx, t.id);
    await deps.notifySeller(trx, { template: 'inspection_lapsed', tradeInId: t.id });
    return 'approved';
  });
}

export type { DeadlineJob };
