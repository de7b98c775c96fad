import type { ColumnType } from 'kysely';

/** The demo clock's one row: how far product time runs ahead of the real clock (demo-clock.repository.ts). */
export interface DemoClockTable {
  id: ColumnType<boolean, boolean | undefined, never>;
  offset_ms: ColumnType<number, number, number>;
}

/** The dev module's tables (joined into DB in db/schema.ts). */
export interface DevTables {
  demo_clock: DemoClockTable;
}
