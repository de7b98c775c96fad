import type { Db } from '../../platform/db/database.ts';
import { QUEUE_PROFILES, type Jobs } from '../../platform/jobs/index.ts';
import { listRefurbisherIds, setRefurbisherScores } from '../refurbishers/index.ts';
import { computeScores, type ScorecardDeps } from './scorecard.service.ts';

/**
 * `refurbishers.score`, the matching tie-break, derived from each refurbisher's scorecard
 * (scorecard.service.ts `scoreOf` says how and why). The quote reads the column in its one
 * statement, so the score is written ahead by this recurring job instead of computed per quote.
 * Hourly on product time: a demo clock jump runs the due slot once. Recomputing is idempotent.
 */
const JOB_SCORECARD_SCORES = 'inspection.scorecard-scores';
const INTERVAL_MS = 3_600_000;

const slotKey = (at: Date) => `slot:${Math.floor(at.getTime() / INTERVAL_MS)}`;

export function registerScorecardScores(deps: ScorecardDeps & { db: Db; jobs: Jobs }): { schedule(): Promise<void> } {
  const { db, clock, jobs } = deps;
  jobs.register(
    JOB_SCORECARD_SCORES,
    async () => {
      await setRefurbisherScores(db, await computeScores(deps, await listRefurbisherIds(db)));
      const next = new Date(clock.now().getTime() + INTERVAL_MS);
      await jobs.enqueue(db, JOB_SCORECARD_SCORES, {}, { runAt: next, singletonKey: slotKey(next) });
    },
    QUEUE_PROFILES.database,
  );
  return {
    async schedule() {
      await jobs.enqueue(db, JOB_SCORECARD_SCORES, {}, { singletonKey: slotKey(clock.now()) });
    },
  };
}
