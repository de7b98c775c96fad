import type { QueueSettings } from './jobs.ts';

/**
 * How long an attempt of each kind of job may run before pg-boss presumes its worker dead and
 * retries it. The expiry is the whole wait after a `kill -9` (plus up to one supervisor sweep),
 * so it is as short as the work allows; a job still running when it expires is retried beside
 * itself, which every handler tolerates (they claim their effects with `onceKey`), but the
 * expiry must still sit above what a healthy attempt can take.
 */
export const QUEUE_PROFILES = {
  /** Database work only (deadlines, carrier events): milliseconds, seconds behind a busy pool. */
  database: { expireInSeconds: 30, retryDelaySeconds: 5 },
  /**
   * Talks to another server whose client gives up first: the SMTP transport's timeouts
   * (10 s connect + 10 s greeting + 30 s idle socket) end below 60 s.
   */
  network: { expireInSeconds: 60, retryDelaySeconds: 10 },
} as const satisfies Record<string, QueueSettings>;
