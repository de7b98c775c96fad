import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.ts';
import { expectErrorShape } from '../../../../test/error-shape.ts';
import { accept, acceptWithLabel, as, flawlessAnswers, freshOffer, newKey, readySeller } from '../../../../test/journey.ts';
import { buildWishlistEntry } from '../../../../test/factories.ts';
import { signUp } from '../../../../test/accounts.ts';

/**
 * Issues 7 and 8: error responses carry their typed `details` through the routes (the response
 * schemas stripped them), and the OpenAPI document lists them per route.
 */
const ctx = useTestApp();

const cancel = (cookie: { cookie: string }, id: string) =>
  ctx.app.inject({ method: 'POST', url: `/api/trade-ins/${id}/cancel`, headers: { ...as(cookie), 'idempotency-key': newKey() }, payload: {} });

describe('409 offer_changed', () => {
  it('carries details.newQuote: today’s quote for the same device and answers, with its own offer', async () => {
    const first = await readySeller(ctx);
    const second = await readySeller(ctx);
    const { offerId, variantId, entry, refurbisher } = await freshOffer(ctx.app, ctx.database.db, { quantity: 1 });
    // Another entry for the device, paying less: what the new quote will offer.
    await buildWishlistEntry(ctx.database.db, { refurbisherId: refurbisher.id, variantId, grade: 'Flawless', priceMinor: 900_000, quantityRemaining: 3 });
    // A second quote on the same one-unit entry; the first seller takes the unit.
    const again = await ctx.app.inject({ method: 'POST', url: '/api/assessments', payload: { variantId, answers: flawlessAnswers('smartphones') } });
    const secondOfferId = again.json().offer.id as string;
    expect((await accept(ctx.app, first, offerId)).statusCode).toBe(201);

    const res = await accept(ctx.app, second, secondOfferId);
    expect(res.statusCode, res.body).toBe(409);
    const error = expectErrorShape(res.body, 'offer_changed');
    expect(error.code).toBe('offer_changed');
    const newQuote = error.details?.newQuote as { assessmentId: string; device: { variantId: string }; offer: { id: string; price: { amountMinor: number } }; ladder: unknown[] };
    expect(newQuote.device.variantId).toBe(variantId);
    expect(newQuote.ladder).toHaveLength(4);
    expect(newQuote.assessmentId).not.toBe(again.json().assessmentId);
    expect(entry.price_minor).toBe(1_000_000);
    expect(newQuote.offer.price.amountMinor).toBe(900_000);
    // The new offer is real: it can be fetched and accepted.
    expect((await ctx.app.inject(`/api/offers/${newQuote.offer.id}`)).json().offer.id).toBe(newQuote.offer.id);
    expect((await accept(ctx.app, second, newQuote.offer.id)).statusCode).toBe(201);
  });
});

describe('409 profile_incomplete', () => {
  it('carries details.readiness, saying what is missing', async () => {
    const seller = await signUp(ctx.app);
    const { offerId } = await freshOffer(ctx.app, ctx.database.db);
    const res = await accept(ctx.app, seller, offerId);
    expect(res.statusCode).toBe(409);
    const error = expectErrorShape(res.body, 'profile_incomplete');
    expect(error.code).toBe('profile_incomplete');
    expect(error.details).toEqual({ readiness: { profileComplete: false, isAdult: false, identityComplete: false, payoutComplete: false, emailVerified: false } });
  });
});

describe('409 invalid_transition', () => {
  it('cancelling an already-cancelled trade-in says so, with details.status', async () => {
    const seller = await readySeller(ctx);
    const { offerId } = await freshOffer(ctx.app, ctx.database.db);
    const tradeIn = (await accept(ctx.app, seller, offerId)).json();
    expect((await cancel(seller, tradeIn.id)).statusCode).toBe(200);

    const res = await cancel(seller, tradeIn.id);
    expect(res.statusCode).toBe(409);
    const error = expectErrorShape(res.body, 'cancel twice');
    expect(error.code).toBe('invalid_transition');
    expect(error.message).toBe('This trade-in is already cancelled');
    expect(error.details).toEqual({ status: 'cancelled' });
  });

  it('cancelling after the carrier’s first scan says the carrier has it, with details.status', async () => {
    const seller = await readySeller(ctx);
    const { offerId } = await freshOffer(ctx.app, ctx.database.db);
    const tradeIn = await acceptWithLabel(ctx, seller, offerId);
    const scan = await ctx.app.inject({ method: 'POST', url: '/api/dev/carrier-events', headers: as(seller), payload: { tradeInId: tradeIn.id, type: 'picked_up' } });
    expect(scan.statusCode, scan.body).toBe(200);

    const res = await cancel(seller, tradeIn.id);
    expect(res.statusCode).toBe(409);
    const error = expectErrorShape(res.body, 'cancel after scan');
    expect(error.message).toMatch(/carrier has already scanned it/);
    expect(error.details).toEqual({ status: 'in_transit' });
  });
});

describe('the OpenAPI document', () => {
  it('lists each route’s error responses with every code of the status and its typed details', async () => {
    const doc = (await ctx.app.inject('/api/openapi.json')).json();
    const accept409 = JSON.stringify(doc.paths['/api/offers/{id}/accept'].post.responses['409']);
    for (const piece of ['offer_changed', 'newQuote', 'profile_incomplete', 'readiness', 'invalid_transition', 'offer_expired', 'offer_already_accepted']) {
      expect(accept409, piece).toContain(piece);
    }
    const cancel409 = JSON.stringify(doc.paths['/api/trade-ins/{id}/cancel'].post.responses['409']);
    expect(cancel409).toContain('invalid_transition');
    expect(cancel409).toContain('awaiting_shipment'); // the status enum of details.status
    const profile429 = JSON.stringify(doc.paths['/api/me/payout-method'].put.responses['429']);
    expect(profile429).toContain('retryAfterSeconds');
    // Every documented 4xx of every route is in the error shape.
    for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>)) {
      for (const [method, op] of Object.entries(methods)) {
        for (const [status, response] of Object.entries(op.responses ?? {})) {
          if (Number(status) < 400) continue;
          expect(JSON.stringify(response), `${method} ${path} ${status}`).toContain('"error"');
        }
      }
    }
  });
});
