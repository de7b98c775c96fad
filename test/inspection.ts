/**
 * Helpers for the inspection tests: a trade-in delivered through the real accept → label →
 * carrier path, its refurbisher's inspector, and inspection bodies.
 * Not a test file itself: vitest only runs `*.test.ts`.
 */
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { TestApp } from './app.ts';
import { as, makeUser, type TestUser } from './accounts.ts';
import { acceptWithLabel, carrierEventBody, flawlessAnswers, freshOffer, newKey, postCarrierEvent } from './journey.ts';
import type { Grade } from '../src/shared/grade.ts';
import type { CategoryId } from '../src/shared/catalog-types.ts';
import { buildRefurbisher, buildWishlistEntry } from './factories.ts';
import { GRADING_RULES, QUESTIONNAIRES } from '../src/shared/questionnaires.ts';
import type { Database } from '../src/server/platform/db/database.ts';

type Ctx = TestApp & { database: Database };
const HOUR = 3_600_000;

/** Answers graded `grade`: the flawless answers with the first question that can cap at `grade` set to it. */
export function answersGraded(grade: Grade, category: CategoryId = 'smartphones'): Record<string, string> {
  const answers = flawlessAnswers(category);
  if (grade === 'Flawless') return answers;
  const rules = GRADING_RULES[category];
  for (const q of QUESTIONNAIRES[category].questions) {
    const option = q.options.find((o) => rules[q.id]![o.id]!.cap === grade);
    if (option) return { ...answers, [q.id]: option.id };
  }
  throw new Error(`no ${category} answer caps at ${grade}`);
}

/** The question ids whose answers differ between two answer sets (the defects of a counteroffer). */
export function differingQuestions(a: Record<string, string>, b: Record<string, string>): string[] {
  return Object.keys(b).filter((q) => a[q] !== b[q]);
}

export interface Delivered {
  id: string;
  refurbisherId: string;
  variantId: string;
  category: CategoryId;
  /** A member (admin role) of the refurbisher's organisation. */
  inspector: TestUser;
  mandatoryAccessories: string[];
}

/** An offer on a `category` variant from a fresh refurbisher (`grade` at $10,000.00, above any seeded price), for answers graded `grade`. */
async function offerIn(ctx: Ctx, category: CategoryId, priceMinor: number, grade: Grade = 'Flawless') {
  const db = ctx.database.db;
  const variants = await db
    .selectFrom('variants as v')
    .innerJoin('models as m', 'm.id', 'v.model_id')
    .select('v.id')
    .where('m.category_id', '=', category)
    .orderBy('v.id')
    .execute();
  const variantId = variants[Math.floor(Math.random() * variants.length)]!.id;
  const refurbisher = await buildRefurbisher(db, { score: 99 });
  await buildWishlistEntry(db, { refurbisherId: refurbisher.id, variantId, grade, priceMinor, quantityWanted: 5, quantityRemaining: 5 });
  const res = await ctx.app.inject({ method: 'POST', url: '/api/assessments', payload: { variantId, answers: answersGraded(grade, category) } });
  expect(res.statusCode, res.body).toBe(201);
  return { offerId: res.json().offer.id as string, refurbisher, variantId };
}

/**
 * A trade-in of `seller` delivered to a fresh refurbisher (Flawless at $10,000.00), through the
 * real path: accept, label, a pickup and a delivery scan from the carrier.
 */
export async function deliveredTradeIn(ctx: Ctx, seller: TestUser, opts: { priceMinor?: number; category?: CategoryId; declared?: Grade } = {}): Promise<Delivered> {
  const category = opts.category ?? 'smartphones';
  const offer = category === 'smartphones' && !opts.declared ? await freshOffer(ctx.app, ctx.database.db, opts.priceMinor ? { priceMinor: opts.priceMinor } : {}) : await offerIn(ctx, category, opts.priceMinor ?? 1_000_000, opts.declared);
  const t = await acceptWithLabel(ctx, seller, offer.offerId);
  const tn = t.shipping!.trackingNumber;
  ctx.clock.advance(24 * HOUR);
  const now = ctx.clock.now().getTime();
  expect((await postCarrierEvent(ctx.app, carrierEventBody(tn, 'picked_up', new Date(now - 20 * HOUR)))).json()).toEqual({ outcome: 'applied' });
  expect((await postCarrierEvent(ctx.app, carrierEventBody(tn, 'delivered', new Date(now - HOUR)))).json()).toEqual({ outcome: 'applied' });
  await ctx.runtime.jobs.runDue();
  const inspector = await makeUser(ctx.app, ctx.database.db, 'refurbisher', { refurbisherId: offer.refurbisher.id });
  return { id: t.id, refurbisherId: offer.refurbisher.id, variantId: offer.variantId, category, inspector, mandatoryAccessories: t.mandatoryAccessories };
}

/** A photo (a 1×1 PNG) uploaded for the trade-in through the refurbisher's photo route; its id. */
export async function photoOf(ctx: Ctx, d: Delivered): Promise<string> {
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/api/refurbisher/trade-ins/${d.id}/photos`,
    headers: { ...as(d.inspector), 'content-type': 'image/png' },
    payload: png,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

/** An inspection body: the device as declared (Flawless, accessories present, not linked), then `over`. */
export function inspectionBody(d: Delivered, over: Record<string, unknown> = {}) {
  return {
    answers: flawlessAnswers(d.category),
    accessories: d.mandatoryAccessories.map((name) => ({ name, present: true })),
    stillLinked: false,
    ...over,
  };
}

export function inspect(app: FastifyInstance, user: TestUser, id: string, body: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: `/api/refurbisher/trade-ins/${id}/inspection`, headers: as(user), payload: body });
}

export function sellerPost(app: FastifyInstance, seller: TestUser, id: string, path: string, key = newKey()) {
  return app.inject({ method: 'POST', url: `/api/trade-ins/${id}/${path}`, headers: { ...as(seller), 'idempotency-key': key }, payload: {} });
}
