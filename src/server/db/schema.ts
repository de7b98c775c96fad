import type { ColumnType, Generated } from 'kysely';
import type { Grade } from '../../shared/grade.ts';
import type { AccountsTables } from '../modules/accounts/accounts.tables.ts';
import type { ShippingTables } from '../modules/shipping/shipping.tables.ts';
import type { TradeInsTables } from '../modules/trade-ins/trade-ins.tables.ts';
import type { JobsTables } from '../platform/jobs/jobs.tables.ts';

/** Kysely's view of the tables. Kept in one file so a reader sees the whole data model at once. */

export type Json<T> = ColumnType<T, string, string>;
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface CategoriesTable {
  id: string;
  name: string;
  icon: string;
  sort: number;
}

export interface ModelsTable {
  id: string;
  category_id: string;
  brand: string;
  name: string;
  release_year: number;
  mandatory_accessories: Json<string[]>;
  search_text: string;
}

export interface VariantsTable {
  id: string;
  model_id: string;
  label: string;
  attributes: Json<Record<string, string>>;
  sort: number;
}

export interface ReceivingAddress {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  state: string;
  zip: string;
}

export interface RefurbishersTable {
  id: string;
  name: string;
  score: ColumnType<number, number | undefined, number>;
  receiving_address: Json<ReceivingAddress>;
  created_at: Timestamp;
  /** The better-auth organisation whose members act for this refurbisher (accounts migration). */
  organization_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface WishlistEntriesTable {
  id: string;
  refurbisher_id: string;
  variant_id: string;
  grade: Grade;
  price_minor: ColumnType<number, number, number>;
  currency: ColumnType<string, string | undefined, string>;
  quantity_wanted: number;
  quantity_remaining: number;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  active_from: Timestamp;
  active_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Timestamp;
}

export interface LadderRung {
  grade: Grade;
  priceMinor: number | null;
  currency: string;
}

export interface AssessmentsTable {
  id: string;
  variant_id: string;
  answers: Json<Record<string, string>>;
  grade: Grade;
  grade_reasons: Json<unknown[]>;
  ladder: Json<LadderRung[]>;
  created_at: Timestamp;
}

export interface OffersTable {
  id: string;
  assessment_id: string;
  wishlist_entry_id: string;
  refurbisher_id: string;
  variant_id: string;
  grade: Grade;
  price_minor: number;
  currency: string;
  created_at: Timestamp;
  ship_by: Timestamp;
}

/**
 * Every table. Each module declares its own tables in `<module>.tables.ts`; this interface
 * joins them so Kysely sees one database.
 */
export interface DB extends AccountsTables, TradeInsTables, ShippingTables, JobsTables {
  categories: CategoriesTable;
  models: ModelsTable;
  variants: VariantsTable;
  refurbishers: RefurbishersTable;
  wishlist_entries: WishlistEntriesTable;
  assessments: AssessmentsTable;
  offers: OffersTable;
}

export type { Generated };
