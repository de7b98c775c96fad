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

/** A free return owed to the seller; its label is the trade-in's `shipping_labels` row with direction 'return'. */
export interface ReturnShipmentsTable {
  trade_in_id: string;
  reason: string;
  ship_by: Timestamp;
  requested_at: Timestamp;
  flagged_at: NullableTimestamp;
  /** Copied from the trade-in when the return is requested (migration 1401): the scorecard reads one table. */
  refurbisher_id: string;
  /** The earliest carrier scan of the return label, and its delivery back to the seller. */
  shipped_at: NullableTimestamp;
  delivered_at: NullableTimestamp;
}

export interface ShippingTables {
  shipping_labels: ShippingLabelsTable;
  carrier_events: CarrierEventsTable;
  return_shipments: ReturnShipmentsTable;
}
