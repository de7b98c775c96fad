import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import sharp from 'sharp';
import { GRADES, type Grade } from '../../shared/grade.ts';
import { GRADING_RULES, QUESTIONNAIRES } from '../../shared/questionnaires.ts';
import { localDateOf } from '../../shared/market-time.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db/database.ts';
import { onceKey, type Jobs } from '../platform/jobs/index.ts';
import { signPayload } from '../modules/shipping/index.ts';
import { DEMO_PASSWORD } from '../modules/accounts/index.ts';
import { DEMO_REFURBISHERS } from './wishlist-generator.ts';

/**
 * Demo trade-ins for `npm start`: the demo seller's devices at the first demo refurbisher, in
 * the states its inspector works with. Every step goes through the product's own HTTP routes
 * (so through the same services, policies and jobs as a user's click): a quote, the accept, the
 * label job, signed carrier scans, the inspection with photos, the erasure, a seller's message.
 * Nothing is written into another module's tables.
 */
export interface DemoTradeInDeps {
  app: FastifyInstance;
  db: Db;
  clock: Clock;
  jobs: Pick<Jobs, 'runDue'>;
  /** The carrier webhook's secret, to sign the demo's scans as the carrier does. */
  carrierSecret: string;
  /** A trusted origin (better-auth and the state-changing routes check it). */
  origin: string;
}

const SELLER = 'seller@example.com';
const INSPECTOR = 'inspector@example.com';
// A documentation address (RFC 5737): the seed's quotes and sign-ins count against it, not a user's.
const SEED_ADDRESS = '192.0.2.10';
const HOUR = 3_600_000;
const ONCE_KEY = 'demo-seed:trade-ins';

/** The states, one trade-in each (in this order). */
const PLAN = ['in_transit', 'in_transit_message', 'delivered', 'delivered_later', 'counteroffer', 'lock_hold', 'approved'] as const;
type Step = (typeof PLAN)[number];

/** Seeds the demo trade-ins once, into a database that has none. Returns how many it made (0: none). */
export async function seedDemoTradeIns(deps: DemoTradeInDeps): Promise<number> {
  // Processes starting together: the first claims the seed, the others find it claimed.
  const claimed = await deps.db.transaction().execute(async (trx) => {
    const any = await trx.selectFrom('trade_ins').select('id').limit(1).executeTakeFirst();
    if (any) return false;
    return onceKey(trx, ONCE_KEY, deps.clock.now());
  });
  if (!claimed) return 0;

  const client = new SeedClient(deps);
  const seller = await client.signIn(SELLER);
  const inspector = await client.signIn(INSPECTOR);
  const variants = await renewedCircuitVariants(deps.db, PLAN.length * 4);

  // Accept every offer first, then run the label jobs once (as the worker would a moment later).
  const accepted: { step: Step; id: string }[] = [];
  for (const variantId of variants) {
    if (accepted.length === PLAN.length) break;
    const offerId = await client.offerFromRenewedCircuit(variantId);
    if (!offerId) continue;
    const t = await client.call(seller, 'POST', `/api/offers/${offerId}/accept`, {}, 201, { 'idempotency-key': `demo-seed-accept-${offerId}` });
    accepted.push({ step: PLAN[accepted.length]!, id: t.id as string });
  }
  if (accepted.length < PLAN.length) throw new Error(`demo trade-ins: only ${accepted.length} offers from ${DEMO_REFURBISHERS[0]!.name} found`);
  await deps.jobs.runDue();

  const now = deps.clock.now().getTime();
  for (const { step, id } of accepted) {
    const t = await client.call(seller, 'GET', `/api/trade-ins/${id}`, undefined, 200);
    const tracking = (t.shipping as { trackingNumber: string } | null)?.trackingNumber;
    if (!tracking) throw new Error(`demo trade-in ${id}: no label (${String(t.labelStatus)})`);
    // Picked up a few minutes after the label; the first delivered arrived earlier, so it is due first.
    await client.carrierScan(tracking, 'picked_up', new Date(now - 9 * 60_000), `demo-${id}-pickup`);
    if (step === 'in_transit' || step === 'in_transit_message') continue;
    await client.carrierScan(tracking, 'delivered', new Date(now - (step === 'delivered' ? 8 : 5) * 60_000), `demo-${id}-delivered`);
  }
  await deps.jobs.runDue();

  for (const { step, id } of accepted) {
    if (step === 'in_transit_message') {
      await client.call(seller, 'POST', `/api/trade-ins/${id}/messages`, { body: 'I put the original box and a spare charging cable in the parcel. Could you check the spare cable is in and tell me whether you want it back?' }, 201, {
        'idempotency-key': `demo-seed-message-${id}`,
      });
    }
    if (step === 'counteroffer') await client.counteroffer(inspector, id);
    if (step === 'lock_hold') await client.inspect(inspector, id, { stillLinked: true, photoIds: [await client.photo(inspector, id, 'lock')] });
    if (step === 'approved') {
      await client.inspect(inspector, id, { stillLinked: false });
      await client.call(inspector, 'POST', `/api/refurbisher/trade-ins/${id}/erasure`, { method: 'nist_800_88_purge', tool: 'Blancco Mobile Diagnostics & Erasure', erasedOn: localDateOf(deps.clock.now()) }, 201);
    }
  }
  // The e-mails these steps enqueued (accepted, counteroffer, lock hold, approved…).
  await deps.jobs.runDue();
  return accepted.length;
}

/**
 * Variants whose best Flawless price is Renewed Circuit's (its most-paid entries first). The seed
 * only reads the wishlist here to choose; the quote decides who wins, and the seed checks it.
 */
async function renewedCircuitVariants(db: Db, limit: number): Promise<string[]> {
  const { rows } = await sql<{ variant_id: string }>`
    select e.variant_id
      from wishlist_entries e
      join refurbishers r on r.id = e.refurbisher_id
      join variants v on v.id = e.variant_id
      join models m on m.id = v.model_id
     where r.name = ${DEMO_REFURBISHERS[0]!.name} and e.grade = 'Flawless' and e.active and e.quantity_remaining > 0
       and m.category_id = 'smartphones'
       and e.price_minor >= all (select o.price_minor from wishlist_entries o
                                  where o.variant_id = e.variant_id and o.grade = 'Flawless' and o.active and o.quantity_remaining > 0)
     order by e.price_minor desc, e.variant_id
     limit ${limit}`.execute(db);
  return [...new Set(rows.map((r) => r.variant_id))];
}

function answersCapped(grade: Grade): Record<string, string> {
  const rules = GRADING_RULES.smartphones;
  return Object.fromEntries(QUESTIONNAIRES.smartphones.questions.map((q) => [q.id, q.options.find((o) => rules[q.id]![o.id]!.cap === grade)?.id ?? '']));
}

const FLAWLESS = answersCapped('Flawless');

/** Talks to the app as its users do, through the routes (session cookies, idempotency keys, signed webhook). */
class SeedClient {
  private readonly deps: DemoTradeInDeps;
  constructor(deps: DemoTradeInDeps) {
    this.deps = deps;
  }

  async signIn(email: string): Promise<string> {
    const res = await this.deps.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      headers: { origin: this.deps.origin },
      remoteAddress: SEED_ADDRESS,
      payload: { email, password: DEMO_PASSWORD },
    });
    expectStatus(res, 200, `sign in ${email}`);
    const raw = res.headers['set-cookie'];
    const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    return list.map((c) => c.split(';')[0]!).join('; ');
  }

  async call(cookie: string, method: 'GET' | 'POST', url: string, payload: unknown, status: number, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
    const res = await this.deps.app.inject({
      method,
      url,
      headers: { cookie, origin: this.deps.origin, ...headers },
      remoteAddress: SEED_ADDRESS,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    expectStatus(res, status, `${method} ${url}`);
    return res.json();
  }

  /** A quote for a flawless device; its offer's id if Renewed Circuit makes it. */
  async offerFromRenewedCircuit(variantId: string): Promise<string | undefined> {
    const res = await this.deps.app.inject({ method: 'POST', url: '/api/assessments', remoteAddress: SEED_ADDRESS, payload: { variantId, answers: FLAWLESS } });
    expectStatus(res, 201, `quote ${variantId}`);
    const offer = res.json().offer as { id: string; refurbisher: { name: string } } | null;
    return offer?.refurbisher.name === DEMO_REFURBISHERS[0]!.name ? offer.id : undefined;
  }

  async carrierScan(trackingNumber: string, type: 'picked_up' | 'delivered', occurredAt: Date, eventId: string): Promise<void> {
    const payload = JSON.stringify({ eventId, trackingNumber, type, occurredAt: occurredAt.toISOString() });
    const res = await this.deps.app.inject({
      method: 'POST',
      url: '/api/webhooks/carrier',
      headers: { 'content-type': 'application/json', 'tradeloop-signature': signPayload(this.deps.carrierSecret, payload, Math.floor(Date.now() / 1000)) },
      payload,
    });
    expectStatus(res, 200, `carrier ${type}`);
    const outcome = (res.json() as { outcome: string }).outcome;
    if (outcome !== 'applied') throw new Error(`demo trade-ins: carrier ${type} was ${outcome}`);
  }

  /** A small generated picture of "the device", uploaded as the inspector's photo. */
  async photo(cookie: string, tradeInId: string, what: 'lock' | 'scratch' | 'battery'): Promise<string> {
    const colour = { lock: { r: 40, g: 60, b: 120 }, scratch: { r: 90, g: 90, b: 90 }, battery: { r: 140, g: 60, b: 30 } }[what];
    const png = await sharp({ create: { width: 320, height: 240, channels: 3, background: colour } }).png().toBuffer();
    const res = await this.deps.app.inject({
      method: 'POST',
      url: `/api/refurbisher/trade-ins/${tradeInId}/photos`,
      headers: { cookie, origin: this.deps.origin, 'content-type': 'image/png' },
      remoteAddress: SEED_ADDRESS,
      payload: png,
    });
    expectStatus(res, 201, 'photo upload');
    return (res.json() as { id: string }).id;
  }

  async inspect(cookie: string, tradeInId: string, over: Record<string, unknown>): Promise<void> {
    const detail = await this.call(cookie, 'GET', `/api/refurbisher/trade-ins/${tradeInId}`, undefined, 200);
    const accessories = mandatoryAccessoriesOf(detail).map((name) => ({ name, present: true }));
    await this.call(cookie, 'POST', `/api/refurbisher/trade-ins/${tradeInId}/inspection`, { answers: FLAWLESS, accessories, ...over }, 200);
  }

  /** One grade lower than declared on one question, a photo and a reason per defect, at a price between the own floor and the offer. */
  async counteroffer(cookie: string, tradeInId: string): Promise<void> {
    const detail = await this.call(cookie, 'GET', `/api/refurbisher/trade-ins/${tradeInId}`, undefined, 200);
    const lower: Grade = GRADES.find((g) => g !== 'Flawless' && Object.values(answersCapped(g)).some(Boolean))!;
    const question = QUESTIONNAIRES.smartphones.questions.find((q) => q.options.some((o) => GRADING_RULES.smartphones[q.id]![o.id]!.cap === lower))!;
    const option = question.options.find((o) => GRADING_RULES.smartphones[question.id]![o.id]!.cap === lower)!;
    const price = (detail.price as { amountMinor: number; currency: string }) ?? { amountMinor: 0, currency: 'USD' };
    const floor = (detail.floorByGrade as Record<string, { amountMinor: number } | null> | undefined)?.[lower]?.amountMinor ?? 0;
    const amountMinor = Math.min(price.amountMinor, Math.max(floor, Math.round((price.amountMinor * 0.8) / 100) * 100));
    const photoIds = [await this.photo(cookie, tradeInId, 'scratch'), await this.photo(cookie, tradeInId, 'battery')];
    await this.call(
      cookie,
      'POST',
      `/api/refurbisher/trade-ins/${tradeInId}/inspection`,
      {
        answers: { ...FLAWLESS, [question.id]: option.id },
        accessories: mandatoryAccessoriesOf(detail).map((name) => ({ name, present: true })),
        stillLinked: false,
        photoIds,
        counteroffer: { price: { amountMinor, currency: price.currency }, defects: [{ subject: question.id, reason: `On the bench: ${option.label.toLowerCase()} (see the photos), not as declared.` }] },
        notes: 'Demo inspection: one defect found.',
      },
      200,
    );
  }
}

function mandatoryAccessoriesOf(detail: Record<string, unknown>): string[] {
  return detail.mandatoryAccessories as string[];
}

function expectStatus(res: LightMyRequestResponse, status: number, what: string): void {
  if (res.statusCode !== status) throw new Error(`demo trade-ins: ${what} answered ${res.statusCode}: ${res.body.slice(0, 500)}`);
}
