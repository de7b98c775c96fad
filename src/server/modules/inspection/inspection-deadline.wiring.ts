import type { Trx } from '../../platform/db/database.ts';
import { onceKey, QUEUE_PROFILES, type Jobs } from '../../platform/jobs/index.ts';
import {
  JOB_INSPECTION_LAPSE,
  JOB_INSPECTION_OVERDUE,
  JOB_INSPECTION_REMINDER,
  runInspectionLapse,
  runInspectionOverdue,
  runInspectionReminder,
  scheduleInspectionDeadline,
  type DeadlineJob,
  type InspectionDeadlineDeps,
} from './inspection-deadline.jobs.ts';

export type InspectionDeadlinesDeps = Omit<InspectionDeadlineDeps, 'enqueue' | 'once'> & { jobs: Jobs };

/** Registers the deadline jobs; returns the step a delivery scan runs in its transaction (wired into shipping in runtime.ts). */
export function registerInspectionDeadlines(deps: InspectionDeadlinesDeps): { scheduleDeadline(trx: Trx, tradeInId: string, now: Date): Promise<void> } {
  const { jobs, clock } = deps;
  const enqueue: InspectionDeadlineDeps['enqueue'] = async (executor, name, data, opts) => void (await jobs.enqueue(executor, name, data, opts));
  const full: InspectionDeadlineDeps = { ...deps, enqueue, once: (trx, key) => onceKey(trx, key, clock.now()) };
  jobs.register<DeadlineJob>(JOB_INSPECTION_REMINDER, async (data) => void (await runInspectionReminder(full, data)), QUEUE_PROFILES.database);
  jobs.register<DeadlineJob>(JOB_INSPECTION_OVERDUE, async (data) => void (await runInspectionOverdue(full, data)), QUEUE_PROFILES.database);
  jobs.register<DeadlineJob>(JOB_INSPECTION_LAPSE, async (data) => void (await runInspectionLapse(full, data)), QUEUE_PROFILES.database);
  return { scheduleDeadline: (trx, tradeInId, now) => scheduleInspectionDeadline(enqueue, trx, tradeInId, now) };
}
