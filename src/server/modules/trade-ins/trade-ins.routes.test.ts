import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.ts';
import { accept, as, freshOffer, makeUser, newKey, readySeller } from '../../../../test/journey.ts';
import { signUp } from '../../../../test/accounts.ts';

const ctx = useTestApp();

describe('POST /api/offers/:id/accept', () => {
  it('a signed-in seller with complete details accepts: 201, trade-in with label, in "My trade-ins"', async () => {
    const seller = await readySeller(ctx);
    const { offerId } = await freshOffer(ctx.app, ctx.database.db);
    const res = await accept(ctx.app, seller, offerId);
    expect(res.statusCode, res.body).toBe(201);
    const t = res.json();
    expect(t.id).toMatch(/^tin_/);
    expect(t.status).toBe('awaiting_shipment');
    expect(t.payoutMethodComplete).toBe(true);
    // The carrier is called by a job after the commit: the label is being prepared…
    expect(t.labelStatus).toBe('preparing');
    expect(t.shipping).toBeNull();
    // …and is there once the job has run.
    await ctx.runtime.jobs.runDue();
    const later = (await ctx.app.inject({ method: 'GET', url: `/api/trade-ins/${t.id}`, headers: as(seller) })).json();
    expect(later.labelStatus).toBe('ready');
    expect(later.shipping.trackingNumber).toMatch(/^1Z[0-9A-Z]{16}$/);
    const list = await ctx.app.inject({ method: 'GET', url: '/api/trade-ins', headers: as(seller) });
    expect(list.json().map((x: { id: string }) => x.id)).toContain(t.id);
    // Its offer now says it was accepted, to anyone who opens it; the seller's list links it back.
    expect(list.json().find((x: { id: string }) => x.id === t.id).offerId).toBe(offerId);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/offers/${offerId}` })).json().offer.accepted).toBe(true);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/offers/${(await freshOffer(ctx.app, ctx.database.db)).offerId}` })).json().offer.accepted).toBe(false);
  });

  it('without payout details: accepted, and the trade-in says payment waits for them', async () => {
    const seller = await readySeller(ctx, { payout: false });
    const { offerId } = await freshOffer(ctx.app, ctx.database.db);
    const res = await accept(ctx.app, seller, offerId);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().payoutMethodComplete).toBe(false);
  });

  it('same key + same body → the first response; same key + another offer → 422', async () => {
    const seller = await readySeller(ctx);
    const a = await freshOffer(ctx.app, ctx.database.db);
    const b = await freshOffer(ctx.app, ctx.database.db);
    const key = newKey();
    const first = await accept(ctx.app, seller, a.offerId, key);
    const again = await accept(ctx.app, seller, a.offerId, key);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await accept(ctx.app, seller, b.offerId, key);
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('idempotency_key_reused');
  });

  it('refuses without a session (401), without an Idempotency-Key (400), a cross-site POST (403)', async () => {
    const seller = await readySeller(ctx);
    const { offerId } = await freshOffer(ctx.app, ctx.database.db);
    expect((await ctx.app.inject({ method: 'POST', url: `/api/offers/${offerId}/accept`, headers: { 'idempotency-key': newKey() }, payload: {} })).statusCode).toBe(401);
    const noKey = await ctx.app.inject({ method: 'POST', url: `/api/offers/${offerId}/accept`, headers: as(seller), payload: {} });
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().error.code).toBe('idempotency_key_required');
    const crossSite = await ctx.app.inject({
      method: 'POST',
      url: `/api/offers/${offerId}/accept`,
      headers: { cookie: seller.cookie, origin: 'https://evil.example', 'idempotency-key': newKey() },
      payload: {},
    });
    expect(crossSite.statusCode).toBe(403);
    expect((await accept(ctx.app, seller, offerId)).statusCode).toBe(201);
  });

  it('a body with an unknown field → 400 naming it, nothing created', async () => {
    const seller = await readySeller(ctx);
    const { offerId, entry } = await freshOffer(ctx.app, ctx.database.db);
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/offers/${offerId}/accept`,
      headers: { ...as(seller), 'idempotency-key': newKey() },
      payload: { priceMinor: 1 },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.fields.body).toMatch(/priceMinor/);
    expect(await ctx.database.db.selectFrom('trade_ins').select('id').where('offer_id', '=', offerId).execute()).toEqual([]);
    const left = await ctx.database.db.selectFrom('wishlist_entries').select('quantity_remaining').where('id', '=', entry.id).executeTakeFirstOrThrow();
    expect(left.quantity_remaining).toBe(entry.quantity_remaining);
  });

  it('a seller with no profile yet → 409 profile_incomplete, nothing created', async () => {
    const fresh = await signUp(ctx.app);
    const { offerId, entry } = await freshOffer(ctx.app, ctx.database.db);
    const res = await accept(ctx.app, fresh, offerId);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('profile_incomplete');
    const left = await ctx.database.db.selectFrom('wishlist_entries').select('quantity_remaining').where('id', '=', entry.id).executeTakeFirstOrThrow();
    expect(left.quantity_remaining).toBe(entry.quantity_remaining);
  });

  it('the offer already accepted → 409 offer_already_accepted', async () => {
    const seller = await readySeller(ctx);
    const other = await readySeller(ctx);
    const { offerId } = await freshOffer(ctx.app, ctx.database.db);
    expect((await accept(ctx.app, seller, offerId)).statusCode).toBe(201);
    const res = await accept(ctx.app, other, offerId);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('offer_already_accepted');
  });
});

describe('access to trade-ins', () => {
  it("seller B reading or cancelling seller A's trade-in → 404; a refurbisher → 403", async () => {
    const a = await readySeller(ctx);
    const b = await readySeller(ctx);
    const { offerId, refurbisher } = await freshOffer(ctx.app, ctx.database.db);
    const t = (await accept(ctx.app, a, offerId)).json();
    for (const url of [`/api/trade-ins/${t.id}`, `/api/trade-ins/${t.id}/label.pdf`, `/api/trade-ins/${t.id}/qr.png`]) {
      expect((await ctx.app.inject({ method: 'GET', url, headers: as(b) })).statusCode, url).toBe(404);
    }
    const cancel = await ctx.app.inject({ method: 'POST', url: `/api/trade-ins/${t.id}/cancel`, headers: { ...as(b), 'idempotency-key': newKey() } });
    expect(cancel.statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/trade-ins/${t.id}`, headers: as(a) })).json().status).toBe('awaiting_shipment');
    const member = await makeUser(ctx.app, ctx.database.db, 'refurbisher', { refurbisherId: refurbisher.id });
    expect((await ctx.app.inject({ method: 'GET', url: `/api/trade-ins/${t.id}`, headers: as(member) })).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/trade-ins/tin_doesnotexist', headers: as(a) })).statusCode).toBe(404);
  });
});
