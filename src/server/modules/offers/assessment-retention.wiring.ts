import { randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { QUEUE_PROFILES, type Jobs } from '../../platform/jobs/index.ts';
import { JOB_ASSESSMENT_RETENTION, RETENTION_INTERVAL_MS, retentionRunKey, runAssessmentRetention } from './assessment-retention.job.ts';

export interface AssessmentRetentionDeps {
  db: Db;
  /** Product time: a quote's age, and when the next run is due. */
  clock: Clock;
  jobs: Jobs;
  retentionDays: number;
}

/**
 * Registers the retention job, which reschedules itself: a run that finished is followed by one
 * in the next interval slot; a run that stopped on its time budget (a backlog) goes on at once,
 * as a new job. Returns how to schedule the first run (after jobs.start(), from every process:
 * the slot's key makes one job however many processes ask).
 */
export function registerAssessmentRetention(deps: AssessmentRetentionDeps): { schedule(): Promise<void> } {
  const { db, clock, jobs } = deps;
  jobs.register(
    JOB_ASSESSMENT_RETENTION,
    async () => {
      const run = await runAssessmentRetention({ db, now: () => clock.now(), retentionDays: deps.retentionDays });
      const next = run.finished ? new Date(clock.now().getTime() + RETENTION_INTERVAL_MS) : clock.now();
      await jobs.enqueue(db, JOB_ASSESSMENT_RETENTION, {}, { runAt: next, singletonKey: run.finished ? retentionRunKey(next) : `more:${randomUUID()}` });
    },
    QUEUE_PROFILES.database,
  );
  return {
    async schedule() {
      await jobs.enqueue(db, JOB_ASSESSMENT_RETENTION, {}, { singletonKey: retentionRunKey(clock.now()) });
    },
  };
}
