import type { ColumnType, Generated } from 'kysely';
import type { Json, NullableTimestamp, Timestamp } from '../../platform/db/column-types.ts';
import type { LabelAddress } from '../../platform/pdf/label.ts';

export interface ShippingLabelsTable {
  id: string;
  trade_in_id: string;
  direction: 'inbound' | 'return';
  carrier: string;
  service: string;
  weight_class: string;
  tracking_number: string;
  from_address: Json<LabelAddress>;
  to_address: Json<LabelAddress>;
  status: 'issued' | 'voided';
  created_at: Timestamp;
  voided_at: NullableTimestamp;
}

export interface CarrierEventsTable {
  event_id: string;
  tracking_number: string;
  type: string;
  occurred_at: Timestamp;
  received_at: Timestamp;
  trade_in_id: string | null;
  /** 'pending' until decided, then what the event did (CarrierEventOutcome). */
  outcome: string;
  decided_at: NullableTimestamp;
}

export interface CarrierEventFlagsTable {
  id: Generated<number>;
  event_id: string;
  trade_in_id: string;
  reason: 'scan_after_cancel' | 'scan_after_expiry';
  trade_in_status: string;
  status: ColumnType<'open' | 'cleared', 'open' | 'cleared' | undefined, 'open' | 'cleared'>;
  created_at: Timestamp;
  cleared_by: ColumnType<string | null, string | null | undefined, string | null>;
  cleared_at: NullableTimestamp;
  cleared_note: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ShippingTables {
  shipping_labels: ShippingLabelsTable;
  carrier_events: CarrierEventsTable;
  carrier_event_flags: CarrierEventFlagsTable;
}
