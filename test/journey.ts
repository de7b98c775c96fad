import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { as, confirmEmail, GOOD_PASSWORD, makeUser, signUp, VALID_PROFILE, VALID_SSN, validPayout, type MailboxContext, type TestUser } from './accounts.ts';
import type { CategoryId } from '../src/shared/catalog-types.ts';
import { GRADING_RULES, QUESTIONNAIRES } from '../src/shared/questionnaires.ts';
import { DEMO_CARRIER_WEBHOOK_SECRET } from '../src/server/config.ts';
import { signPayload } from '../src/server/modules/shipping/index.ts';
import type { Executor } from '../src/server/platform/db/database.ts';
import type { Jobs } from '../src/server/platform/jobs/index.ts';
import type { TTradeIn } from '../src/shared/api/trade-ins.ts';
import { buildRefurbisher, buildWishlistEntry } from './factories.ts';

export { as, makeUser };

/**
 * A seller who signed up, confirmed their e-mail address with the link from their mailbox, and
 * gave profile, identity and payout details through the API.
 */
export async function readySeller(ctx: MailboxContext, opts: { payout?: boolean } = {}): Promise<TestUser> {
  const { app } = ctx;
  const user = await signUp(app);
  await confirmEmail(ctx, user);
  const put = async (url: string, payload: Record<string, unknown>) => {
    const res = await app.inject({ method: 'PUT', url, headers: as(user), payload });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  };
  await put('/api/me/profile', VALID_PROFILE);
  await put('/api/me/identity', VALID_SSN);
  if (opts.payout !== false) await put('/api/me/payout-method', validPayout(GOOD_PASSWORD));
  return user;
}

export function flawlessAnswers(category: CategoryId): Record<string, string> {
  const rules = GRADING_RULES[category];
  return Object.fromEntries(QUESTIONNAIRES[category].questions.map((q) => [q.id, q.options.find((o) => rules[q.id]![o.id]!.cap === 'Flawless')!.id]));
}

let variantCursor = 0;
/** An offer on a smartphone variant nobody else in the file uses, from a fresh refurbisher entry. */
export async function freshOffer(app: FastifyInstance, db: Executor, opts: { quantity?: number; priceMinor?: number; refurbisherId?: string } = {}) {
  const variants = await db
    .selectFrom('variants as v')
    .innerJoin('models as m', 'm.id', 'v.model_id')
    .select('v.id')
    .where('m.category_id', '=', 'smartphones')
    .orderBy('v.id', 'desc')
    .execute();
  const variantId = variants[variantCursor++ % variants.length]!.id;
  // A given refurbisher (e.g. one opened with members, who get its e-mails) or a fresh one.
  const refurbisher = opts.refurbisherId
    ? await db.selectFrom('refurbishers').select(['id', 'name']).where('id', '=', opts.refurbisherId).executeTakeFirstOrThrow()
    : await buildRefurbisher(db, { score: 99 });
  const entry = await buildWishlistEntry(db, {
    refurbisherId: refurbisher.id,
    variantId,
    grade: 'Flawless',
    priceMinor: opts.priceMinor ?? 1_000_000, // above any seeded price, so this entry wins
    quantityWanted: opts.quantity ?? 5,
    quantityRemaining: opts.quantity ?? 5,
  });
  const res = await app.inject({ method: 'POST', url: '/api/assessments', payload: { variantId, answers: flawlessAnswers('smartphones') } });
  expect(res.statusCode, res.body).toBe(201);
  return { offerId: res.json().offer.id as string, entry, refurbisher, variantId };
}

let keySeq = 0;
export const newKey = () => `test-key-${Date.now()}-${keySeq++}`;

export async function accept(app: FastifyInstance, user: TestUser, offerId: string, key = newKey()) {
  return app.inject({ method: 'POST', url: `/api/offers/${offerId}/accept`, headers: { ...as(user), 'idempotency-key': key }, payload: {} });
}

/**
 * Accepts, then lets the queued jobs run (the label job, then the accepted e-mail), as a worker
 * does a moment after the accept, and returns the trade-in as the seller then sees it.
 */
export async function acceptWithLabel(ctx: { app: FastifyInstance; runtime: { jobs: Pick<Jobs, 'runDue'> } }, user: TestUser, offerId: string) {
  const res = await accept(ctx.app, user, offerId);
  expect(res.statusCode, res.body).toBe(201);
  await ctx.runtime.jobs.runDue();
  const t = await ctx.app.inject({ method: 'GET', url: `/api/trade-ins/${res.json().id}`, headers: as(user) });
  expect(t.json().labelStatus, t.body).toBe('ready');
  return t.json() as TTradeIn;
}

let carrierEventSeq = 0;
/** A carrier event's JSON as the carrier sends it; a fresh event id unless one is given (a replay). */
export function carrierEventBody(trackingNumber: string, type: string, occurredAt: Date, eventId = `evt-${Date.now()}-${carrierEventSeq++}`): string {
  return JSON.stringify({ eventId, trackingNumber, type, occurredAt: occurredAt.toISOString() });
}

/**
 * Posts these exact bytes to the carrier webhook, signed as the carrier signs them: with the demo
 * secret, at the real time now (the server judges freshness by security time, never the test's
 * product clock). `opts` plays a wrong secret, an old timestamp or a hand-made header.
 */
export function postCarrierEvent(app: FastifyInstance, payload: string, opts: { secret?: string; at?: number; header?: string } = {}) {
  const at = opts.at ?? Math.floor(Date.now() / 1000);
  return app.inject({
    method: 'POST',
    url: '/api/webhooks/carrier',
    headers: { 'content-type': 'application/json', 'tradeloop-signature': opts.header ?? signPayload(opts.secret ?? DEMO_CARRIER_WEBHOOK_SECRET, payload, at) },
    payload,
  });
}
