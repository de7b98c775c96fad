import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/db.ts';
import { buildRefurbisher, buildWishlistEntry } from '../../../../test/factories.ts';
import type { Grade } from '../../../shared/grade.ts';
import type { Database } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { insertQuote } from './matching.repository.ts';

const NOW = new Date('2026-11-26T15:00:00Z');
let database: Database;
let variantId: string;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

// Each test gets a variant nobody else bids on, so cases cannot leak into one another.
let variantCursor = 0;
let variantIds: string[] = [];
beforeEach(async () => {
  if (variantIds.length === 0) {
    variantIds = (await database.db.selectFrom('variants').select('id').orderBy('id').limit(100).execute()).map((v) => v.id);
  }
  variantId = variantIds[variantCursor++]!;
});

/** Runs the production quote statement for a seller whose device graded `grade`. */
function quote(grade: Grade = 'Good', variant = variantId) {
  return insertQuote(database, {
    assessmentId: newId('assessment', NOW.getTime()),
    offerId: newId('offer', NOW.getTime()),
    variantId: variant,
    grade,
    answersJson: '{}',
    reasonsJson: '[]',
    now: NOW,
    shipBy: new Date(NOW.getTime() + 21 * 86_400_000),
    currency: 'USD',
  });
}
const best = async (grade: Grade = 'Good') => (await quote(grade)).offer ?? undefined;
const ladderPrices = async () => Object.fromEntries((await quote()).ladder.map((r) => [r.grade, r.priceMinor]));

describe('matching (docs/product.md §2)', () => {
  it('picks the highest active price with a unit left', async () => {
    const a = await buildRefurbisher(database.db);
    const b = await buildRefurbisher(database.db);
    await buildWishlistEntry(database.db, { refurbisherId: a.id, variantId, priceMinor: 20_000 });
    const high = await buildWishlistEntry(database.db, { refurbisherId: b.id, variantId, priceMinor: 25_000 });
    expect((await best())?.entryId).toBe(high.id);
    expect((await best())?.priceMinor).toBe(25_000);
  });

  it('breaks a price tie by the better score', async () => {
    const weak = await buildRefurbisher(database.db, { score: 10 });
    const strong = await buildRefurbisher(database.db, { score: 90 });
    await buildWishlistEntry(database.db, { refurbisherId: weak.id, variantId, priceMinor: 30_000, createdAt: new Date('2026-01-01T00:00:00Z') });
    const winner = await buildWishlistEntry(database.db, { refurbisherId: strong.id, variantId, priceMinor: 30_000, createdAt: new Date('2026-06-01T00:00:00Z') });
    expect((await best())?.entryId).toBe(winner.id);
  });

  it('breaks a price and score tie by the older entry', async () => {
    const a = await buildRefurbisher(database.db, { score: 50 });
    const b = await buildRefurbisher(database.db, { score: 50 });
    const older = await buildWishlistEntry(database.db, { refurbisherId: b.id, variantId, priceMinor: 30_000, createdAt: new Date('2026-02-01T00:00:00Z') });
    await buildWishlistEntry(database.db, { refurbisherId: a.id, variantId, priceMinor: 30_000, createdAt: new Date('2026-03-01T00:00:00Z') });
    expect((await best())?.entryId).toBe(older.id);
  });

  it('skips exhausted entries', async () => {
    const r = await buildRefurbisher(database.db);
    await buildWishlistEntry(database.db, { refurbisherId: r.id, variantId, priceMinor: 50_000, quantityWanted: 5, quantityRemaining: 0 });
    const live = await buildWishlistEntry(database.db, { refurbisherId: r.id, variantId, priceMinor: 10_000 });
    expect((await best())?.entryId).toBe(live.id);
  });

  it('skips inactive entries', async () => {
    const r = await buildRefurbisher(database.db);
    await buildWishlistEntry(database.db, { refurbisherId: r.id, variantId, priceMinor: 50_000, active: false });
    const live = await buildWishlistEntry(database.db, { refurbisherId: r.id, variantId, priceMinor: 10_000 });
    expect((await best())?.entryId).toBe(live.id);
  });

  it('skips entries outside their active window, at the exact boundaries', async () => {
    const r = await buildRefurbisher(database.db);
    await buildWishlistEntry(database.db, { refurbisherId: r.id, variantId, priceMinor: 50_000, activeFrom: new Date(NOW.getTime() + 1000) });
    await buildWishlistEntry(database.db, { refurbisherId: r.id, variantId, priceMinor: 40_000, activeFrom: new Date('2026-01-01'), activeUntil: NOW });
    const startsNow = await buildWishlistEntry(database.db, { refurbisherId: r.id, variantId, priceMinor: 30_000, activeFrom: NOW });
    const live = await buildWishlistEntry(database.db, { refurbisherId: r.id, variantId, priceMinor: 20_000, activeUntil: new Date(NOW.getTime() + 1) });
    expect((await best())?.entryId).toBe(startsNow.id);
    await database.db.updateTable('wishlist_entries').set({ active: false }).where('id', '=', startsNow.id).execute();
    expect((await best())?.entryId).toBe(live.id);
  });

  it('answers "no offer" (not an error) when no entry exists, and stores no offer', async () => {
    const q = await quote();
    expect(q.offer).toBeNull();
    expect(await ladderPrices()).toEqual({ Flawless: null, Good: null, Fair: null, Broken: null });
    expect(await database.db.selectFrom('offers').select('id').where('variant_id', '=', variantId).execute()).toEqual([]);
  });

  it('gives the best price at every grade independently (the ladder)', async () => {
    const r = await buildRefurbisher(database.db);
    await buildWishlistEntry(database.db, { refurbisherId: r.id, variantId, grade: 'Flawless', priceMinor: 40_000 });
    await buildWishlistEntry(database.db, { refurbisherId: r.id, variantId, grade: 'Fair', priceMinor: 25_000 });
    await buildWishlistEntry(database.db, { refurbisherId: r.id, variantId, grade: 'Fair', priceMinor: 27_000 });
    expect(await ladderPrices()).toEqual({ Flawless: 40_000, Good: null, Fair: 27_000, Broken: null });
    expect((await best('Fair'))?.priceMinor).toBe(27_000);
    expect(await best('Good')).toBeUndefined();
  });

  it('does not match another variant', async () => {
    const r = await buildRefurbisher(database.db);
    await buildWishlistEntry(database.db, { refurbisherId: r.id, variantId: variantIds[99]!, priceMinor: 40_000 });
    expect(await best()).toBeUndefined();
  });
});

describe('referenced rows', () => {
  it('wishlist entries, refurbishers and variants are never deleted (offers refer to them without a foreign key)', async () => {
    const r = await buildRefurbisher(database.db);
    const e = await buildWishlistEntry(database.db, { refurbisherId: r.id, variantId });
    await expect(database.db.deleteFrom('wishlist_entries').where('id', '=', e.id).execute()).rejects.toThrow(/never deleted/);
    await expect(database.db.deleteFrom('refurbishers').where('id', '=', r.id).execute()).rejects.toThrow(/never deleted/);
    await expect(database.db.deleteFrom('variants').where('id', '=', variantId).execute()).rejects.toThrow(/never deleted/);
  });
});
