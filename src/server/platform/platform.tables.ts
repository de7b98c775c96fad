import type { ColumnType, Generated } from 'kysely';
import type { OperatorFlagKind } from '../../shared/api/operator-flags.ts';
import type { Json, NullableTimestamp, Timestamp } from './db/column-types.ts';

/** A replayable answer to a request that carried an Idempotency-Key (platform/idempotency.ts). */
export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  response_status: number;
  response_body: Json<unknown>;
  created_at: Timestamp;
}

/** Append-only record of who read or changed what (platform/audit.ts); a trigger refuses updates and deletes. */
export interface AuditLogTable {
  id: Generated<number>;
  actor_id: string;
  action: string;
  subject: string;
  field: string | null;
  reason: string | null;
  ip: string | null;
  created_at: ColumnType<Date, Date | string, Date | string>;
}

/**
 * Something an operator must look at (platform/operator-flags.ts): one table for every kind,
 * raised by the modules through the platform's functions. Open while `cleared_at` is null.
 */
export interface OperatorFlagsTable {
  id: Generated<number>;
  kind: OperatorFlagKind;
  /** Names the incident: raising the same incident again finds this row (never shown: it may hold a keyed hash). */
  dedupe_key: string;
  trade_in_id: string | null;
  user_ids: Json<string[]>;
  details: Json<Record<string, unknown>>;
  created_at: Timestamp;
  updated_at: Timestamp;
  cleared_at: NullableTimestamp;
  cleared_by: ColumnType<string | null, string | null | undefined, string | null>;
  cleared_note: ColumnType<string | null, string | null | undefined, string | null>;
}

/** The platform's own tables, used by every module through platform functions. */
export interface PlatformTables {
  idempotency_keys: IdempotencyKeysTable;
  audit_log: AuditLogTable;
  operator_flags: OperatorFlagsTable;
}
