import { sql, type RawBuilder } from 'kysely';
import type { Db, Executor } from '../../platform/db/database.ts';
import { describeVariants } from '../catalog/index.ts';
import { entrySortKey, lockWishlist } from './wishlist.repository.ts';

/**
 * The wishlist's copy of the catalogue (wishlist_variants) and the sort key on each entry.
 * The catalogue's tables belong to the catalog module: the wishlist asks its door
 * (`describeVariants`) and keeps what it lists, filters and sorts by, so a page of 20,000
 * entries is an index walk over its own rows (migration 2026-11-28T1401).
 */

type Described = Awaited<ReturnType<typeof describeVariants>>[number];

/** Brand, model, variant order; compared byte-wise (collation "C"), \x01 below every printable character. */
function sortKeyOf(v: Described): string {
  return `${v.brand.toLowerCase()}\u0001${v.modelName.toLowerCase()}\u0001${String(v.sort).padStart(9, '0')}`;
}

/** Writes these variants into the copy; returns the ids whose copy was new or changed. */
async function storeCopies(db: Executor, rows: readonly Described[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const payload = JSON.stringify(
    rows.map((r) => ({ v: r.id, m: r.modelId, c: r.categoryId, b: r.brand, n: r.modelName, l: r.label, s: r.sort, t: r.searchText, k: sortKeyOf(r) })),
  );
  const { rows: changed } = await sql<{ id: string }>`
    insert into wishlist_variants as wv (variant_id, model_id, category_id, brand, model_name, variant_label, variant_sort, search_text, sort_key)
    select r.v, r.m, r.c, r.b, r.n, r.l, r.s, r.t, r.k
      from jsonb_to_recordset(${payload}::jsonb) as r(v text, m text, c text, b text, n text, l text, s int, t text, k text)
    on conflict (variant_id) do update
       set model_id = excluded.model_id, category_id = excluded.category_id, brand = excluded.brand, model_name = excluded.model_name,
           variant_label = excluded.variant_label, variant_sort = excluded.variant_sort, search_text = excluded.search_text, sort_key = excluded.sort_key
     where (wv.model_id, wv.category_id, wv.brand, wv.model_name, wv.variant_label, wv.variant_sort, wv.search_text, wv.sort_key)
           is distinct from (excluded.model_id, excluded.category_id, excluded.brand, excluded.model_name, excluded.variant_label,
                             excluded.variant_sort, excluded.search_text, excluded.sort_key)
    returning wv.variant_id as id`.execute(db);
  // The catalogue filters join this table; a planner without its statistics (PGlite has no
  // autovacuum) guessed 16 rows for a category of 5,000 and walked them one by one.
  if (changed.length >= 100) await sql`analyze wishlist_variants`.execute(db);
  return changed.map((r) => r.id);
}

/**
 * Which of these variants exist: the copy answers for those it has, the catalogue's door for the
 * rest (which are then copied). A variant is never deleted from the catalogue (offers and
 * trade-ins point at it), so a copied variant exists.
 */
export async function knownVariants(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Set();
  const { rows } = await sql<{ id: string }>`select variant_id as id from wishlist_variants where variant_id = any(${unique}::text[])`.execute(db);
  const known = new Set(rows.map((r) => r.id));
  const missing = unique.filter((id) => !known.has(id));
  if (missing.length) {
    const described = await describeVariants(db, missing);
    await storeCopies(db, described);
    for (const v of described) known.add(v.id);
  }
  return known;
}

/**
 * Gives the refurbisher's entries that have no sort key yet (written by the seed or a test's
 * factory, not by this module) their key. When there are none this is one read of a partial
 * index that holds nothing.
 */
export async function fillSortKeys(db: Db, refurbisherId: string): Promise<void> {
  const { rows } = await sql<{ id: string }>`
    select distinct variant_id as id from wishlist_entries where refurbisher_id = ${refurbisherId} and catalog_sort_key is null`.execute(db);
  if (rows.length === 0) return;
  await db.transaction().execute(async (trx) => {
    // The same turn as the refurbisher's other writers, so this never deadlocks with a bulk change.
    await lockWishlist(trx, refurbisherId);
    await knownVariants(trx, rows.map((r) => r.id));
    await sql`
      update wishlist_entries w set catalog_sort_key = ${entrySortKey('wv', sql.ref('w.grade'))}
        from wishlist_variants wv
       where wv.variant_id = w.variant_id and w.refurbisher_id = ${refurbisherId} and w.catalog_sort_key is null`.execute(trx);
  });
}

/**
 * After the catalogue is synced (every start): the copy follows a renamed or reordered model or
 * variant, and so do the sort keys of its entries. Costs one read of the copied variants when
 * nothing changed.
 */
export async function refreshCatalogueCopy(db: Executor): Promise<{ changed: number }> {
  const { rows } = await sql<{ id: string }>`select variant_id as id from wishlist_variants`.execute(db);
  if (rows.length === 0) return { changed: 0 };
  const changed = await storeCopies(db, await describeVariants(db, rows.map((r) => r.id)));
  if (changed.length) {
    await sql`
      update wishlist_entries w set catalog_sort_key = ${entrySortKey('wv', sql.ref('w.grade'))}
        from wishlist_variants wv
       where wv.variant_id = w.variant_id and w.variant_id = any(${changed}::text[])`.execute(db);
  }
  return { changed: changed.length };
}
