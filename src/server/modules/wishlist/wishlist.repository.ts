import { sql, type RawBuilder } from 'kysely';
import type { CategoryId } from '../../../shared/catalog-types.ts';
import type { Grade } from '../../../shared/grade.ts';
import type { Executor } from '../../platform/db/database.ts';

/** Plain queries of the wishlist: the refurbisher's own rows, their market position, their history. */

export interface ListFilter {
  refurbisherId: string;
  category?: CategoryId | undefined;
  brand?: string | undefined;
  modelId?: string | undefined;
  grade?: Grade | undefined;
  active?: boolean | undefined;
  q?: string | undefined;
  entryIds?: readonly string[];
}

export interface EntryRow {
  id: string;
  variantId: string;
  modelId: string;
  category: CategoryId;
  brand: string;
  modelName: string;
  variantLabel: string;
  grade: Grade;
  priceMinor: number;
  currency: string;
  quantityWanted: number;
  quantityRemaining: number;
  active: boolean;
  updatedAt: Date;
}

export interface MarketRow {
  othersLive: number;
  above: number;
  bestMinor: number | null;
  bestOtherMinor: number | null;
  winnerId: string | null;
  live: boolean;
}

/** An entry's sort key: its variant's (brand, model, variant order, from the copy `wv`) and the grade's position, best first. */
export function entrySortKey(wv: string, grade: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`${sql.ref(`${wv}.sort_key`)} || chr(1) || array_position(array['Flawless','Good','Fair','Broken']::text[], ${grade})::text`;
}

/** The catalogue filters, on the wishlist's copy (wishlist_variants): a set of variants, or none when no such filter is set. */
function catalogueFilter(f: ListFilter): RawBuilder<unknown> | undefined {
  const parts: RawBuilder<unknown>[] = [];
  if (f.category) parts.push(sql`wv.category_id = ${f.category}`);
  if (f.brand) parts.push(sql`lower(wv.brand) = lower(${f.brand})`);
  if (f.modelId) parts.push(sql`wv.model_id = ${f.modelId}`);
  if (f.q) {
    for (const word of f.q.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 6)) {
      const like = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      parts.push(sql`(wv.search_text like ${like} or lower(wv.variant_label) like ${like})`);
    }
  }
  return parts.length ? sql.join(parts, sql` and `) : undefined;
}

/** The filter on the refurbisher's own rows; catalogue filters become "the variant is one of these". */
function where(f: ListFilter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`w.refurbisher_id = ${f.refurbisherId}`];
  if (f.grade) parts.push(sql`w.grade = ${f.grade}`);
  if (f.active !== undefined) parts.push(sql`w.active = ${f.active}`);
  const catalogue = catalogueFilter(f);
  if (catalogue) parts.push(sql`w.variant_id in (select wv.variant_id from wishlist_variants wv where ${catalogue})`);
  if (f.entryIds) parts.push(sql`w.id = any(${[...f.entryIds]}::text[])`);
  return sql.join(parts, sql` and `);
}

export type SortKey = 'model' | 'price' | 'quantity' | 'updated';

const SORT_COLUMNS = { model: 'catalog_sort_key', price: 'price_minor', quantity: 'quantity_wanted', updated: 'updated_at' } as const;

/**
 * Every order ends on the id, and each has an index on (refurbisher_id, column, id) carrying the
 * filter columns (migration 2026-11-28T1401): a page is an index-only walk, not a sort of the wishlist.
 */
function orderBy(sort: SortKey, dir: 'asc' | 'desc', alias = 'w'): RawBuilder<unknown> {
  const d = sql.raw(dir === 'desc' ? 'desc' : 'asc');
  return sql`${sql.ref(`${alias}.${SORT_COLUMNS[sort]}`)} ${d}, ${sql.ref(`${alias}.id`)} ${d}`;
}

const ENTRY_COLUMNS = sql`
  w.id, w.variant_id as "variantId", wv.model_id as "modelId", wv.category_id as category, wv.brand, wv.model_name as "modelName",
  wv.variant_label as "variantLabel", w.grade, w.price_minor as "priceMinor", trim(w.currency) as currency,
  w.quantity_wanted as "quantityWanted", w.quantity_remaining as "quantityRemaining", w.active, w.updated_at as "updatedAt"`;

export async function countEntries(db: Executor, f: ListFilter): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from wishlist_entries w where ${where(f)}`.execute(db);
  return rows[0]?.n ?? 0;
}

/**
 * One page of the refurbisher's entries, each with its position among the live entries of its
 * variant and grade (live as the quote sees it at `now`). The page is chosen on the entries'
 * own columns along an index (the default order on catalog_sort_key); only its rows are joined
 * to the catalogue copy and given their market columns, each an index walk of
 * wishlist_match_idx, so a page costs about the same with 20,000 entries as with 20.
 */
export async function listEntries(
  db: Executor,
  f: ListFilter,
  opts: { sort: SortKey; order: 'asc' | 'desc'; limit: number; offset: number; now: Date },
): Promise<(EntryRow & MarketRow)[]> {
  const { now } = opts;
  const { rows } = await sql<EntryRow & MarketRow>`
    with page as materialized (
      -- Only indexed columns: the offset's rows are read from the index alone.
      select w.id, ${sql.ref(`w.${SORT_COLUMNS[opts.sort]}`)}
        from wishlist_entries w
       where ${where(f)}
       order by ${orderBy(opts.sort, opts.order)}
       limit ${opts.limit} offset ${opts.offset}
    )
    select ${ENTRY_COLUMNS}, (${liveAt('w', now)}) as live,
           mk."othersLive", mk.above, mk."bestOtherMinor", win."winnerId",
           greatest(mk."bestOtherMinor", case when ${liveAt('w', now)} then w.price_minor end) as "bestMinor"
      from page p
      join wishlist_entries w on w.id = p.id
      join wishlist_variants wv on wv.variant_id = w.variant_id
      cross join lateral (
        select count(*)::int as "othersLive",
               (count(*) filter (where o.price_minor > w.price_minor))::int as above,
               max(o.price_minor) as "bestOtherMinor"
          from wishlist_entries o
         where o.variant_id = w.variant_id and o.grade = w.grade and o.currency = w.currency and o.id <> w.id
           and ${liveAt('o', now)}
      ) mk
      left join lateral (
        select o.id as "winnerId"
          from wishlist_entries o
          join refurbishers r on r.id = o.refurbisher_id
         where o.variant_id = w.variant_id and o.grade = w.grade and o.currency = w.currency
           and ${liveAt('o', now)}
         order by o.price_minor desc, r.score desc, o.created_at asc, o.id asc
         limit 1
      ) win on true
     order by ${orderBy(opts.sort, opts.order, 'p')}`.execute(db);
  return rows;
}

/** Live as the quote sees it: active, a unit left, inside its window. */
function liveAt(alias: string, now: Date): RawBuilder<unknown> {
  const c = (col: string) => sql.ref(`${alias}.${col}`);
  return sql`${c('active')} and ${c('quantity_remaining')} > 0 and ${c('active_from')} <= ${now} and (${c('active_until')} is null or ${c('active_until')} > ${now})`;
}

/** Every entry of the refurbisher in the export's order (model, variant, grade). */
export async function allEntries(db: Executor, refurbisherId: string): Promise<EntryRow[]> {
  const { rows } = await sql<EntryRow>`
    select ${ENTRY_COLUMNS}
      from wishlist_entries w
      join wishlist_variants wv on wv.variant_id = w.variant_id
     where w.refurbisher_id = ${refurbisherId}
     order by ${orderBy('model', 'asc')}`.execute(db);
  return rows;
}

export interface LockedEntry {
  id: string;
  variantId: string;
  grade: Grade;
  priceMinor: number;
  quantityWanted: number;
  quantityRemaining: number;
  active: boolean;
}

/** Locks the refurbisher's existing entries for these (variant, grade) keys until the transaction ends. */
export async function lockEntriesByKey(
  db: Executor,
  refurbisherId: string,
  currency: string,
  keys: readonly { variantId: string; grade: Grade }[],
): Promise<LockedEntry[]> {
  if (keys.length === 0) return [];
  const { rows } = await sql<LockedEntry>`
    select w.id, w.variant_id as "variantId", w.grade, w.price_minor as "priceMinor", w.quantity_wanted as "quantityWanted",
           w.quantity_remaining as "quantityRemaining", w.active
      from wishlist_entries w
      join unnest(${keys.map((k) => k.variantId)}::text[], ${keys.map((k) => k.grade)}::text[]) as k(variant_id, grade)
        on k.variant_id = w.variant_id and k.grade = w.grade
     where w.refurbisher_id = ${refurbisherId} and w.currency = ${currency}
     order by w.created_at, w.id
       for update of w`.execute(db);
  return rows;
}

/** Locks the refurbisher's entries with these ids; another refurbisher's ids are simply not there. */
export async function lockEntriesById(db: Executor, refurbisherId: string, ids: readonly string[]): Promise<LockedEntry[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<LockedEntry>`
    select w.id, w.variant_id as "variantId", w.grade, w.price_minor as "priceMinor", w.quantity_wanted as "quantityWanted",
           w.quantity_remaining as "quantityRemaining", w.active
      from wishlist_entries w
     where w.refurbisher_id = ${refurbisherId} and w.id = any(${[...ids]}::text[])
     order by w.id
       for update`.execute(db);
  return rows;
}

interface UpsertRow {
  id: string;
  variantId: string;
  grade: Grade;
  priceMinor: number;
  quantity: number;
  active: boolean;
}

/**
 * Serialises the wishlist writes of one refurbisher (portal, API, CSV): an upsert's "does this
 * variant and grade exist yet" cannot race another upsert's insert of the same key.
 */
export async function lockWishlist(db: Executor, refurbisherId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`wishlist:${refurbisherId}`}))`.execute(db);
}

/** Creates many entries in one statement. */
export async function insertEntries(
  db: Executor,
  refurbisherId: string,
  currency: string,
  rows: readonly { id: string; variantId: string; grade: Grade; priceMinor: number; quantity: number; active: boolean }[],
  now: Date,
): Promise<number> {
  if (rows.length === 0) return 0;
  const payload = JSON.stringify(rows.map((r) => ({ id: r.id, v: r.variantId, g: r.grade, p: r.priceMinor, q: r.quantity, a: r.active })));
  const res = await sql`
    insert into wishlist_entries (id, refurbisher_id, variant_id, grade, price_minor, currency, quantity_wanted,
                                  quantity_remaining, active, active_from, created_at, updated_at, catalog_sort_key)
    select r.id, ${refurbisherId}, r.v, r.g, r.p, ${currency}, r.q, r.q, r.a, ${now}, ${now}, ${now}, ${entrySortKey('wv', sql.ref('r.g'))}
      from jsonb_to_recordset(${payload}::jsonb) as r(id text, v text, g text, p bigint, q int, a boolean)
      left join wishlist_variants wv on wv.variant_id = r.v`.execute(db);
  return Number(res.numAffectedRows ?? 0);
}

/**
 * Sets new prices, quantities and active on locked entries, in one statement. An entry keeps its
 * reserved units (remaining = new quantity − reserved) and is only written when something
 * differs, so re-importing the same file writes nothing.
 */
export async function updateEntries(
  db: Executor,
  rows: readonly { id: string; priceMinor: number; quantity: number; active: boolean }[],
  now: Date,
): Promise<number> {
  if (rows.length === 0) return 0;
  const payload = JSON.stringify(rows.map((r) => ({ id: r.id, p: r.priceMinor, q: r.quantity, a: r.active })));
  const res = await sql`
    update wishlist_entries w
       set price_minor = r.p,
           quantity_remaining = r.q - (w.quantity_wanted - w.quantity_remaining),
           quantity_wanted = r.q,
           active = r.a,
           updated_at = ${now}
      from jsonb_to_recordset(${payload}::jsonb) as r(id text, p bigint, q int, a boolean)
     where w.id = r.id
       and (w.price_minor, w.quantity_wanted, w.active) is distinct from (r.p, r.q, r.a)`.execute(db);
  return Number(res.numAffectedRows ?? 0);
}

/** Names the writer of the changes made in this transaction (read by the change-log trigger). */
export async function setChangeContext(db: Executor, c: { actorId: string; actor: string; source: string; now: Date }): Promise<void> {
  await sql`select set_config('tradeloop.actor_id', ${c.actorId}, true), set_config('tradeloop.actor', ${c.actor}, true),
                   set_config('tradeloop.source', ${c.source}, true), set_config('tradeloop.now', ${c.now.toISOString()}, true)`.execute(db);
}

export async function findOwnEntry(db: Executor, refurbisherId: string, id: string) {
  return db
    .selectFrom('wishlist_entries')
    .select(['id', 'variant_id as variantId', 'grade', 'currency'])
    .where('id', '=', id)
    .where('refurbisher_id', '=', refurbisherId)
    .executeTakeFirst();
}

export async function entryChanges(db: Executor, entryId: string) {
  return db.selectFrom('wishlist_entry_changes').selectAll().where('entry_id', '=', entryId).orderBy('id', 'desc').limit(500).execute();
}

/** The price history rows of a key from `from` on, with the last one before it (the value at `from`). */
export async function priceHistoryRows(db: Executor, key: { variantId: string; grade: Grade; currency: string }, from: Date) {
  const before = await db
    .selectFrom('price_history')
    .select(['best_price_minor as priceMinor', 'recorded_at as at'])
    .where('variant_id', '=', key.variantId)
    .where('grade', '=', key.grade)
    .where('currency', '=', key.currency)
    .where('recorded_at', '<', from)
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const after = await db
    .selectFrom('price_history')
    .select(['best_price_minor as priceMinor', 'recorded_at as at'])
    .where('variant_id', '=', key.variantId)
    .where('grade', '=', key.grade)
    .where('currency', '=', key.currency)
    .where('recorded_at', '>=', from)
    .orderBy('recorded_at')
    .orderBy('id')
    .limit(5000)
    .execute();
  return { before, after };
}

export async function entryChangesSince(db: Executor, entryId: string) {
  return db
    .selectFrom('wishlist_entry_changes')
    .select([
      'changed_at as at',
      'new_price_minor as priceMinor',
      'new_active as active',
      'new_quantity_remaining as remaining',
      'new_active_from as activeFrom',
      'new_active_until as activeUntil',
    ])
    .where('entry_id', '=', entryId)
    .orderBy('id')
    .execute();
}

/** How many wishlist entries each of these refurbishers has (one query; a refurbisher with none is absent). */
export async function countEntriesByRefurbisher(db: Executor, refurbisherIds: readonly string[]): Promise<Map<string, number>> {
  if (refurbisherIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('wishlist_entries')
    .select(['refurbisher_id as refurbisherId', (eb) => eb.fn.countAll<string>().as('n')])
    .where('refurbisher_id', 'in', [...new Set(refurbisherIds)])
    .groupBy('refurbisher_id')
    .execute();
  return new Map(rows.map((r) => [r.refurbisherId, Number(r.n)]));
}
