import type { Db, Executor } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { findPayout } from './payouts.repository.ts';
import type { EnqueueFn, NotifyPayoutSeller } from './ports.ts';

/**
 * "Add your bank details to get paid": a payout waiting for details reminds its seller every
 * REMINDER_EVERY_DAYS days, REMINDER_COUNT times at most. Each reminder is a job enqueued in
 * the transaction before it (the first in the approval's), and checks the payout when it runs:
 * once the details are given, the chain stops.
 */
export const JOB_PAYOUT_DETAILS_REMINDER = 'payouts.details-reminder';
export const REMINDER_EVERY_DAYS = 3;
export const REMINDER_COUNT = 3;
const DAY = 86_400_000;

export interface PayoutReminderJob {
  payoutId: string;
  /** 1, 2, … REMINDER_COUNT. */
  n: number;
}

export async function scheduleDetailsReminder(enqueue: EnqueueFn, executor: Executor, payoutId: string, n: number, after: Date): Promise<void> {
  if (n > REMINDER_COUNT) return;
  await enqueue(executor, JOB_PAYOUT_DETAILS_REMINDER, { payoutId, n } satisfies PayoutReminderJob, {
    runAt: new Date(after.getTime() + REMINDER_EVERY_DAYS * DAY),
    singletonKey: `payout-reminder:${payoutId}:${n}`,
  });
}

export interface PayoutReminderDeps {
  db: Db;
  clock: Clock;
  enqueue: EnqueueFn;
  notifySeller: NotifyPayoutSeller;
}

export async function runPayoutReminder(deps: PayoutReminderDeps, job: PayoutReminderJob): Promise<'sent' | 'skipped'> {
  return deps.db.transaction().execute(async (trx) => {
    const p = await findPayout(trx, job.payoutId);
    if (!p || p.status !== 'waiting_for_details') return 'skipped';
    await deps.notifySeller(trx, { template: 'payout_details_reminder', tradeInId: p.trade_in_id, ref: `${p.id}:${job.n}` });
    await scheduleDetailsReminder(deps.enqueue, trx, p.id, job.n + 1, deps.clock.now());
    return 'sent';
  });
}
