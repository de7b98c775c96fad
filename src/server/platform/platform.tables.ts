import type { ColumnType, Generated } from 'kysely';
import type { Json, Timestamp } from './db/column-types.ts';

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

/** Something the system gave up on and an operator must look at (platform/operator-flags.ts). */
export interface OperatorFlagsTable {
  id: Generated<number>;
  kind: string;
  subject: string;
  detail: Json<Record<string, unknown>>;
  status: ColumnType<'open' | 'cleared', 'open' | 'cleared' | undefined, 'open' | 'cleared'>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The platform's own tables, used by every module through platform functions. */
export interface PlatformTables {
  idempotency_keys: IdempotencyKeysTable;
  audit_log: AuditLogTable;
  operator_flags: OperatorFlagsTable;
}
