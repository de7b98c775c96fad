import type { ColumnType } from 'kysely';
import type { Grade } from '../../../shared/grade.ts';
import type { NullableTimestamp, Timestamp } from '../../platform/db/column-types.ts';
import type { TradeInStatus } from '../../../shared/trade-in-machine.ts';

export interface TradeInsTable {
  id: string;
  offer_id: string;
  seller_id: string;
  refurbisher_id: string;
  wishlist_entry_id: string;
  variant_id: string;
  grade: Grade;
  price_minor: number;
  currency: string;
  status: TradeInStatus;
  ship_by: Timestamp;
  accepted_at: Timestamp;
  shipped_at: NullableTimestamp;
  delivered_at: NullableTimestamp;
  inspection_due_at: NullableTimestamp;
  approved_at: NullableTimestamp;
  paid_at: NullableTimestamp;
  expired_at: NullableTimestamp;
  cancelled_at: NullableTimestamp;
  returned_at: NullableTimestamp;
  unit_released_at: NullableTimestamp;
  /** The IMEI or serial number the seller gave when accepting (optional; an IMEI passed its Luhn check). */
  device_id_kind: ColumnType<'imei' | 'serial' | null, 'imei' | 'serial' | null | undefined, 'imei' | 'serial' | null>;
  device_id_value: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: Timestamp;
}

export interface TradeInEventsTable {
  id: string;
  seq: ColumnType<number, never, never>;
  trade_in_id: string;
  type: string;
  from_status: TradeInStatus | null;
  to_status: TradeInStatus | null;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  occurred_at: Timestamp;
  recorded_at: Timestamp;
}

export interface TradeInsTables {
  trade_ins: TradeInsTable;
  trade_in_events: TradeInEventsTable;
}
