import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.ts';
import { buildRefurbisher } from '../../../../test/factories.ts';
import { syntheticVariants } from '../../../../test/refurbishers.ts';
import { upsertWishlist } from './wishlist.service.ts';

const ctx = useTestApp();

describe('the price history at the end of an entry’s window', () => {
  it('records the lapse at its own instant, from the scheduled job on product time, with nothing written then', async () => {
    const db = ctx.database.db;
    const [variant] = await syntheticVariants(db, 1);
    const [high, low] = await Promise.all([buildRefurbisher(db), buildRefurbisher(db)]);
    const actor = (id: string) => ({ kind: 'member' as const, refurbisherId: id, organizationId: `org-${id}`, role: 'admin' as const, actorId: `usr-${id}`, label: 'Tester' });
    const put = (id: string, priceMinor: number) =>
      upsertWishlist({ db, clock: ctx.clock }, actor(id), [{ row: 0, variantId: variant!, grade: 'Good', priceMinor, quantity: 2, active: true }], {
        source: 'api', what: 'entries', variantColumn: 'variantId', gradeColumn: 'grade', quantityColumn: 'quantity',
      });
    await put(high.id, 30_000);
    await put(low.id, 20_000);
    // The best offer runs until an hour from now (set by a writer outside the portal).
    const lapse = new Date(ctx.clock.now().getTime() + 3_600_000);
    await db.transaction().execute(async (trx) => {
      await sql`select set_config('tradeloop.now', ${ctx.clock.now().toISOString()}, true)`.execute(trx);
      await trx.updateTable('wishlist_entries').set({ active_until: lapse }).where('refurbisher_id', '=', high.id).execute();
    });
    await ctx.runtime.scheduleMaintenance();

    const history = async () => {
      const res = await ctx.app.inject({ method: 'GET', url: `/api/catalog/variants/${variant}/price-history?grade=Good&days=2` });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { points: { at: string; priceMinor: number | null }[] }).points.slice(1);
    };
    expect((await history()).map((p) => p.priceMinor)).toEqual([30_000]);

    // A day passes on the product clock (as a demo clock jump does); the due job runs once.
    ctx.clock.advance(86_400_000);
    await ctx.runtime.jobs.runDue();
    expect(await history()).toEqual([expect.objectContaining({ priceMinor: 30_000 }), { at: lapse.toISOString(), priceMinor: 20_000 }]);

    // Again: the boundary was swept once.
    ctx.clock.advance(120_000);
    await ctx.runtime.jobs.runDue();
    expect((await history()).map((p) => p.priceMinor)).toEqual([30_000, 20_000]);
  });
});
