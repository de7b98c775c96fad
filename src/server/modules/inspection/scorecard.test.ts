import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.ts';
import type { TestUser } from '../../../../test/accounts.ts';
import { buildRefurbisher, buildWishlistEntry } from '../../../../test/factories.ts';
import { acceptWithLabel, as, carrierEventBody, flawlessAnswers, makeUser, postCarrierEvent, readySeller } from '../../../../test/journey.ts';
import type { TScorecard } from '../../../shared/api/inspection.ts';
import { newId } from '../../platform/ids.ts';

/**
 * Scorecards (docs/product.md §9) from trade-ins delivered through the real accept → label →
 * carrier path. The inspections and counteroffers are written here as fixtures, straight into
 * their tables: the inspection service that files them is built on another branch.
 */
const ctx = useTestApp();
let seller: TestUser;
const HOUR = 3_600_000;

beforeAll(async () => {
  seller = await readySeller(ctx);
});

let variantCursor = 0;
async function smartphoneVariant(): Promise<string> {
  const variants = await ctx.database.db
    .selectFrom('variants as v')
    .innerJoin('models as m', 'm.id', 'v.model_id')
    .select('v.id')
    .where('m.category_id', '=', 'smartphones')
    .orderBy('v.id')
    .execute();
  return variants[variantCursor++]!.id;
}

async function quote(variantId: string) {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/assessments', payload: { variantId, answers: flawlessAnswers('smartphones') } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().offer as { id: string; refurbisher: { id: string } };
}

/** A trade-in accepted on this variant's best offer and delivered now: its id and inspection deadline. */
async function delivered(variantId: string, refurbisherId: string) {
  const offer = await quote(variantId);
  expect(offer.refurbisher.id).toBe(refurbisherId);
  const t = await acceptWithLabel(ctx, seller, offer.id);
  expect((await postCarrierEvent(ctx.app, carrierEventBody(t.shipping!.trackingNumber, 'delivered', ctx.clock.now()))).statusCode).toBe(200);
  const row = await ctx.database.db.selectFrom('trade_ins').selectAll().where('id', '=', t.id).executeTakeFirstOrThrow();
  expect(row.status).toBe('delivered');
  return row;
}

type Delivered = Awaited<ReturnType<typeof delivered>>;

/** An inspection filed `at`, and a counteroffer at `price` if given. */
async function inspect(t: Delivered, at: Date, counterPriceMinor?: number) {
  const id = newId('inspection', at.getTime());
  await ctx.database.db
    .insertInto('inspections')
    .values({
      id,
      trade_in_id: t.id,
      refurbisher_id: t.refurbisher_id,
      inspector_user_id: 'usr_inspector',
      inspector_name: 'Ines Pector',
      outcome: counterPriceMinor ? 'counteroffer' : 'match',
      declared_grade: t.grade,
      verified_grade: counterPriceMinor ? 'Fair' : t.grade,
      answers: JSON.stringify({}),
      identity_kind: null,
      identity_value: null,
      accessories: JSON.stringify([]),
      still_linked: false,
      refusal_reason: null,
      delivered_at: t.delivered_at!,
      due_at: t.inspection_due_at!,
      created_at: at,
    })
    .execute();
  if (counterPriceMinor) {
    await ctx.database.db
      .insertInto('counteroffers')
      .values({
        id: newId('counteroffer', at.getTime()),
        trade_in_id: t.id,
        inspection_id: id,
        refurbisher_id: t.refurbisher_id,
        declared_grade: t.grade,
        verified_grade: 'Fair',
        defects: JSON.stringify([{ subject: 'screen', reason: 'Deep scratch across the screen' }]),
        original_price_minor: t.price_minor,
        price_minor: counterPriceMinor,
        currency: 'USD',
        market_best_minor: null,
        due_at: new Date(at.getTime() + 7 * 24 * HOUR),
        created_at: at,
      })
      .execute();
  }
}

const scorecard = async (id: string): Promise<TScorecard> => {
  const res = await ctx.app.inject({ method: 'GET', url: `/api/refurbishers/${id}/scorecard` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('GET /api/refurbishers/:id/scorecard', () => {
  it('is honest about no history: nulls, not zeros', async () => {
    const r = await buildRefurbisher(ctx.database.db);
    expect(await scorecard(r.id)).toMatchObject({
      refurbisherId: r.id,
      refurbisherName: r.name,
      windowDays: 90,
      inspections: 0,
      medianInspectionHours: null,
      onTimeShare: null,
      counterofferRate: null,
      averageDowngradePercent: null,
      returnsOnTimeShare: null,
    });
  });

  it('answers 404 for a refurbisher that does not exist', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/refurbishers/ref_nobody/scorecard' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it('counts speed, punctuality (a deadline missed without an inspection is late), counteroffers and downgrades', async () => {
    const variantId = await smartphoneVariant();
    const r = await buildRefurbisher(ctx.database.db);
    await buildWishlistEntry(ctx.database.db, { refurbisherId: r.id, variantId, grade: 'Flawless', priceMinor: 5_000_000, quantityWanted: 10 });
    const [fast, slow, late, never] = [
      await delivered(variantId, r.id),
      await delivered(variantId, r.id),
      await delivered(variantId, r.id),
      await delivered(variantId, r.id),
    ] as [Delivered, Delivered, Delivered, Delivered];
    const deliveredAt = fast.delivered_at!.getTime();
    const dueAt = fast.inspection_due_at!.getTime();
    await inspect(fast, new Date(deliveredAt + 5 * HOUR));
    await inspect(slow, new Date(deliveredAt + 30 * HOUR), 4_000_000); // −20 %
    await inspect(late, new Date(dueAt + HOUR), 4_500_000); // −10 %, after the deadline
    // A second inspection (after a lock hold, say) is not the first: it changes nothing.
    await inspect(fast, new Date(dueAt + 10 * HOUR));
    // `never` is not inspected: once its deadline has passed, it counts late.
    ctx.clock.advance(dueAt + 2 * HOUR - ctx.clock.now().getTime());

    const card = await scorecard(r.id);
    expect(card).toMatchObject({
      inspections: 3,
      medianInspectionHours: 30,
      onTimeShare: 2 / 4,
      counterofferRate: 2 / 3,
      averageDowngradePercent: 15,
      returnsOnTimeShare: null,
    });
    expect(card.weekly.reduce((n, w) => n + w.inspections, 0)).toBe(3);
    expect(card.weekly.length).toBeGreaterThanOrEqual(13);
    expect(card.weekly.map((w) => w.weekStart)).toEqual([...card.weekly.map((w) => w.weekStart)].sort());
    // Aggregates only: no trade-in, seller or price leaves in the public card.
    for (const t of [fast, slow, late, never]) expect(JSON.stringify(card)).not.toContain(t.id);
    expect(JSON.stringify(card)).not.toContain(seller.id);

    // The refurbisher's own card in the portal is the same one.
    const member = await makeUser(ctx.app, ctx.database.db, 'refurbisher', { refurbisherId: r.id });
    const own = await ctx.app.inject({ method: 'GET', url: '/api/refurbisher/scorecard', headers: as(member) });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toEqual(card);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/refurbisher/scorecard', headers: as(seller) })).statusCode).toBe(403);

    // 91 days later the window has moved past all of it.
    ctx.clock.advance(91 * 24 * HOUR);
    expect(await scorecard(r.id)).toMatchObject({ inspections: 0, onTimeShare: null, averageDowngradePercent: null });
  });
});

describe('the matching tie-break follows the scorecard', () => {
  it('after one refurbisher misses deadlines and downgrades heavily and the job runs, an equal price goes to the other', async () => {
    const variantId = await smartphoneVariant();
    // The harsh one starts with the better fixed score, so it wins the tie today.
    const harsh = await buildRefurbisher(ctx.database.db, { score: 99 });
    const fair = await buildRefurbisher(ctx.database.db, { score: 10 });
    for (const r of [harsh, fair]) {
      await buildWishlistEntry(ctx.database.db, { refurbisherId: r.id, variantId, grade: 'Flawless', priceMinor: 6_000_000, quantityWanted: 10 });
    }
    const trades = [await delivered(variantId, harsh.id), await delivered(variantId, harsh.id), await delivered(variantId, harsh.id)];
    for (const t of trades) await inspect(t, new Date(t.inspection_due_at!.getTime() + 20 * HOUR), 3_000_000); // late, −50 %
    ctx.clock.advance(trades[0]!.inspection_due_at!.getTime() + 21 * HOUR - ctx.clock.now().getTime());
    expect((await quote(variantId)).refurbisher.id).toBe(harsh.id);

    await ctx.runtime.scheduleMaintenance();
    await ctx.runtime.jobs.runDue();

    const scores = await ctx.database.db.selectFrom('refurbishers').select(['id', 'score']).where('id', 'in', [harsh.id, fair.id]).execute();
    const scoreOf = (id: string) => scores.find((s) => s.id === id)!.score;
    // No history is the neutral 50; the harsh one's three late, deep counteroffers pull it well below.
    expect(scoreOf(fair.id)).toBe(50);
    expect(scoreOf(harsh.id)).toBeLessThan(45);
    expect((await quote(variantId)).refurbisher.id).toBe(fair.id);
  });
});
