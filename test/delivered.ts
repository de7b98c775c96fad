import { expect } from 'vitest';
import type { TestApp } from './app.ts';
import type { TestUser } from './accounts.ts';
import { acceptWithLabel, carrierEventBody, freshOffer, makeUser, postCarrierEvent } from './journey.ts';
import { addMember } from './refurbishers.ts';
import type { Database } from '../src/server/platform/db/database.ts';

type Ctx = TestApp & { database: Database };

/**
 * A trade-in of `seller` accepted by a refurbisher with an organisation (its admin and an
 * inspector), through the real accept → label → carrier path; delivered unless told otherwise.
 */
export async function tradeInAtOrganisation(ctx: Ctx, seller: TestUser, opts: { deliver?: boolean } = {}) {
  const offer = await freshOffer(ctx.app, ctx.database.db);
  const admin = await makeUser(ctx.app, ctx.database.db, 'refurbisher', { refurbisherId: offer.refurbisher.id });
  const inspector = await addMember(ctx.app, admin, 'inspector');
  const t = await acceptWithLabel(ctx, seller, offer.offerId);
  if (opts.deliver !== false) {
    const res = await postCarrierEvent(ctx.app, carrierEventBody(t.shipping!.trackingNumber, 'delivered', ctx.clock.now()));
    expect(res.json(), res.body).toEqual({ outcome: 'applied' });
  }
  return { id: t.id, refurbisherId: offer.refurbisher.id, refurbisherName: offer.refurbisher.name, variantId: offer.variantId, admin, inspector };
}
