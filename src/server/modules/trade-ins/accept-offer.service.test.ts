import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/db.ts';
import { buildRefurbisher, buildWishlistEntry } from '../../../../test/factories.ts';
import type { CategoryId } from '../../../shared/catalog-types.ts';
import { GRADING_RULES, QUESTIONNAIRES } from '../../../shared/questionnaires.ts';
import { AdjustableClock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { VariantCache } from '../catalog/index.ts';
import { createQuote } from '../offers/index.ts';
import { acceptOffer, type AcceptDeps, type SellerReadiness } from './accept-offer.service.ts';
import { NO_AFTERCARE, type TradeInAftercare } from './aftercare.port.ts';
import type { TradeInShipping } from './shipping.port.ts';
import { cancelTradeIn } from './trade-ins.service.ts';

const READY: SellerReadiness = { profileComplete: true, isAdult: true, identityComplete: true, payoutComplete: false, emailVerified: true };
let database: Database;
let deps: AcceptDeps & { aftercare: TradeInAftercare };
let clock: AdjustableClock;
let readiness: Record<string, SellerReadiness>;
let variantIds: string[];
let cursor = 0;

/**
 * Shipping's steps, recorded: these tests are about the offer and the unit; what shipping does
 * with the requests is tested in shipping's own tests, against the real jobs.
 */
const asked: { step: string; tradeInId: string }[] = [];
const shipping: TradeInShipping = {
  requestInboundLabel: async (_trx, tradeInId) => void asked.push({ step: 'label', tradeInId }),
  openShippingWindow: async (_trx, tradeInId) => void asked.push({ step: 'window', tradeInId }),
  requestLabelVoid: async (_trx, tradeInId) => void asked.push({ step: 'void', tradeInId }),
  labelOf: async () => ({ status: 'preparing' }),
};

function flawless(category: CategoryId) {
  const rules = GRADING_RULES[category];
  return Object.fromEntries(QUESTIONNAIRES[category].questions.map((q) => [q.id, q.options.find((o) => rules[q.id]![o.id]!.cap === 'Flawless')!.id]));
}

/** A fresh smartphone variant with one entry of `quantity` units at $300, and `n` quotes for it. */
async function scenario(opts: { quantity?: number; quotes?: number; price?: number } = {}) {
  const variantId = variantIds[cursor++]!;
  const r = await buildRefurbisher(database.db, { name: `R ${variantId}` });
  const entry = await buildWishlistEntry(database.db, {
    refurbisherId: r.id,
    variantId,
    grade: 'Flawless',
    priceMinor: opts.price ?? 30_000,
    quantityWanted: opts.quantity ?? 1,
    quantityRemaining: opts.quantity ?? 1,
  });
  const offers: string[] = [];
  for (let i = 0; i < (opts.quotes ?? 1); i++) {
    const q = await createQuote({ database, clock, variants: deps.variants }, { variantId, answers: flawless('smartphones') });
    offers.push(q.offer!.id);
  }
  return { variantId, entry, offers, refurbisher: r };
}

const remaining = async (entryId: string) =>
  (await database.db.selectFrom('wishlist_entries').select('quantity_remaining').where('id', '=', entryId).executeTakeFirstOrThrow()).quantity_remaining;
const tradeInCount = async (offerIds: string[]) =>
  Number((await database.db.selectFrom('trade_ins').select((eb) => eb.fn.countAll().as('n')).where('offer_id', 'in', offerIds).executeTakeFirstOrThrow()).n);

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 25 });
  clock = new AdjustableClock({ frozenAt: new Date('2026-11-26T15:00:00Z') });
  readiness = {};
  deps = {
    database,
    db: database.db,
    clock,
    variants: new VariantCache(database.db),
    sellerReadiness: async (_db, sellerId) => readiness[sellerId] ?? READY,
    shipping,
    aftercare: async () => NO_AFTERCARE,
  };
  variantIds = (
    await database.db
      .selectFrom('variants as v')
      .innerJoin('models as m', 'm.id', 'v.model_id')
      .select('v.id')
      .where('m.category_id', '=', 'smartphones')
      .orderBy('v.id')
      .execute()
  ).map((v) => v.id);
});
afterAll(async () => {
  await database.close();
});

describe('accepting an offer', () => {
  it('creates the trade-in, reserves one unit and writes the first timeline event', async () => {
    const s = await scenario({ quantity: 3 });
    const res = await acceptOffer(deps, { offerId: s.offers[0]!, sellerId: 'usr_a', idempotencyKey: 'key-accept-1', body: {} });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('awaiting_shipment');
    expect(res.body.price).toEqual({ amountMinor: 30_000, currency: 'USD' });
    expect(res.body.shipBy).toBe('2026-12-17T15:00:00.000Z');
    expect(res.body.timeline.map((e) => e.type)).toEqual(['accepted']);
    expect(res.body.payoutMethodComplete).toBe(false);
    expect(await remaining(s.entry.id)).toBe(2);
    // Steps 5 and 6 asked shipping for the label and the window; the label is being prepared.
    expect(asked.filter((a) => a.tradeInId === res.body.id).map((a) => a.step)).toEqual(['label', 'window']);
    expect(res.body.labelStatus).toBe('preparing');
    expect(res.body.shipping).toBeNull();
  });

  it('20 sellers racing for the last unit: exactly one trade-in, quantity never below zero', async () => {
    const s = await scenario({ quantity: 1, quotes: 20 });
    const codes = await Promise.all(
      s.offers.map((offerId, i) => codeOf(acceptOffer(deps, { offerId, sellerId: `usr_race_${i}`, idempotencyKey: `race-key-${i}`, body: {} }))),
    );
    expect(codes.filter((c) => c === 'ok')).toHaveLength(1);
    expect(codes.filter((c) => c === 'offer_changed')).toHaveLength(19);
    expect(await tradeInCount(s.offers)).toBe(1);
    expect(await remaining(s.entry.id)).toBe(0);
  });

  it('the same Idempotency-Key sent twice at once → one trade-in, the same response', async () => {
    const s = await scenario({ quantity: 5 });
    const [a, b] = await Promise.all([
      acceptOffer(deps, { offerId: s.offers[0]!, sellerId: 'usr_idem', idempotencyKey: 'same-key-twice', body: {} }),
      acceptOffer(deps, { offerId: s.offers[0]!, sellerId: 'usr_idem', idempotencyKey: 'same-key-twice', body: {} }),
    ]);
    expect(a.body).toEqual(b.body);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect(await tradeInCount(s.offers)).toBe(1);
    expect(await remaining(s.entry.id)).toBe(4);
  });

  it('the same key with another request → idempotency_key_reused, nothing changes', async () => {
    const s = await scenario({ quantity: 5, quotes: 2 });
    await acceptOffer(deps, { offerId: s.offers[0]!, sellerId: 'usr_k', idempotencyKey: 'reused-key-1', body: {} });
    expect(await codeOf(acceptOffer(deps, { offerId: s.offers[1]!, sellerId: 'usr_k', idempotencyKey: 'reused-key-1', body: {} }))).toBe(
      'idempotency_key_reused',
    );
    expect(await tradeInCount(s.offers)).toBe(1);
    expect(await remaining(s.entry.id)).toBe(4);
  });

  it('an offer already accepted (with another key) → offer_already_accepted', async () => {
    const s = await scenario({ quantity: 5 });
    await acceptOffer(deps, { offerId: s.offers[0]!, sellerId: 'usr_b', idempotencyKey: 'first-key-1', body: {} });
    expect(await codeOf(acceptOffer(deps, { offerId: s.offers[0]!, sellerId: 'usr_b', idempotencyKey: 'second-key-1', body: {} }))).toBe(
      'offer_already_accepted',
    );
    expect(await remaining(s.entry.id)).toBe(4);
  });

  it('an expired offer (ship-by passed) → offer_expired; one millisecond before still accepts', async () => {
    const s = await scenario({ quantity: 5, quotes: 2 });
    const start = clock.now();
    clock.advance(21 * 86_400_000 - 1);
    expect(await codeOf(acceptOffer(deps, { offerId: s.offers[0]!, sellerId: 'usr_c', idempotencyKey: 'expiry-key-1', body: {} }))).toBe('ok');
    clock.advance(1);
    expect(await codeOf(acceptOffer(deps, { offerId: s.offers[1]!, sellerId: 'usr_c', idempotencyKey: 'expiry-key-2', body: {} }))).toBe(
      'offer_expired',
    );
    clock.set(start);
  });

  it('refuses an under-18 seller or an incomplete profile, changing nothing', async () => {
    const s = await scenario({ quantity: 5 });
    readiness.usr_young = { ...READY, isAdult: false };
    readiness.usr_new = { ...READY, profileComplete: false, isAdult: false };
    readiness.usr_noid = { ...READY, identityComplete: false };
    expect(await codeOf(acceptOffer(deps, { offerId: s.offers[0]!, sellerId: 'usr_young', idempotencyKey: 'young-key-1', body: {} }))).toBe('seller_underage');
    expect(await codeOf(acceptOffer(deps, { offerId: s.offers[0]!, sellerId: 'usr_new', idempotencyKey: 'new-key-01', body: {} }))).toBe('profile_incomplete');
    expect(await codeOf(acceptOffer(deps, { offerId: s.offers[0]!, sellerId: 'usr_noid', idempotencyKey: 'noid-key-1', body: {} }))).toBe('profile_incomplete');
    expect(await tradeInCount(s.offers)).toBe(0);
    expect(await remaining(s.entry.id)).toBe(5);
  });

  it('refuses a seller whose e-mail address is not confirmed, with what is missing, changing nothing', async () => {
    const s = await scenario({ quantity: 5 });
    readiness.usr_unconfirmed = { ...READY, emailVerified: false };
    const err = await acceptOffer(deps, { offerId: s.offers[0]!, sellerId: 'usr_unconfirmed', idempotencyKey: 'unconfirmed-1', body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('email_unverified');
    expect((err as AppError).details).toEqual({ readiness: readiness.usr_unconfirmed });
    expect(await tradeInCount(s.offers)).toBe(0);
    expect(await remaining(s.entry.id)).toBe(5);
  });

  it('an unknown offer → not_found', async () => {
    expect(await codeOf(acceptOffer(deps, { offerId: 'ofr_nope', sellerId: 'usr_d', idempotencyKey: 'nope-key-1', body: {} }))).toBe('not_found');
  });

  it('entry ran out: another entry paying at least as much honours the offer', async () => {
    const s = await scenario({ quantity: 1, price: 30_000 });
    const other = await buildRefurbisher(database.db);
    const backup = await buildWishlistEntry(database.db, { refurbisherId: other.id, variantId: s.variantId, grade: 'Flawless', priceMinor: 30_000, quantityWanted: 2 });
    await database.db.updateTable('wishlist_entries').set({ quantity_remaining: 0 }).where('id', '=', s.entry.id).execute();
    const res = await acceptOffer(deps, { offerId: s.offers[0]!, sellerId: 'usr_e', idempotencyKey: 'rematch-key-1', body: {} });
    expect(res.body.price.amountMinor).toBe(30_000);
    expect(res.body.refurbisher.id).toBe(other.id);
    expect(await remaining(backup.id)).toBe(1);
  });

  it('entry ran out and no one pays as much: offer_changed with a new quote, nothing reserved', async () => {
    const s = await scenario({ quantity: 1, price: 30_000 });
    const other = await buildRefurbisher(database.db);
    const cheaper = await buildWishlistEntry(database.db, { refurbisherId: other.id, variantId: s.variantId, grade: 'Flawless', priceMinor: 25_000 });
    await database.db.updateTable('wishlist_entries').set({ quantity_remaining: 0 }).where('id', '=', s.entry.id).execute();
    try {
      await acceptOffer(deps, { offerId: s.offers[0]!, sellerId: 'usr_f', idempotencyKey: 'changed-key-1', body: {} });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      const e = err as AppError;
      expect(e.code).toBe('offer_changed');
      const quote = (e.details as { newQuote: { offer: { price: { amountMinor: number } } } }).newQuote;
      expect(quote.offer.price.amountMinor).toBe(25_000);
    }
    expect(await tradeInCount(s.offers)).toBe(0);
    expect(await remaining(cheaper.id)).toBe(cheaper.quantity_remaining);
  });

  it('cancel before the first scan releases the unit once; a second cancel is refused', async () => {
    const s = await scenario({ quantity: 2 });
    const res = await acceptOffer(deps, { offerId: s.offers[0]!, sellerId: 'usr_g', idempotencyKey: 'cancel-key-1', body: {} });
    expect(await remaining(s.entry.id)).toBe(1);
    const cancelled = (await cancelTradeIn(deps, 'usr_g', res.body.id, 'cancel-key-1')).body;
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.timeline.map((e) => e.type)).toEqual(['accepted', 'cancel']);
    expect(asked.filter((a) => a.tradeInId === res.body.id && a.step === 'void')).toHaveLength(1);
    expect(await remaining(s.entry.id)).toBe(2);
    expect(await codeOf(cancelTradeIn(deps, 'usr_g', res.body.id, 'cancel-key-2'))).toBe('invalid_transition');
    expect(await remaining(s.entry.id)).toBe(2);
    expect(await codeOf(cancelTradeIn(deps, 'usr_other', res.body.id, 'cancel-key-3'))).toBe('not_found');
  });
});
