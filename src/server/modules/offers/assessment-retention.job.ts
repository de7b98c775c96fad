import { sql } from 'kysely';
import type { Db, Executor } from '../../platform/db/database.ts';
import { forgetIdleQuoteBuckets } from './quote-rate-limit.ts';

/**
 * Quotes nobody accepted are kept for a retention period, then removed: anonymous quoting is
 * cheap to ask for and each one stores ~2 KB. A quote whose offer became a trade-in is kept for
 * good (the trade-in refers to it; the accept flow marks its offer `accepted_at`).
 *
 * The job removes them in batches, each its own short statement, so it never holds one huge
 * transaction or lock; then it schedules its next run. Deleting is idempotent, so a retried or
 * doubled run does no harm.
 */
export const JOB_ASSESSMENT_RETENTION = 'assessments.retention';

export const RETENTION_BATCH_SIZE = 500;
/** How long one run may keep deleting before it hands over to the next run. */
const RUN_BUDGET_MS = 20_000;
export const RETENTION_INTERVAL_MS = 60 * 60_000;

export interface RetentionDeps {
  db: Db;
  now: () => Date;
  retentionDays: number;
  batchSize?: number;
}

/** Deletes one batch of unaccepted assessments (and their offers) created before `cutoff`. */
export async function deleteExpiredAssessmentBatch(db: Executor, cutoff: Date, batchSize: number): Promise<number> {
  // One statement: the offers and their assessments go together. `skip locked` leaves alone a
  // row that an accept is holding right now.
  const { rows } = await sql<{ id: string }>`
    with doomed as (
      select a.id from assessments a
      where a.created_at < ${cutoff}
        and not exists (select 1 from offers o where o.assessment_id = a.id and o.accepted_at is not null)
      order by a.created_at
      limit ${batchSize}
      for update of a skip locked
    ), gone_offers as (
      delete from offers o using doomed d where o.assessment_id = d.id
    )
    delete from assessments a using doomed d where a.id = d.id
    returning a.id
  `.execute(db);
  return rows.length;
}

export async function runAssessmentRetention(deps: RetentionDeps): Promise<{ deleted: number; finished: boolean }> {
  const started = Date.now();
  const now = deps.now();
  const cutoff = new Date(now.getTime() - deps.retentionDays * 86_400_000);
  const batchSize = deps.batchSize ?? RETENTION_BATCH_SIZE;
  let deleted = 0;
  for (;;) {
    const n = await deleteExpiredAssessmentBatch(deps.db, cutoff, batchSize);
    deleted += n;
    if (n < batchSize) break;
    if (Date.now() - started > RUN_BUDGET_MS) return { deleted, finished: false };
  }
  await forgetIdleQuoteBuckets(deps.db, now);
  return { deleted, finished: true };
}

/** The singleton key of the run due in the interval slot holding `at`: one run per slot, however many processes enqueue it. */
export function retentionRunKey(at: Date): string {
  return `slot:${Math.floor(at.getTime() / RETENTION_INTERVAL_MS)}`;
}
