import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

/**
 * Claims a side effect for exactly-once execution: true the first time `key` is claimed,
 * false ever after. Call it inside the transaction that performs the effect, so a rollback
 * gives the claim back and a commit makes it permanent:
 *
 *   await db.transaction().execute(async (trx) => {
 *     if (!(await onceKey(trx, `expire:${tradeInId}`, clock.now()))) return;
 *     …the effect…
 *   });
 *
 * Two transactions racing for one key serialize on the primary key: the second waits for the
 * first to commit and then reads false (or true, if the first rolled back).
 */
export async function onceKey(executor: Executor, key: string, at?: Date): Promise<boolean> {
  if (!key) throw new TypeError('onceKey needs a non-empty key');
  // Raw SQL keeps this independent of whether DB already joins JobsTables.
  const { rows } = await sql<{ key: string }>`
    insert into job_effects (key, done_at) values (${key}, ${at ?? sql`now()`})
    on conflict (key) do nothing
    returning key
  `.execute(executor);
  return rows.length === 1;
}

/** Whether an effect has been claimed and committed (or claimed in this transaction). */
export async function effectDone(executor: Executor, key: string): Promise<boolean> {
  const { rows } = await sql<{ one: number }>`select 1 as one from job_effects where key = ${key}`.execute(executor);
  return rows.length === 1;
}
