export { effectDone, onceKey } from './effects.ts';
export { InvalidDurationError, parseIsoDuration } from './iso-duration.ts';
export {
  createJobs,
  installJobsSchema,
  JOBS_SCHEMA,
  PermanentJobError,
  type EnqueueOptions,
  type JobContext,
  type JobHandler,
  type Jobs,
  type JobsLogger,
  type JobsOptions,
  type QueueSettings,
  type RunDueResult,
} from './jobs.ts';
export { QUEUE_PROFILES } from './queue-profiles.ts';
export type { JobEffectsTable, JobsTables } from './jobs.tables.ts';
