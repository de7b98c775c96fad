import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { QUEUE_PROFILES, type Jobs } from '../../platform/jobs/index.ts';
import { JOB_PRICE_WINDOWS, PRICE_WINDOWS_INTERVAL_MS, priceWindowsRunKey, recordWindowBoundaries } from './price-windows.job.ts';

export interface PriceWindowsDeps {
  db: Db;
  /** Product time: an entry's window opens and closes on the clock the quote reads. */
  clock: Clock;
  jobs: Jobs;
}

/**
 * Registers the sweep that records the price history at entries' window edges (no write happens
 * when an `active_until` passes), rescheduling itself each interval slot. Returns how to schedule
 * the first run (after jobs.start(), from every process: the slot's key makes one job).
 */
export function registerPriceWindows(deps: PriceWindowsDeps): { schedule(): Promise<void> } {
  const { db, clock, jobs } = deps;
  jobs.register(
    JOB_PRICE_WINDOWS,
    async () => {
      await recordWindowBoundaries(db, clock.now());
      const next = new Date(clock.now().getTime() + PRICE_WINDOWS_INTERVAL_MS);
      await jobs.enqueue(db, JOB_PRICE_WINDOWS, {}, { runAt: next, singletonKey: priceWindowsRunKey(next) });
    },
    QUEUE_PROFILES.database,
  );
  return {
    async schedule() {
      await jobs.enqueue(db, JOB_PRICE_WINDOWS, {}, { singletonKey: priceWindowsRunKey(clock.now()) });
    },
  };
}
