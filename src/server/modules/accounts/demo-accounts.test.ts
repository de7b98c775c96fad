import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/db.ts';
import { buildTestApp } from '../../../../test/app.ts';
import type { Database } from '../../platform/db/database.ts';
import { seedDemoData } from '../../seed/demo.ts';
import { DEMO_REFURBISHERS } from '../../seed/wishlist-generator.ts';
import { as, signIn, cookieHeader } from '../../../../test/accounts.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemoAccounts } from './demo-accounts.ts';
import { linkOrganisation, listOrganisationLinks } from '../refurbishers/index.ts';

let database: Database;
let app: FastifyInstance;
const NOW = new Date('2026-11-26T15:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  const built = await buildTestApp(database, { now: NOW });
  app = built.app;
  await seedDemoData(database.db, NOW);
  expect(await seedDemoAccounts(database.db, { keyring: built.secrets.keyring, authSecret: built.secrets.authSecret, now: NOW, organisations: { list: listOrganisationLinks, link: linkOrganisation } })).toEqual({ seeded: true });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('demo accounts', () => {
  it('signs in each demo login with the demo password, with its role', async () => {
    for (const login of DEMO_LOGINS) {
      const res = await signIn(app, login.email, DEMO_PASSWORD);
      expect(res.statusCode, `${login.email}: ${res.body}`).toBe(200);
      const me = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: cookieHeader(res) } });
      expect(me.json().user).toMatchObject({ email: login.email, role: login.role });
      // Confirmed by the seed, so a demo seller can accept at once.
      expect(me.json().readiness.emailVerified, login.email).toBe(true);
    }
  });

  it('gives every demo refurbisher an organisation, and the refurbisher login admin rights on the first one', async () => {
    const refurbishers = await database.db.selectFrom('refurbishers').select(['id', 'name', 'organization_id']).execute();
    expect(refurbishers).toHaveLength(DEMO_REFURBISHERS.length);
    expect(refurbishers.every((r) => r.organization_id)).toBe(true);
    const first = refurbishers.find((r) => r.name === DEMO_REFURBISHERS[0]!.name)!;

    const res = await signIn(app, 'refurbisher@example.com', DEMO_PASSWORD);
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: cookieHeader(res) } });
    expect(me.json().user.refurbisherId).toBe(first.id);
    const members = await database.db
      .selectFrom('member')
      .innerJoin('user', 'user.id', 'member.userId')
      .select(['user.email', 'member.role'])
      .where('organizationId', '=', first.organization_id!)
      .orderBy('user.email')
      .execute();
    expect(members).toEqual([
      { email: 'buyer@example.com', role: 'buyer' },
      { email: 'inspector@example.com', role: 'inspector' },
      { email: 'refurbisher@example.com', role: 'admin' },
    ]);
  });

  it('gives the demo seller complete details, so an offer can be accepted at once', async () => {
    const res = await signIn(app, 'seller@example.com', DEMO_PASSWORD);
    const me = (await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: cookieHeader(res) } })).json();
    expect(me.readiness).toEqual({ profileComplete: true, isAdult: true, identityComplete: true, payoutComplete: true, emailVerified: true });
    expect(me.payoutMethod.accountNumber).toBe('•••• 6789');
    // The demo password is good enough for the payout re-check as well.
    const user = { cookie: cookieHeader(res) };
    const payout = await app.inject({
      method: 'PUT',
      url: '/api/me/payout-method',
      headers: as(user),
      payload: { routingNumber: '021000021', accountNumber: '000123456789', accountNumberConfirmation: '000123456789', accountType: 'checking', holderNames: ['Sam Seller'], currentPassword: DEMO_PASSWORD },
    });
    expect(payout.statusCode, payout.body).toBe(200);
  });

  it('seeds only once', async () => {
    const built = await buildTestApp(database);
    try {
      expect(await seedDemoAccounts(database.db, { keyring: built.secrets.keyring, authSecret: built.secrets.authSecret, now: NOW, organisations: { list: listOrganisationLinks, link: linkOrganisation } })).toEqual({ seeded: false });
      const users = await database.db.selectFrom('user').select('email').execute();
      expect(users.map((u) => u.email).sort()).toEqual(DEMO_LOGINS.map((l) => l.email).sort());
    } finally {
      await built.app.close();
    }
  });
});
