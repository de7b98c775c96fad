import type { Timestamp } from '../../platform/db/column-types.ts';

/** IMEIs reported lost or stolen (operator-managed): no label at accept, refused at inspection. */
export interface DeviceBlocklistTable {
  imei: string;
  reason: string;
  added_by: string;
  created_at: Timestamp;
}

export interface BlocklistTables {
  device_blocklist: DeviceBlocklistTable;
}
