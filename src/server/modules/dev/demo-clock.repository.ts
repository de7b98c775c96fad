import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

/** The demo clock's offset as last advanced, or 0. */
export async function loadDemoClockOffset(db: Executor): Promise<number> {
  const { rows } = await sql<{ offset_ms: number }>`select offset_ms from demo_clock`.execute(db);
  return rows[0]?.offset_ms ?? 0;
}

export async function saveDemoClockOffset(db: Executor, offsetMs: number): Promise<void> {
  await sql`
    insert into demo_clock (id, offset_ms) values (true, ${offsetMs})
    on conflict (id) do update set offset_ms = excluded.offset_ms`.execute(db);
}
