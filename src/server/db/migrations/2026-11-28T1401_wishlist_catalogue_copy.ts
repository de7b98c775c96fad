import { sql, type Kysely } from 'kysely';

/**
 * The wishlist keeps what it needs of the catalogue on its own rows (the catalogue's tables are
 * the catalog module's; the wishlist asks its door, `describeVariants`, and keeps a copy):
 *
 * - wishlist_variants: per variant, its model, category, brand, names, search text and a sort
 *   key (brand, model, variant order), filled and refreshed by the wishlist module;
 * - wishlist_entries.catalog_sort_key: that key plus the grade's position, so the portal's
 *   default order (and its reverse) is a walk of (refurbisher_id, catalog_sort_key, id) that
 *   reads one page of rows instead of joining and sorting all 20,000 (bench/README.md).
 *
 * The key is compared byte-wise (collation "C"): it is built to sort that way (lower case, a
 * \x01 separator below every printable character, the variant's position zero-padded).
 * Entries written by other means (the seed, tests' factories) get their key the first time
 * their refurbisher's list is read (wishlist_unsorted_idx finds them).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table wishlist_variants (
      variant_id text primary key,
      model_id text not null,
      category_id text not null,
      brand text not null,
      model_name text not null,
      variant_label text not null,
      variant_sort integer not null,
      search_text text not null,
      sort_key text collate "C" not null
    );
    create index wishlist_variants_model_idx on wishlist_variants (model_id);
    create index wishlist_variants_category_idx on wishlist_variants (category_id);

    alter table wishlist_entries add column catalog_sort_key text collate "C";
    create index wishlist_unsorted_idx on wishlist_entries (refurbisher_id) where catalog_sort_key is null;

    -- One index per order of the portal, each (refurbisher, column, id) in the order's direction
    -- (read backwards for the reverse) and carrying the filter columns, so a page and the count are
    -- index-only scans: an offset of 10,000 rows reads index entries, not 10,000 table rows
    -- (91 ms → 2 ms on a vacuumed PostgreSQL table; bench/README.md).
    drop index wishlist_refurbisher_updated_idx;
    drop index wishlist_refurbisher_price_idx;
    drop index wishlist_refurbisher_quantity_idx;
    create index wishlist_refurbisher_catalog_idx on wishlist_entries (refurbisher_id, catalog_sort_key, id) include (variant_id, grade, active);
    create index wishlist_refurbisher_updated_idx on wishlist_entries (refurbisher_id, updated_at, id) include (variant_id, grade, active);
    create index wishlist_refurbisher_price_idx on wishlist_entries (refurbisher_id, price_minor, id) include (variant_id, grade, active);
    create index wishlist_refurbisher_quantity_idx on wishlist_entries (refurbisher_id, quantity_wanted, id) include (variant_id, grade, active);
  `.execute(db);
}
