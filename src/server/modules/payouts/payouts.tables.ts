import type { ColumnType } from 'kysely';
import type { NullableTimestamp, Timestamp } from '../../platform/db/column-types.ts';

/** The payouts module's tables (joined into DB in db/schema.ts). */

/** A calendar date column ('YYYY-MM-DD'), read as the string itself (never a Date at midnight somewhere). */
type DateColumn = ColumnType<string, string, string>;

export type PayoutStatus = 'waiting_for_details' | 'ready' | 'sent' | 'returned';

export interface PayoutsTable {
  id: string;
  trade_in_id: string;
  seller_id: string;
  refurbisher_id: string;
  /** 1 for the first payout of a trade-in; a returned payout is followed by attempt 2, … */
  attempt: number;
  amount_minor: number;
  currency: string;
  status: PayoutStatus;
  /** The bank details in force when the payout became ready, copied and sealed (AAD: payouts, id, column). Null while waiting for details. */
  routing_number_sealed: string | null;
  account_number_sealed: string | null;
  account_type: 'checking' | 'savings' | null;
  holder_name: string | null;
  bank_account_hash: string | null;
  batch_id: string | null;
  /** 15 digits, unique in its file: the ODFI's 8-digit routing prefix and a 7-digit sequence. */
  trace_number: string | null;
  created_at: Timestamp;
  ready_at: NullableTimestamp;
  sent_at: NullableTimestamp;
  returned_at: NullableTimestamp;
}

export interface PayoutBatchesTable {
  id: string;
  business_date: DateColumn;
  /** 'standard' (next-day) or 'same_day_1', 'same_day_2', … in cutoff order. */
  window_name: string;
  same_day: boolean;
  cutoff_at: Timestamp;
  effective_date: DateColumn;
  file_id_modifier: string;
  file_name: string;
  /** The file header's creation date and time, fixed so that a rebuild is byte for byte the same file. */
  file_created_at: Timestamp;
  /** The operator's user id, or 'scheduler'. */
  created_by: string;
  entry_count: number;
  total_minor: number;
  entry_hash: number;
  file_sha256: string | null;
  file_written_at: NullableTimestamp;
  created_at: Timestamp;
}

export type AchCorrectedField = 'routing_number' | 'account_number' | 'account_type' | 'routing_and_account' | 'account_and_type' | 'holder_name';

export interface AchReturnsTable {
  id: string;
  payout_id: string;
  kind: 'return' | 'notification_of_change';
  /** R01…R85 (returns) or C01…C14 (notifications of change). */
  code: string;
  trace_number: string;
  source: 'file' | 'manual';
  file_name: string | null;
  corrected_field: AchCorrectedField | null;
  /** The corrected value a notification of change carries, sealed (AAD: ach_returns, id, corrected_data_sealed). */
  corrected_data_sealed: string | null;
  recorded_by: string;
  received_at: Timestamp;
  resolved_at: NullableTimestamp;
  resolution: 'confirmed' | 'dismissed' | null;
}

export interface PayoutsTables {
  payouts: PayoutsTable;
  payout_batches: PayoutBatchesTable;
  ach_returns: AchReturnsTable;
}
