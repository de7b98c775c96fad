import type { Executor } from '../../platform/db/database.ts';
import { QUEUE_PROFILES, type Jobs } from '../../platform/jobs/index.ts';
import { achWindows, nextWindow, type AchWindow } from './ach-calendar.ts';
import { batchPayoutsAfter } from './batches.repository.ts';
import { createBatchForWindow, JOB_BATCH_MAILS, type BatchesDeps, type BatchMailsJob } from './batches.service.ts';

/** The job at a window's cutoff that closes it (creates its batch and file) and schedules the next window. */
export const JOB_BATCH_WINDOW = 'payouts.batch-window';
interface BatchWindowJob {
  businessDate: string;
  window: string;
}

/** Sellers' e-mails enqueued per fan-out page (each page one transaction, one job for the next page). */
const MAIL_PAGE = 500;

/** The seller's "payment sent" e-mail (the notifications module's template of that name). */
const PAYMENT_SENT = 'payment_sent';

export interface PayoutBatchJobsDeps extends BatchesDeps {
  jobs: Jobs;
  /** Enqueues a trade-in e-mail in the caller's transaction (the notifications module's `notify`, one job per e-mail by its key). */
  notify(executor: Executor, mail: { template: string; tradeInId: string; ref?: string }): Promise<void>;
}

const windowKey = (w: { businessDate: string; name: string }) => `${w.businessDate}:${w.name}`;

/**
 * Registers the batch scheduler and the e-mail fan-out (docs/payouts/batches.md). The scheduler
 * is one job per window, due at its cutoff by the product clock (the demo clock moves it), keyed
 * by the window: however many processes schedule it, it runs once; it creates that window's
 * batch (or finishes its file) and schedules the next window. Returns how to schedule the first
 * one (after jobs.start(), from every process).
 */
export function registerPayoutBatches(deps: PayoutBatchJobsDeps): { schedule(): Promise<void> } {
  const { db, clock, jobs, ach } = deps;
  const scheduleWindow = async (w: AchWindow) => {
    await jobs.enqueue<BatchWindowJob>(db, JOB_BATCH_WINDOW, { businessDate: w.businessDate, window: w.name }, { runAt: w.cutoffAt, singletonKey: windowKey(w) });
  };

  jobs.register<BatchWindowJob>(
    JOB_BATCH_WINDOW,
    async (data) => {
      const w = achWindows(ach, data.businessDate).find((x) => x.name === data.window);
      // A window the configuration no longer has (Same Day ACH switched off): nothing to close.
      if (w) await createBatchForWindow(deps, w, 'scheduler');
      const after = new Date(Math.max(clock.now().getTime(), (w?.cutoffAt.getTime() ?? 0) + 1));
      await scheduleWindow(nextWindow(ach, after));
    },
    // A 100,000-entry batch takes seconds, not milliseconds. Kept within the minute every queue
    // keeps (a kill -9 is retried that soon): an attempt retried beside a slow one is harmless,
    // as the window's unique batch row makes the second wait for the first and take its batch,
    // and the file is rebuilt byte for byte.
    { ...QUEUE_PROFILES.database, expireInSeconds: 60 },
  );

  jobs.register<BatchMailsJob>(
    JOB_BATCH_MAILS,
    async (data) => {
      await db.transaction().execute(async (trx) => {
        const page = await batchPayoutsAfter(trx, data.batchId, data.after, MAIL_PAGE);
        for (const p of page) await deps.notify(trx, { template: PAYMENT_SENT, tradeInId: p.trade_in_id, ref: p.id });
        if (page.length === MAIL_PAGE) {
          const last = page[page.length - 1]!.id;
          await jobs.enqueue<BatchMailsJob>(trx, JOB_BATCH_MAILS, { batchId: data.batchId, after: last }, { singletonKey: `${data.batchId}:${last}` });
        }
      });
    },
    QUEUE_PROFILES.database,
  );

  return {
    async schedule() {
      await scheduleWindow(nextWindow(ach, clock.now()));
    },
  };
}
