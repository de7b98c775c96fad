import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

/**
 * The price history at the edges of entries' windows. An entry stops being live when its
 * `active_until` passes (and starts when a later `active_from` comes), with nothing written at
 * that instant; wishlist_record_lapses (migration 2026-11-28T1402) records the new best price of
 * the keys concerned, dated at the boundary. Every write to the wishlist runs it first; this job
 * runs it when nobody writes, on product time: after a demo clock jump, runDue() runs the due
 * slot once and the month's boundaries are recorded at their own instants. A boundary is swept
 * once, so a doubled or retried run records nothing twice.
 */
export const JOB_PRICE_WINDOWS = 'wishlist.price-windows';
export const PRICE_WINDOWS_INTERVAL_MS = 60_000;

/** One job per slot, however many processes schedule it (the key makes the job id). */
export function priceWindowsRunKey(at: Date): string {
  return `slot:${Math.floor(at.getTime() / PRICE_WINDOWS_INTERVAL_MS)}`;
}

/** Records every window boundary up to `now` that no write has swept yet. */
export async function recordWindowBoundaries(db: Executor, now: Date): Promise<void> {
  await sql`select wishlist_record_lapses(${now}::timestamptz)`.execute(db);
}
