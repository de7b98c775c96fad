import type { Timestamp } from '../db/column-types.ts';

/**
 * One row per side effect a job has performed (an e-mail sent, a trade-in expired), claimed in
 * the same transaction as the effect. pg-boss may run a job twice (expiry, crash); the second
 * run finds the key taken and skips.
 */
export interface JobEffectsTable {
  key: string;
  done_at: Timestamp;
}

/** The jobs layer's tables, as Kysely sees them (joined into DB in db/schema.ts). */
export interface JobsTables {
  job_effects: JobEffectsTable;
}
