import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.ts';
import { buildRefurbisher, buildWishlistEntry } from '../../../../test/factories.ts';
import { accept, flawlessAnswers, readySeller } from '../../../../test/journey.ts';
import { bearer, createKey, openRefurbisher, operator, syntheticVariants, type OpenedRefurbisher } from '../../../../test/refurbishers.ts';
import { as } from '../../../../test/accounts.ts';

const ctx = useTestApp();

let variantSeq = 0;
/** Smartphone variants nobody else in this file bids on. */
async function freshVariants(n: number): Promise<string[]> {
  const rows = await ctx.database.db
    .selectFrom('variants as v')
    .innerJoin('models as m', 'm.id', 'v.model_id')
    .select('v.id')
    .where('m.category_id', '=', 'smartphones')
    .orderBy('v.id')
    .offset(variantSeq)
    .limit(n)
    .execute();
  variantSeq += n;
  return rows.map((r) => r.id);
}

async function opened(): Promise<OpenedRefurbisher> {
  return openRefurbisher(ctx.app, ctx.database.db, ctx.runtime, await operator(ctx.app, ctx.database.db));
}

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

async function put(r: OpenedRefurbisher, entries: unknown[]) {
  return ctx.app.inject({ method: 'PUT', url: '/api/refurbisher/wishlist', headers: as(r.admin), payload: { entries } });
}
async function list(r: OpenedRefurbisher, query = '') {
  const res = await ctx.app.inject({ method: 'GET', url: `/api/refurbisher/wishlist?${query}`, headers: as(r.admin) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { total: number; entries: Array<Record<string, any>> };
}
async function csvExport(r: OpenedRefurbisher) {
  const res = await ctx.app.inject({ method: 'GET', url: '/api/refurbisher/wishlist.csv', headers: as(r.admin) });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('text/csv');
  return res.body;
}
async function csvImport(r: OpenedRefurbisher, csv: string) {
  return ctx.app.inject({ method: 'POST', url: '/api/refurbisher/wishlist.csv', headers: { ...as(r.admin), 'content-type': 'text/csv' }, payload: csv });
}
const changeCount = async (refurbisherId: string) =>
  Number((await ctx.database.db.selectFrom('wishlist_entry_changes').select((eb) => eb.fn.countAll().as('n')).where('refurbisher_id', '=', refurbisherId).executeTakeFirstOrThrow()).n);

describe('the wishlist API', () => {
  it('upserts by variant and grade, pages and filters, and shows rank, best price, price to win and the win — never who', async () => {
    const r = await opened();
    const [v1, v2] = await freshVariants(2);
    const rival = await buildRefurbisher(ctx.database.db, { name: `Rival ${Math.random()}`, score: 10 });
    await buildWishlistEntry(ctx.database.db, { refurbisherId: rival.id, variantId: v1!, grade: 'Good', priceMinor: 30_000 });
    await buildWishlistEntry(ctx.database.db, { refurbisherId: rival.id, variantId: v2!, grade: 'Good', priceMinor: 10_000 });

    const res = await put(r, [
      { variantId: v1, grade: 'Good', price: usd(25_000), quantity: 3 },
      { variantId: v2, grade: 'Good', price: usd(20_000), quantity: 3 },
      { variantId: v2, grade: 'Fair', price: usd(9_000), quantity: 0, active: false },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ created: 3, updated: 0, unchanged: 0 });

    const page = await list(r, 'grade=Good&sort=price&order=asc');
    expect(page.total).toBe(2);
    const [win, lose] = page.entries;
    expect(win).toMatchObject({ variantId: v2, price: usd(20_000), market: { rank: 1, of: 2, bestPrice: usd(20_000), priceToWin: null, youWin: true } });
    expect(lose).toMatchObject({ variantId: v1, price: usd(25_000), market: { rank: 2, of: 2, bestPrice: usd(30_000), priceToWin: usd(30_001), youWin: false } });
    expect(JSON.stringify(page)).not.toContain(rival.name);

    expect((await list(r, 'active=false')).entries.map((e) => e.grade)).toEqual(['Fair']);
    expect((await list(r, 'page=2&pageSize=2')).entries).toHaveLength(1);
    const again = await put(r, [{ variantId: v1, grade: 'Good', price: usd(31_000), quantity: 3 }]);
    expect(again.json()).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect((await list(r, `grade=Good&sort=price&order=desc`)).entries[0]).toMatchObject({ variantId: v1, market: { rank: 1, youWin: true } });
  });

  it('refuses a whole PUT when one item is bad, naming it', async () => {
    const r = await opened();
    const [v1] = await freshVariants(1);
    const res = await put(r, [
      { variantId: v1, grade: 'Good', price: usd(25_000), quantity: 3 },
      { variantId: 'var_nope', grade: 'Good', price: usd(25_000), quantity: 3 },
      { variantId: v1, grade: 'Good', price: usd(26_000), quantity: 3 },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.problems).toEqual([
      { row: 1, column: 'variantId', message: 'Unknown variant "var_nope"' },
      { row: 2, column: 'grade', message: 'Duplicate of 0 (same variant and grade)' },
    ]);
    expect((await list(r)).total).toBe(0);
    const zod = await put(r, [{ variantId: v1, grade: 'Mint', price: usd(1.5), quantity: -1 }]);
    expect(zod.statusCode).toBe(400);
    expect(Object.keys(zod.json().error.fields).sort()).toEqual(['entries.0.grade', 'entries.0.price.amountMinor', 'entries.0.quantity']);
  });

  it('works with an API key, and records who changed what', async () => {
    const r = await opened();
    const [v1] = await freshVariants(1);
    const { secret } = await createKey(ctx.app, r.admin, 'buyer');
    const res = await ctx.app.inject({ method: 'PUT', url: '/api/refurbisher/wishlist', headers: bearer(secret), payload: { entries: [{ variantId: v1, grade: 'Fair', price: usd(5_000), quantity: 2 }] } });
    expect(res.statusCode, res.body).toBe(200);
    const [entry] = (await list(r)).entries;
    const patched = await ctx.app.inject({ method: 'PATCH', url: `/api/refurbisher/wishlist/${entry!.id}`, headers: as(r.admin), payload: { price: usd(5_500), active: false } });
    expect(patched.json()).toMatchObject({ price: usd(5_500), active: false, market: { rank: null, youWin: false } });
    const history = (await ctx.app.inject({ method: 'GET', url: `/api/refurbisher/wishlist/${entry!.id}/changes`, headers: as(r.admin) })).json();
    expect(history.changes).toHaveLength(2);
    expect(history.changes[0]).toMatchObject({ kind: 'updated', source: 'portal', old: { priceMinor: 5_000, active: true }, new: { priceMinor: 5_500, active: false } });
    expect(history.changes[1]).toMatchObject({ kind: 'created', source: 'api', who: 'API key "stock sync buyer"', new: { priceMinor: 5_000, quantity: 2 } });
    // The log is append-only, even for the database's owner.
    await expect(ctx.database.db.deleteFrom('wishlist_entry_changes').where('entry_id', '=', entry!.id).execute()).rejects.toThrow(/append-only/);
  });
});

describe('quantities and reservations', () => {
  it('refuses to lower the quantity below reserved units, by PATCH, PUT and CSV; accepted trade-ins keep their price', async () => {
    const r = await opened();
    const [v1] = await freshVariants(1);
    await put(r, [{ variantId: v1, grade: 'Flawless', price: usd(900_000), quantity: 3 }]);
    const seller = await readySeller(ctx);
    const quote = await ctx.app.inject({ method: 'POST', url: '/api/assessments', payload: { variantId: v1, answers: flawlessAnswers('smartphones') } });
    const offerId = quote.json().offer.id;
    const accepted = await accept(ctx.app, seller, offerId);
    expect(accepted.statusCode, accepted.body).toBe(201);
    const accepted2 = await accept(ctx.app, await readySeller(ctx), (await ctx.app.inject({ method: 'POST', url: '/api/assessments', payload: { variantId: v1, answers: flawlessAnswers('smartphones') } })).json().offer.id);
    expect(accepted2.statusCode).toBe(201);

    const [entry] = (await list(r)).entries;
    expect(entry).toMatchObject({ quantity: 3, remaining: 1, reserved: 2 });
    const patch = await ctx.app.inject({ method: 'PATCH', url: `/api/refurbisher/wishlist/${entry!.id}`, headers: as(r.admin), payload: { quantity: 1 } });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().error.message).toBe('Quantity cannot go below the 2 units already reserved by accepted trade-ins');
    const viaPut = await put(r, [{ variantId: v1, grade: 'Flawless', price: usd(900_000), quantity: 1 }]);
    expect(viaPut.json().error.details.problems).toEqual([{ row: 0, column: 'quantity', message: 'Quantity cannot go below the 2 units already reserved by accepted trade-ins' }]);
    const viaCsv = await csvImport(r, `variant_id,grade,price_cents,quantity,active\n${v1},Flawless,900000,0,true\n`);
    expect(viaCsv.json().error.details.problems).toEqual([{ row: 2, column: 'quantity', message: 'Quantity cannot go below the 2 units already reserved by accepted trade-ins' }]);

    // Exactly the reserved units is allowed: nothing left open, the reservations stand.
    const down = await ctx.app.inject({ method: 'PATCH', url: `/api/refurbisher/wishlist/${entry!.id}`, headers: as(r.admin), payload: { quantity: 2, price: usd(100) } });
    expect(down.json()).toMatchObject({ quantity: 2, remaining: 0, reserved: 2, price: usd(100) });
    const tradeIn = (await ctx.app.inject({ method: 'GET', url: `/api/trade-ins/${accepted.json().id}`, headers: as(seller) })).json();
    expect(tradeIn.price).toEqual(usd(900_000));
    const offer = (await ctx.app.inject({ method: 'GET', url: `/api/offers/${offerId}` })).json();
    expect(offer.offer.price).toEqual(usd(900_000));
  });
});

describe('bulk change', () => {
  it('changes every selected price by a percentage or an amount in one transaction, or none at all', async () => {
    const r = await opened();
    const [v1, v2, v3] = await freshVariants(3);
    await put(r, [
      { variantId: v1, grade: 'Good', price: usd(10_000), quantity: 1 },
      { variantId: v2, grade: 'Good', price: usd(20_001), quantity: 1 },
      { variantId: v3, grade: 'Good', price: usd(500), quantity: 1 },
    ]);
    const byVariant = async () => Object.fromEntries((await list(r)).entries.map((e) => [e.variantId, e.price.amountMinor]));
    const ids = (await list(r)).entries.map((e) => e.id);
    const before = await changeCount(r.id);

    const tooMuch = await ctx.app.inject({ method: 'POST', url: '/api/refurbisher/wishlist/bulk-change', headers: as(r.admin), payload: { entryIds: ids, change: { kind: 'amount', amountMinor: -600 } } });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().error.details.problems).toHaveLength(1);
    expect(await byVariant()).toEqual({ [v1!]: 10_000, [v2!]: 20_001, [v3!]: 500 });
    expect(await changeCount(r.id)).toBe(before);

    const pct = await ctx.app.inject({ method: 'POST', url: '/api/refurbisher/wishlist/bulk-change', headers: as(r.admin), payload: { entryIds: ids, change: { kind: 'percent', percent: 5 } } });
    expect(pct.json()).toEqual({ updated: 3 });
    // Rounded half away from zero to whole cents: 20,001 × 1.05 = 21,001.05 → 21,001; 500 × 1.05 = 525.
    expect(await byVariant()).toEqual({ [v1!]: 10_500, [v2!]: 21_001, [v3!]: 525 });
    const rows = await ctx.database.db.selectFrom('wishlist_entry_changes').select('changed_at').where('refurbisher_id', '=', r.id).where('kind', '=', 'updated').execute();
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((x) => x.changed_at.toISOString())).size).toBe(1);
  });
});

describe('CSV', () => {
  it('refuses a file with one bad row, names its row and column, and changes nothing', async () => {
    const r = await opened();
    const [v1, v2] = await freshVariants(2);
    const good = `variant_id,grade,price_cents,quantity,active\n${v1},Good,12000,4,true\n`;
    expect((await csvImport(r, good)).json()).toEqual({ created: 1, updated: 0, unchanged: 0, rows: 1 });
    const before = await changeCount(r.id);
    const bad = [
      'variant_id,grade,price_cents,quantity,active',
      `${v1},Good,13000,4,true`,
      `${v2},Good,12.50,4,true`,
      `var_unknown,Good,100,1,true`,
      `${v2},Mint,100,x,maybe`,
      `${v1},good,100,1,true`,
    ].join('\n');
    const res = await csvImport(r, bad);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.problems).toEqual([
      { row: 3, column: 'price_cents', message: 'Price must be a whole number of cents from 1 to 10000000' },
      { row: 5, column: 'grade', message: 'Grade must be one of Flawless, Good, Fair, Broken' },
      { row: 5, column: 'quantity', message: 'Quantity must be a whole number from 0 to 100000' },
      { row: 5, column: 'active', message: 'Active must be true or false' },
      { row: 4, column: 'variant_id', message: 'Unknown variant "var_unknown"' },
      { row: 6, column: 'grade', message: 'Duplicate of 2 (same variant and grade)' },
    ]);
    expect(res.json().error.fields['3.price_cents']).toBeDefined();
    expect((await list(r)).entries[0]!.price).toEqual(usd(12_000));
    expect(await changeCount(r.id)).toBe(before);

    const header = await csvImport(r, `variant,grade,price,quantity\n${v1},Good,1,1\n`);
    expect(header.statusCode).toBe(400);
    expect(header.json().error.details.problems.map((p: { column: string }) => p.column)).toEqual(['price', 'variant_id', 'price_cents', 'active']);
    const ragged = await csvImport(r, `variant_id,grade,price_cents,quantity,active\n${v1},Good,1\n`);
    expect(ragged.json().error.details.problems).toEqual([{ row: 2, column: '*', message: 'Has 3 fields; the header has 5' }]);
  });

  it('round-trips 10,000 rows: import, export, and importing the export changes nothing', async () => {
    const r = await opened();
    const variants = await syntheticVariants(ctx.database.db, 2_500);
    const lines = ['variant_id,grade,price_cents,quantity,active'];
    for (const [i, v] of variants.entries()) {
      for (const [g, grade] of ['Flawless', 'Good', 'Fair', 'Broken'].entries()) lines.push(`${v},${grade},${1_000 + i * 4 + g},${(i % 7) + 1},${i % 5 === 0 ? 'false' : 'true'}`);
    }
    const imported = await csvImport(r, lines.join('\n'));
    expect(imported.statusCode, imported.body.slice(0, 500)).toBe(200);
    expect(imported.json()).toEqual({ created: 10_000, updated: 0, unchanged: 0, rows: 10_000 });
    expect((await list(r)).total).toBe(10_000);

    const exported = await csvExport(r);
    expect(exported.split('\n')[0]).toBe('variant_id,brand,model,variant,grade,price_cents,currency,quantity,active');
    expect(exported.trim().split('\n')).toHaveLength(10_001);
    const before = await changeCount(r.id);
    const again = await csvImport(r, exported);
    expect(again.json()).toEqual({ created: 0, updated: 0, unchanged: 10_000, rows: 10_000 });
    expect(await changeCount(r.id)).toBe(before);
    expect(await csvExport(r)).toBe(exported);
  }, 120_000);
});

describe('price history', () => {
  it('is public per variant and grade, and starts with the value in force 90 days ago', async () => {
    const r = await opened();
    const [v1] = await freshVariants(1);
    await put(r, [{ variantId: v1, grade: 'Good', price: usd(10_000), quantity: 1 }]);
    ctx.clock.advance(86_400_000);
    await put(r, [{ variantId: v1, grade: 'Good', price: usd(12_000), quantity: 1 }]);
    const res = await ctx.app.inject({ method: 'GET', url: `/api/catalog/variants/${v1}/price-history?grade=Good` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().points.map((p: { priceMinor: number | null }) => p.priceMinor)).toEqual([null, 10_000, 12_000]);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/catalog/variants/${v1}/price-history` })).statusCode).toBe(400);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/catalog/variants/var_nope/price-history?grade=Good' })).statusCode).toBe(404);
    const [entry] = (await list(r)).entries;
    const mine = (await ctx.app.inject({ method: 'GET', url: `/api/refurbisher/wishlist/${entry!.id}/price-history`, headers: as(r.admin) })).json();
    expect(mine.yours.map((p: { priceMinor: number | null }) => p.priceMinor)).toEqual([null, 10_000, 12_000]);
  });
});
