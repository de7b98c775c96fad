import type { ColumnType } from 'kysely';
import type { Grade } from '../../../shared/grade.ts';
import type { InspectionOutcome, RefusalReason, TDefect } from '../../../shared/api/inspection.ts';
import type { Json, NullableTimestamp, Timestamp } from '../../platform/db/column-types.ts';

type DeviceIdKind = 'imei' | 'serial';

export interface InspectionsTable {
  id: string;
  trade_in_id: string;
  refurbisher_id: string;
  inspector_user_id: string;
  inspector_name: string;
  outcome: InspectionOutcome;
  declared_grade: Grade;
  verified_grade: Grade;
  answers: Json<Record<string, string>>;
  identity_kind: DeviceIdKind | null;
  identity_value: string | null;
  accessories: Json<{ name: string; present: boolean }[]>;
  still_linked: boolean;
  refusal_reason: RefusalReason | null;
  notes: ColumnType<string, string | undefined, string>;
  delivered_at: Timestamp;
  due_at: Timestamp;
  created_at: Timestamp;
}

export interface InspectionPhotosTable {
  id: string;
  trade_in_id: string;
  refurbisher_id: string;
  inspection_id: string | null;
  content_type: 'image/jpeg' | 'image/png' | 'image/webp';
  width: number;
  height: number;
  byte_size: number;
  data: Buffer;
  uploaded_by: string;
  created_at: Timestamp;
}

export interface CounteroffersTable {
  id: string;
  trade_in_id: string;
  inspection_id: string;
  refurbisher_id: string;
  declared_grade: Grade;
  verified_grade: Grade;
  defects: Json<TDefect[]>;
  original_price_minor: number;
  price_minor: number;
  currency: string;
  market_best_minor: number | null;
  state: ColumnType<'open' | 'accepted' | 'rejected' | 'expired', 'open' | undefined, 'accepted' | 'rejected' | 'expired'>;
  due_at: Timestamp;
  answered_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface LockHoldsTable {
  id: string;
  trade_in_id: string;
  inspection_id: string;
  due_at: Timestamp;
  seller_cleared_at: NullableTimestamp;
  resolved_at: NullableTimestamp;
  resolution: 'rechecked' | 'lapsed' | null;
  created_at: Timestamp;
}

export interface ErasureCertificatesTable {
  id: string;
  trade_in_id: string;
  refurbisher_id: string;
  refurbisher_name: string;
  code: string;
  method: 'nist_800_88_clear' | 'nist_800_88_purge';
  tool: string;
  /** A calendar date (yyyy-mm-dd); pg returns it as a string when the date parser is set, a Date otherwise. */
  erased_on: ColumnType<Date | string, string, string>;
  erased_by_user_id: string;
  erased_by_name: string;
  model_name: string;
  variant_label: string;
  identity_kind: DeviceIdKind | null;
  identity_value: string | null;
  created_at: Timestamp;
}

export interface InspectionTables {
  inspections: InspectionsTable;
  inspection_photos: InspectionPhotosTable;
  counteroffers: CounteroffersTable;
  lock_holds: LockHoldsTable;
  erasure_certificates: ErasureCertificatesTable;
}
