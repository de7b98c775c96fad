import type { Timestamp } from '../../platform/db/column-types.ts';
import type { ColumnType, Generated } from 'kysely';
import type { Grade } from '../../../shared/grade.ts';

/**
 * The wishlist module's tables. wishlist_entries is also read (and a unit reserved or released)
 * by the quote and the trade-in flow, through the offers module's statements.
 */

type Bigint = ColumnType<number, number, number>;

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
  /** Last change by its refurbisher; defaults to the database's now for other writers. */
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** The copy's sort key plus the grade's position; null until the wishlist module fills it (see wishlist_variants). */
  catalog_sort_key: ColumnType<string | null, string | null | undefined, string | null>;
}

/** The wishlist's copy of what it lists, filters and sorts by from the catalogue (asked through the catalog module's door). */
export interface WishlistVariantsTable {
  variant_id: string;
  model_id: string;
  category_id: string;
  brand: string;
  model_name: string;
  variant_label: string;
  variant_sort: number;
  search_text: string;
  sort_key: string;
}

/** Written only by triggers on wishlist_entries (refurbisher portal migration); append-only. */
export interface WishlistEntryChangesTable {
  id: Generated<number>;
  entry_id: string;
  refurbisher_id: string;
  variant_id: string;
  grade: Grade;
  currency: string;
  kind: 'created' | 'updated';
  source: string;
  actor_id: string | null;
  actor: string | null;
  changed_at: Timestamp;
  old_price_minor: Bigint | null;
  new_price_minor: Bigint;
  old_quantity_wanted: number | null;
  new_quantity_wanted: number;
  old_quantity_remaining: number | null;
  new_quantity_remaining: number;
  old_active: boolean | null;
  new_active: boolean;
  old_active_from: Date | null;
  new_active_from: Date | null;
  old_active_until: Date | null;
  new_active_until: Date | null;
}

/** The best live price per variant, grade and currency, one row per change of it. */
export interface PriceHistoryTable {
  id: Generated<number>;
  variant_id: string;
  grade: Grade;
  currency: string;
  best_price_minor: Bigint | null;
  live_entries: number;
  recorded_at: Timestamp;
}

/** How far window boundaries (active_from, active_until) have been recorded in price_history; one row. */
export interface PriceHistorySweepTable {
  one: boolean;
  swept_until: Date;
}

export interface WishlistTables {
  wishlist_entries: WishlistEntriesTable;
  wishlist_variants: WishlistVariantsTable;
  wishlist_entry_changes: WishlistEntryChangesTable;
  price_history: PriceHistoryTable;
  price_history_sweep: PriceHistorySweepTable;
}
