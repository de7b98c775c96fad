import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/db.ts';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { cookieHeader, signIn, TEST_ORIGIN } from '../../../test/accounts.ts';
import { DEMO_CARRIER_WEBHOOK_SECRET } from '../config.ts';
import { DEMO_PASSWORD, seedDemoAccounts } from '../modules/accounts/index.ts';
import { linkOrganisation, listOrganisationLinks } from '../modules/refurbishers/index.ts';
import type { Database } from '../platform/db/database.ts';
import { seedDemoData } from './demo.ts';
import { seedDemoTradeIns } from './demo-trade-ins.ts';

const NOW = new Date('2026-11-26T15:00:00Z');
let database: Database;
let ctx: TestApp;
let app: FastifyInstance;

const seed = () =>
  seedDemoTradeIns({ app, db: database.db, clock: ctx.clock, jobs: ctx.runtime.jobs, carrierSecret: DEMO_CARRIER_WEBHOOK_SECRET, origin: TEST_ORIGIN });

async function session(email: string): Promise<{ cookie: string }> {
  const res = await signIn(app, email, DEMO_PASSWORD);
  expect(res.statusCode, res.body).toBe(200);
  return { cookie: cookieHeader(res) };
}

beforeAll(async () => {
  database = await createTestDatabase();
  ctx = await buildTestApp(database, { now: NOW });
  app = ctx.app;
  await seedDemoData(database.db, NOW);
  await seedDemoAccounts(database.db, { keyring: ctx.secrets.keyring, authSecret: ctx.secrets.authSecret, now: NOW, organisations: { list: listOrganisationLinks, link: linkOrganisation } });
}, 60_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('demo trade-ins', () => {
  it('fills every list of the demo inspector through the real flow, once', async () => {
    expect(await seed()).toBe(7);

    const inspector = await session('inspector@example.com');
    const res = await app.inject({ method: 'GET', url: '/api/refurbisher/trade-ins', headers: inspector });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as { items: { id: string; status: string; bucket: string; awaitingReply: boolean; inspectionDueAt: string | null }[]; counts: Record<string, number> };
    expect(page.counts).toMatchObject({ in_transit: 2, to_inspect: 2, awaiting_seller: 2 });
    expect(page.items.filter((i) => i.status === 'counteroffered')).toHaveLength(1);
    expect(page.items.filter((i) => i.status === 'account_locked')).toHaveLength(1);
    expect(page.items.filter((i) => i.awaitingReply)).toHaveLength(1);
    // The two delivered devices each have their inspection deadline.
    expect(page.items.filter((i) => i.bucket === 'to_inspect').every((i) => i.inspectionDueAt)).toBe(true);

    // The approved one left the incoming lists, with its erasure certificate.
    const seller = await session('seller@example.com');
    const mine = (await app.inject({ method: 'GET', url: '/api/trade-ins', headers: seller })).json() as { id: string; status: string }[] | { items: { id: string; status: string }[] };
    const list = Array.isArray(mine) ? mine : mine.items;
    expect(list).toHaveLength(7);
    const approved = list.find((t) => t.status === 'approved')!;
    const approvedDetail = await app.inject({ method: 'GET', url: `/api/refurbisher/trade-ins/${approved.id}`, headers: inspector });
    expect(approvedDetail.json().erasure, approvedDetail.body).toMatchObject({ method: 'nist_800_88_purge' });

    // The seller's view of the counteroffer: a price, each defect with its reason, the photos.
    const countered = list.find((t) => t.status === 'counteroffered')!;
    const view = await app.inject({ method: 'GET', url: `/api/trade-ins/${countered.id}`, headers: seller });
    const offer = view.json().aftercare.counteroffer;
    expect(offer, view.body).toBeTruthy();
    expect(offer.price.amountMinor).toBeGreaterThan(0);
    expect(offer.price.amountMinor).toBeLessThanOrEqual(offer.originalPrice.amountMinor);
    expect(offer.defects.length).toBeGreaterThan(0);
    for (const d of offer.defects) expect(d.reason.length).toBeGreaterThan(3);
    expect(offer.photos.length).toBeGreaterThan(0);
    const photo = await app.inject({ method: 'GET', url: offer.photos[0].url, headers: seller });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');

    // The lock hold asks the seller to remove their account.
    const locked = list.find((t) => t.status === 'account_locked')!;
    expect((await app.inject({ method: 'GET', url: `/api/trade-ins/${locked.id}`, headers: seller })).json().aftercare.lockHold).toBeTruthy();

    // Again (a restart): nothing more.
    expect(await seed()).toBe(0);
    expect(Number((await database.db.selectFrom('trade_ins').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(7);
  }, 120_000);
});
