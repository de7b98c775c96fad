import type { Grade } from '../../../shared/grade.ts';
import {
  MAX_PRICE_MINOR,
  WISHLIST_CURRENCY,
  type TBulkChange,
  type TCsvProblem,
  type TEntryChange,
  type TEntryPriceHistory,
  type TPriceHistory,
  type TPricePoint,
  type TWishlistEntry,
  type TWishlistPage,
  type TWishlistPatch,
  type TWishlistUpsertResult,
} from '../../../shared/api/wishlist.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { RefurbisherActor } from '../refurbishers/index.ts';
import {
  countEntries,
  entryChanges,
  entryChangesSince,
  findOwnEntry,
  listEntries,
  lockEntriesById,
  lockEntriesByKey,
  priceHistoryRows,
  setChangeContext,
  insertEntries,
  lockWishlist,
  updateEntries,
  type EntryRow,
  type LockedEntry,
  type ListFilter,
  type MarketRow,
  type SortKey,
} from './wishlist.repository.ts';
import { fillSortKeys, knownVariants } from './wishlist-catalogue.ts';

export interface WishlistDeps {
  db: Db;
  clock: Clock;
}

export type ChangeSource = 'portal' | 'api' | 'csv';

const money = (amountMinor: number | null, currency = WISHLIST_CURRENCY) => (amountMinor === null ? null : { amountMinor, currency });

export function presentEntry(e: EntryRow & MarketRow): TWishlistEntry {
  const youWin = e.winnerId === e.id;
  const rank = e.live ? e.above + 1 : null;
  return {
    id: e.id,
    variantId: e.variantId,
    modelId: e.modelId,
    category: e.category,
    brand: e.brand,
    modelName: e.modelName,
    variantLabel: e.variantLabel,
    grade: e.grade,
    price: { amountMinor: e.priceMinor, currency: e.currency },
    quantity: e.quantityWanted,
    remaining: e.quantityRemaining,
    reserved: e.quantityWanted - e.quantityRemaining,
    active: e.active,
    updatedAt: new Date(e.updatedAt).toISOString(),
    market: {
      rank,
      of: e.othersLive + (e.live ? 1 : 0),
      bestPrice: money(e.bestMinor, e.currency),
      // One cent above the best competing price wins whatever the tie rules say. With no live
      // competitor and no win, the entry itself is paused or filled: no price alone makes it win.
      priceToWin: youWin || e.bestOtherMinor === null ? null : money(e.bestOtherMinor + 1, e.currency),
      youWin,
    },
  };
}

export async function listWishlist(
  deps: WishlistDeps,
  actor: RefurbisherActor,
  q: Omit<ListFilter, 'refurbisherId'> & { sort: SortKey; order: 'asc' | 'desc'; page: number; pageSize: number },
): Promise<TWishlistPage> {
  const filter: ListFilter = {
    refurbisherId: actor.refurbisherId,
    category: q.category,
    brand: q.brand,
    modelId: q.modelId,
    grade: q.grade,
    active: q.active,
    q: q.q,
  };
  await fillSortKeys(deps.db, actor.refurbisherId);
  const [total, rows] = await Promise.all([
    countEntries(deps.db, filter),
    listEntries(deps.db, filter, { sort: q.sort, order: q.order, limit: q.pageSize, offset: (q.page - 1) * q.pageSize, now: deps.clock.now() }),
  ]);
  return { entries: rows.map(presentEntry), page: q.page, pageSize: q.pageSize, total };
}

async function entryById(deps: WishlistDeps, actor: RefurbisherActor, id: string): Promise<TWishlistEntry> {
  await fillSortKeys(deps.db, actor.refurbisherId);
  const rows = await listEntries(deps.db, { refurbisherId: actor.refurbisherId, entryIds: [id] }, { sort: 'model', order: 'asc', limit: 1, offset: 0, now: deps.clock.now() });
  if (!rows[0]) throw notFound('Wishlist entry');
  return presentEntry(rows[0]);
}

export interface UpsertItem {
  /** Where the item came from, for the error list: a CSV line, or the index in `entries`. */
  row: number;
  variantId: string;
  grade: Grade;
  priceMinor: number;
  quantity: number;
  active: boolean;
}

function refused(problems: TCsvProblem[], what: string): AppError {
  const fields: Record<string, string> = {};
  for (const p of problems.slice(0, 200)) fields[`${p.row}.${p.column}`] ??= p.message;
  const n = problems.length;
  return new AppError('validation_failed', `${n} problem${n === 1 ? '' : 's'} in the ${what}; nothing was changed`, { fields, details: { problems } });
}

/**
 * Creates or changes many entries, all or nothing: every problem (unknown variant, a duplicate
 * key, a quantity below the units already reserved) is collected and reported at once, and
 * only a clean set is written, in one transaction with its change log and price history.
 */
export async function upsertWishlist(
  deps: WishlistDeps,
  actor: RefurbisherActor,
  items: readonly UpsertItem[],
  opts: { source: ChangeSource; what: string; problems?: TCsvProblem[]; variantColumn: string; quantityColumn: string; gradeColumn: string },
): Promise<TWishlistUpsertResult> {
  const problems: TCsvProblem[] = [...(opts.problems ?? [])];
  const known = await knownVariants(deps.db, items.map((i) => i.variantId));
  const seen = new Map<string, number>();
  for (const item of items) {
    if (!known.has(item.variantId)) problems.push({ row: item.row, column: opts.variantColumn, message: `Unknown variant "${item.variantId}"` });
    const key = `${item.variantId}|${item.grade}`;
    const first = seen.get(key);
    if (first !== undefined) problems.push({ row: item.row, column: opts.gradeColumn, message: `Duplicate of ${first} (same variant and grade)` });
    else seen.set(key, item.row);
  }
  if (problems.length) throw refused(problems, opts.what);

  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    await lockWishlist(trx, actor.refurbisherId);
    const existing = await lockEntriesByKey(trx, actor.refurbisherId, WISHLIST_CURRENCY, items);
    const byKey = new Map<string, LockedEntry>();
    // The oldest entry of a key is the one an upsert changes (entries written by other means may repeat a key).
    for (const e of existing) if (!byKey.has(`${e.variantId}|${e.grade}`)) byKey.set(`${e.variantId}|${e.grade}`, e);
    for (const item of items) {
      const e = byKey.get(`${item.variantId}|${item.grade}`);
      const reserved = e ? e.quantityWanted - e.quantityRemaining : 0;
      if (e && item.quantity < reserved) {
        problems.push({ row: item.row, column: opts.quantityColumn, message: `Quantity cannot go below the ${reserved} unit${reserved === 1 ? '' : 's'} already reserved by accepted trade-ins` });
      }
    }
    if (problems.length) throw refused(problems, opts.what);
    await setChangeContext(trx, { actorId: actor.actorId, actor: actor.label, source: opts.source, now });
    const fresh = items.filter((i) => !byKey.has(`${i.variantId}|${i.grade}`)).map((i) => ({ ...i, id: newId('wishlistEntry', now.getTime()) }));
    const changes = items.flatMap((i) => {
      const e = byKey.get(`${i.variantId}|${i.grade}`);
      return e ? [{ id: e.id, priceMinor: i.priceMinor, quantity: i.quantity, active: i.active }] : [];
    });
    const created = await insertEntries(trx, actor.refurbisherId, WISHLIST_CURRENCY, fresh, now);
    const updated = await updateEntries(trx, changes, now);
    return { created, updated, unchanged: items.length - created - updated };
  });
}

function belowReserved(reserved: number): AppError {
  return new AppError('validation_failed', `Quantity cannot go below the ${reserved} unit${reserved === 1 ? '' : 's'} already reserved by accepted trade-ins`, {
    fields: { quantity: `At least ${reserved} (already reserved)` },
  });
}

/** Inline edit of one entry. Another refurbisher's entry is not found. */
export async function patchEntry(deps: WishlistDeps, actor: RefurbisherActor, id: string, patch: TWishlistPatch, source: ChangeSource): Promise<TWishlistEntry> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await lockWishlist(trx, actor.refurbisherId);
    const [e] = await lockEntriesById(trx, actor.refurbisherId, [id]);
    if (!e) throw notFound('Wishlist entry');
    const reserved = e.quantityWanted - e.quantityRemaining;
    const quantity = patch.quantity ?? e.quantityWanted;
    if (quantity < reserved) throw belowReserved(reserved);
    await setChangeContext(trx, { actorId: actor.actorId, actor: actor.label, source, now });
    await updateEntries(trx, [{ id, priceMinor: patch.price?.amountMinor ?? e.priceMinor, quantity, active: patch.active ?? e.active }], now);
  });
  return entryById(deps, actor, id);
}

/** A bulk price change on a selection, in one transaction: every entry changes, or none. */
export async function bulkChange(deps: WishlistDeps, actor: RefurbisherActor, input: TBulkChange, source: ChangeSource): Promise<{ updated: number }> {
  const ids = [...new Set(input.entryIds)];
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    await lockWishlist(trx, actor.refurbisherId);
    const locked = await lockEntriesById(trx, actor.refurbisherId, ids);
    if (locked.length !== ids.length) {
      const found = new Set(locked.map((e) => e.id));
      const missing = ids.filter((i) => !found.has(i));
      throw new AppError('not_found', `${missing.length} of the selected entries were not found; nothing was changed`, { details: { missing: missing.slice(0, 100) } });
    }
    const problems: TCsvProblem[] = [];
    const rows = locked.map((e, i) => {
      // Half away from zero, to whole cents: the rounding is explicit, never a float left behind.
      const next =
        input.change.kind === 'percent'
          ? Math.round((e.priceMinor * (100 + input.change.percent)) / 100)
          : e.priceMinor + input.change.amountMinor;
      if (next < 1 || next > MAX_PRICE_MINOR) {
        problems.push({ row: i, column: 'price', message: `Entry ${e.id} would be priced at ${next} cents (must be 1 to ${MAX_PRICE_MINOR})` });
      }
      return { id: e.id, priceMinor: next, quantity: e.quantityWanted, active: e.active };
    });
    if (problems.length) throw refused(problems, 'bulk change');
    await setChangeContext(trx, { actorId: actor.actorId, actor: actor.label, source, now });
    return { updated: await updateEntries(trx, rows, now) };
  });
}

export async function getEntryChanges(db: Executor, actor: RefurbisherActor, id: string): Promise<{ entryId: string; changes: TEntryChange[] }> {
  if (!(await findOwnEntry(db, actor.refurbisherId, id))) throw notFound('Wishlist entry');
  const rows = await entryChanges(db, id);
  return {
    entryId: id,
    changes: rows.map((c) => ({
      at: c.changed_at.toISOString(),
      kind: c.kind,
      source: c.source,
      who: c.actor,
      old: { priceMinor: c.old_price_minor, quantity: c.old_quantity_wanted, remaining: c.old_quantity_remaining, active: c.old_active },
      new: { priceMinor: c.new_price_minor, quantity: c.new_quantity_wanted, remaining: c.new_quantity_remaining, active: c.new_active },
    })),
  };
}

const DAY_MS = 86_400_000;

/** The market's best live price for a variant and grade over the last `days` days, as a step line. */
export async function priceHistory(db: Executor, key: { variantId: string; grade: Grade; currency?: string }, days: number, now: Date): Promise<TPriceHistory> {
  const currency = key.currency ?? WISHLIST_CURRENCY;
  const from = new Date(now.getTime() - days * DAY_MS);
  const { before, after } = await priceHistoryRows(db, { variantId: key.variantId, grade: key.grade, currency }, from);
  const points: TPricePoint[] = [{ at: from.toISOString(), priceMinor: before?.priceMinor ?? null }];
  for (const r of after) {
    if (r.at.getTime() > now.getTime()) break;
    points.push({ at: r.at.toISOString(), priceMinor: r.priceMinor });
  }
  return { variantId: key.variantId, grade: key.grade, currency, from: from.toISOString(), to: now.toISOString(), points: dedupe(points) };
}

function dedupe(points: TPricePoint[]): TPricePoint[] {
  const out: TPricePoint[] = [];
  for (const p of points) {
    const last = out.at(-1);
    if (last && last.at === p.at) out[out.length - 1] = p;
    else if (!last || last.priceMinor !== p.priceMinor) out.push(p);
  }
  return out;
}

/** One entry's own live price (null while paused or filled) beside the market's best. */
export async function entryPriceHistory(deps: WishlistDeps, actor: RefurbisherActor, id: string, days: number): Promise<TEntryPriceHistory> {
  const entry = await findOwnEntry(deps.db, actor.refurbisherId, id);
  if (!entry) throw notFound('Wishlist entry');
  const now = deps.clock.now();
  const market = await priceHistory(deps.db, { variantId: entry.variantId, grade: entry.grade, currency: entry.currency.trim() }, days, now);
  const from = new Date(market.from);
  const yours: TPricePoint[] = [{ at: market.from, priceMinor: null }];
  const put = (at: number, value: number | null) => {
    if (at <= from.getTime()) yours[0] = { at: market.from, priceMinor: value };
    else if (at <= now.getTime()) yours.push({ at: new Date(at).toISOString(), priceMinor: value });
  };
  const changes = await entryChangesSince(deps.db, id);
  for (const [i, c] of changes.entries()) {
    // Live as the quote sees it, window included: a change's state holds until the next change,
    // and its window may open or lapse in between with nothing written.
    const price = c.active && c.remaining > 0 ? c.priceMinor : null;
    const opens = c.activeFrom?.getTime() ?? -Infinity;
    const lapses = c.activeUntil?.getTime() ?? Infinity;
    const at = c.at.getTime();
    const until = changes[i + 1]?.at.getTime() ?? Infinity;
    put(at, at >= opens && at < lapses ? price : null);
    if (opens > at && opens < until && opens < lapses) put(opens, price);
    if (lapses > at && lapses < until) put(lapses, null);
  }
  return { market, yours: dedupe(yours) };
}
