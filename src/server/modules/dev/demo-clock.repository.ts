import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

/** Where a move of the demo clock is announced to every process (see demo-clock.follower.ts). */
export const DEMO_CLOCK_CHANNEL = 'tradeloop_demo_clock';

/** The demo clock's offset as last advanced, or 0. */
export async function loadDemoClockOffset(db: Executor): Promise<number> {
  const { rows } = await sql<{ offset_ms: number }>`select offset_ms from demo_clock`.execute(db);
  return rows[0]?.offset_ms ?? 0;
}

/**
 * Moves the stored offset forward by `ms` in one statement (two processes moving at once both
 * count) and announces the new offset; the NOTIFY is delivered when the statement commits.
 * Returns the offset now stored.
 */
export async function advanceDemoClockOffset(db: Executor, ms: number): Promise<number> {
  const { rows } = await sql<{ offset_ms: number }>`
    with moved as (
      insert into demo_clock as c (id, offset_ms) values (true, ${ms})
      on conflict (id) do update set offset_ms = c.offset_ms + excluded.offset_ms
      returning offset_ms
    )
    select offset_ms, pg_notify(${DEMO_CLOCK_CHANNEL}, offset_ms::text) from moved`.execute(db);
  return rows[0]!.offset_ms;
}
