import type { ColumnType } from 'kysely';

/**
 * Column shapes shared by every table type: a JSON column is written as a string and read
 * parsed; timestamps accept a Date or an ISO string and are read as Date.
 */
export type Json<T> = ColumnType<T, string, string>;
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
