export { onceKey } from './effects.ts';
export { InvalidDurationError, parseIsoDuration } from './iso-duration.ts';
export {
  createJobs,
  installJobsSchema,
  JOBS_SCHEMA,
  PermanentJobError,
  type Jobs,
  type JobsLogger,
  type QueueSettings,
} from './jobs.ts';
export { QUEUE_PROFILES } from './queue-profiles.ts';
