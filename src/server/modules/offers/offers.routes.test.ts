import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../../test/app.ts';
import { createTestDatabase } from '../../../../test/db.ts';
import { buildRefurbisher, buildWishlistEntry } from '../../../../test/factories.ts';
import type { CategoryId } from '../../../shared/catalog-types.ts';
import { GRADING_RULES, QUESTIONNAIRES } from '../../../shared/questionnaires.ts';
import type { AdjustableClock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';

let database: Database;
let app: FastifyInstance;
let clock: AdjustableClock;
const NOW = new Date('2026-11-26T15:00:00Z');

function answersWith(category: CategoryId, worst: 'Flawless' | 'Broken' = 'Flawless'): Record<string, string> {
  const rules = GRADING_RULES[category];
  return Object.fromEntries(
    QUESTIONNAIRES[category].questions.map((q) => {
      const pick = q.options.find((o) => rules[q.id]![o.id]!.cap === 'Flawless')!;
      return [q.id, pick.id];
    }),
  ) as Record<string, string>;
}

async function variantOf(category: CategoryId, skip = 0): Promise<string> {
  const row = await database.db
    .selectFrom('variants as v')
    .innerJoin('models as m', 'm.id', 'v.model_id')
    .select('v.id')
    .where('m.category_id', '=', category)
    .orderBy('v.id')
    .offset(skip)
    .limit(1)
    .executeTakeFirstOrThrow();
  return row.id;
}

const count = async (table: 'assessments' | 'offers') =>
  Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app, clock } = await buildTestApp(database, { now: NOW }));
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('POST /api/assessments', () => {
  it('stores the assessment and the best offer, with the ladder and a ship-by 21 days out', async () => {
    const variantId = await variantOf('smartphones');
    const r1 = await buildRefurbisher(database.db, { name: 'Best Buyer Inc' });
    const r2 = await buildRefurbisher(database.db);
    await buildWishlistEntry(database.db, { refurbisherId: r1.id, variantId, grade: 'Flawless', priceMinor: 41_500 });
    await buildWishlistEntry(database.db, { refurbisherId: r2.id, variantId, grade: 'Flawless', priceMinor: 39_000 });
    await buildWishlistEntry(database.db, { refurbisherId: r2.id, variantId, grade: 'Broken', priceMinor: 9_000 });

    const res = await app.inject({ method: 'POST', url: '/api/assessments', payload: { variantId, answers: answersWith('smartphones') } });
    expect(res.statusCode).toBe(201);
    const quote = res.json();
    expect(quote.grade).toBe('Flawless');
    expect(quote.gradeReasons).toEqual([]);
    expect(quote.offer.price).toEqual({ amountMinor: 41_500, currency: 'USD' });
    expect(quote.offer.refurbisher.name).toBe('Best Buyer Inc');
    expect(quote.offer.id).toMatch(/^ofr_/);
    expect(quote.assessmentId).toMatch(/^asm_/);
    expect(quote.offer.shipBy).toBe('2026-12-17T15:00:00.000Z');
    expect(quote.offer.expired).toBe(false);
    expect(quote.ladder).toEqual([
      { grade: 'Flawless', price: { amountMinor: 41_500, currency: 'USD' } },
      { grade: 'Good', price: null },
      { grade: 'Fair', price: null },
      { grade: 'Broken', price: { amountMinor: 9_000, currency: 'USD' } },
    ]);

    const again = await app.inject({ method: 'GET', url: `/api/offers/${quote.offer.id}` });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(quote);
  });

  it('locks the price: a later change to the wishlist does not change a stored offer', async () => {
    const variantId = await variantOf('tablets');
    const r = await buildRefurbisher(database.db);
    const e = await buildWishlistEntry(database.db, { refurbisherId: r.id, variantId, grade: 'Flawless', priceMinor: 30_000 });
    const quote = (await app.inject({ method: 'POST', url: '/api/assessments', payload: { variantId, answers: answersWith('tablets') } })).json();
    await database.db.updateTable('wishlist_entries').set({ price_minor: 1_000 }).where('id', '=', e.id).execute();
    const again = (await app.inject({ method: 'GET', url: `/api/offers/${quote.offer.id}` })).json();
    expect(again.offer.price.amountMinor).toBe(30_000);
  });

  it('answers "no offer today" with the ladder when nobody bids on that grade', async () => {
    const variantId = await variantOf('laptops');
    const before = await count('offers');
    const res = await app.inject({ method: 'POST', url: '/api/assessments', payload: { variantId, answers: answersWith('laptops') } });
    expect(res.statusCode).toBe(201);
    expect(res.json().offer).toBeNull();
    expect(res.json().ladder).toHaveLength(4);
    expect(await count('offers')).toBe(before);
    const stored = await app.inject({ method: 'GET', url: `/api/assessments/${res.json().assessmentId}` });
    expect(stored.json()).toEqual(res.json());
  });

  describe('bad input changes nothing and names what to fix', () => {
    const cases: { name: string; status: number; payload: () => Promise<unknown> | unknown; raw?: string; fields?: string[] }[] = [
      { name: 'unknown variant', status: 404, payload: () => ({ variantId: 'var_nope', answers: answersWith('smartphones') }) },
      {
        name: 'a missing answer',
        status: 400,
        payload: async () => {
          const a = answersWith('smartphones');
          const first = QUESTIONNAIRES.smartphones.questions[0]!.id;
          delete a[first];
          return { variantId: await variantOf('smartphones'), answers: a };
        },
        fields: [`answers.${QUESTIONNAIRES.smartphones.questions[0]!.id}`],
      },
      {
        name: 'an unknown question',
        status: 400,
        payload: async () => ({ variantId: await variantOf('smartphones'), answers: { ...answersWith('smartphones'), flux_capacitor: 'yes' } }),
        fields: ['answers.flux_capacitor'],
      },
      {
        name: 'an unknown option',
        status: 400,
        payload: async () => {
          const q = QUESTIONNAIRES.smartphones.questions[1]!.id;
          return { variantId: await variantOf('smartphones'), answers: { ...answersWith('smartphones'), [q]: 'sparkly' } };
        },
        fields: [`answers.${QUESTIONNAIRES.smartphones.questions[1]!.id}`],
      },
      {
        name: "another category's questionnaire",
        status: 400,
        payload: async () => ({ variantId: await variantOf('smartphones'), answers: answersWith('consoles') }),
      },
      { name: 'answers that are not an object', status: 400, payload: async () => ({ variantId: await variantOf('smartphones'), answers: 'all good' }), fields: ['answers'] },
      { name: 'a missing variantId', status: 400, payload: () => ({ answers: {} }), fields: ['variantId'] },
      { name: 'an empty object', status: 400, payload: () => ({}), fields: ['variantId', 'answers'] },
      { name: 'an array body', status: 400, payload: () => [] },
      { name: 'malformed JSON', status: 400, payload: () => undefined, raw: '{"variantId": ' },
      { name: 'an empty body', status: 400, payload: () => undefined, raw: '' },
    ];
    for (const c of cases) {
      it(`${c.name} → ${c.status}`, async () => {
        const [assessments, offers] = [await count('assessments'), await count('offers')];
        const res = await app.inject({
          method: 'POST',
          url: '/api/assessments',
          headers: { 'content-type': 'application/json' },
          payload: c.raw ?? JSON.stringify(await c.payload()),
        });
        expect(res.statusCode).toBe(c.status);
        const body = res.json();
        expect(body.error.code).toBe(c.status === 404 ? 'not_found' : 'validation_failed');
        expect(body.error.message).toBeTruthy();
        for (const f of c.fields ?? []) expect(body.error.fields?.[f], `field ${f} in ${JSON.stringify(body)}`).toBeTruthy();
        expect(await count('assessments')).toBe(assessments);
        expect(await count('offers')).toBe(offers);
      });
    }

    it("lists every wrong answer of another category's questionnaire", async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/assessments',
        payload: { variantId: await variantOf('smartphones'), answers: answersWith('consoles') },
      });
      const fields = Object.keys(res.json().error.fields);
      // every smartphone question is missing or every console-only question is unknown
      expect(fields.length).toBeGreaterThan(1);
    });
  });

  it('an offer says it has expired from its ship-by instant on, by the server clock (the demo clock)', async () => {
    const variantId = await variantOf('smartwatches');
    const r = await buildRefurbisher(database.db);
    await buildWishlistEntry(database.db, { refurbisherId: r.id, variantId, grade: 'Flawless', priceMinor: 12_000 });
    const quote = (await app.inject({ method: 'POST', url: '/api/assessments', payload: { variantId, answers: answersWith('smartwatches') } })).json();
    const shipBy = new Date(quote.offer.shipBy);
    const expiredAt = async (at: Date) => {
      clock.set(at);
      return (await app.inject({ method: 'GET', url: `/api/offers/${quote.offer.id}` })).json().offer.expired;
    };
    try {
      expect(await expiredAt(new Date(shipBy.getTime() - 1))).toBe(false);
      expect(await expiredAt(shipBy)).toBe(true);
    } finally {
      clock.set(NOW);
    }
  });

  it('GET /api/offers/:id of an unknown offer → 404 in the error shape', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/offers/ofr_nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });
});
