import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/db.ts';
import { buildTestApp } from '../../../../test/app.ts';
import { buildRefurbisher } from '../../../../test/factories.ts';
import type { AdjustableClock } from '../../platform/clock.ts';
import type { Keyring } from '../../platform/crypto.ts';
import type { Database } from '../../platform/db/database.ts';
import { as, makeUser, signUp, validPayout, VALID_LICENCE, VALID_PROFILE, VALID_SSN, type TestUser } from '../../../../test/accounts.ts';
import { getSellerReadiness } from './index.ts';
import { unseal } from './protected-fields.ts';
import { PAIR_THROTTLE } from './sign-in-limiter.ts';

let database: Database;
let app: FastifyInstance;
let clock: AdjustableClock;
let securityClock: AdjustableClock;
let keyring: Keyring;
// 2026-11-26 10:00 in New York.
const NOW = new Date('2026-11-26T15:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app, clock, securityClock, secrets: { keyring } } = await buildTestApp(database, { now: NOW }));
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const put = (user: TestUser, what: 'profile' | 'identity' | 'payout-method', payload: unknown) =>
  app.inject({ method: 'PUT', url: `/api/me/${what}`, headers: as(user), payload: payload as object });

async function rowsOf(userId: string) {
  const db = database.db;
  return {
    profile: await db.selectFrom('seller_profiles').selectAll().where('user_id', '=', userId).executeTakeFirst(),
    identity: await db.selectFrom('seller_identities').selectAll().where('user_id', '=', userId).executeTakeFirst(),
    payout: await db.selectFrom('payout_methods').selectAll().where('user_id', '=', userId).executeTakeFirst(),
  };
}

describe('GET /api/me', () => {
  it('is 401 without a session', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
  });

  it('shows a new seller with nothing on file', async () => {
    const user = await signUp(app);
    const res = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: user.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      user: { id: user.id, email: user.email, name: 'Test Person', role: 'seller', refurbisherId: null },
      profile: null,
      identity: null,
      payoutMethod: null,
      readiness: { profileComplete: false, isAdult: false, identityComplete: false, payoutComplete: false, emailVerified: false },
    });
  });

  it('tells a refurbisher member which refurbisher they act for', async () => {
    const r = await buildRefurbisher(database.db);
    const member = await makeUser(app, database.db, 'refurbisher', { refurbisherId: r.id });
    const res = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: member.cookie } });
    expect(res.json().user).toMatchObject({ role: 'refurbisher', refurbisherId: r.id });
  });
});

describe('saving details', () => {
  it('saves profile, identity and payout, and shows them masked (last 4 at most)', async () => {
    const user = await signUp(app);
    expect((await put(user, 'profile', VALID_PROFILE)).statusCode).toBe(200);
    expect((await put(user, 'identity', VALID_LICENCE)).statusCode).toBe(200);
    const res = await put(user, 'payout-method', validPayout(user.password));
    expect(res.statusCode, res.body).toBe(200);
    const me = res.json();
    expect(me.profile).toEqual({
      legalName: { first: 'Ada', last: 'Lovelace' },
      dateOfBirth: '••••-••-10',
      address: { line1: '1 Main St', line2: null, city: 'Albany', state: 'NY', zip: '12207' },
      phone: '+12125550199',
    });
    expect(me.identity).toEqual({ kind: 'drivers_license', number: '•••• 4321', state: 'CA' });
    expect(me.payoutMethod).toEqual({ routingNumber: '•••• 0021', accountNumber: '•••• 3210', accountType: 'checking', holderNames: ['Ada Lovelace'] });
    expect(me.readiness).toEqual({ profileComplete: true, isAdult: true, identityComplete: true, payoutComplete: true, emailVerified: false });
    expect(await getSellerReadiness(database.db, user.id, clock.now())).toEqual(me.readiness);

    const ssn = await put(user, 'identity', VALID_SSN);
    expect(ssn.json().identity).toEqual({ kind: 'ssn_last4', last4: '•••• 21' });
    const rows = await rowsOf(user.id);
    expect(rows.identity).toMatchObject({ kind: 'ssn_last4', licence_number_sealed: null, licence_state: null, licence_number_hash: null });
  });

  it('masks a short account number to at most half of it', async () => {
    const user = await signUp(app);
    const res = await put(user, 'payout-method', validPayout(user.password, { accountNumber: '12345', accountNumberConfirmation: '12345' }));
    expect(res.json().payoutMethod.accountNumber).toBe('•••• 45');
  });

  it('keeps bank details optional for readiness (payout may come later)', async () => {
    const user = await signUp(app);
    await put(user, 'profile', VALID_PROFILE);
    expect(await getSellerReadiness(database.db, user.id, clock.now())).toEqual({
      profileComplete: true,
      isAdult: true,
      identityComplete: false,
      payoutComplete: false,
      emailVerified: false,
    });
  });
});

describe('validation: 400 naming every field, nothing written', () => {
  async function expectRefused(what: 'profile' | 'identity' | 'payout-method', payload: unknown, field: string, message?: RegExp) {
    const user = await signUp(app);
    const res = await put(user, what, payload);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(Object.keys(res.json().error.fields)).toContain(field);
    if (message) expect(res.json().error.fields[field]).toMatch(message);
    const rows = await rowsOf(user.id);
    expect(rows).toEqual({ profile: undefined, identity: undefined, payout: undefined });
    return res.json().error.fields as Record<string, string>;
  }

  it('accepts routing number 021000021', async () => {
    const user = await signUp(app);
    expect((await put(user, 'payout-method', validPayout(user.password, { routingNumber: '021000021' }))).statusCode).toBe(200);
  });

  it.each([
    ['021000022', /check digit/],
    ['500000005', /first two digits/],
    ['000000000', /first two digits/],
    ['02100002', /9 digits/],
  ])('refuses routing number %s', async (routingNumber, message) => {
    const user = await signUp(app);
    await expectRefused('payout-method', validPayout(user.password, { routingNumber }), 'routingNumber', message);
  });

  it.each([
    ['3 digits', '123', /4 to 17/],
    ['18 digits', '123456789012345678', /4 to 17/],
    ['all zeros', '00000000', /all zeros/],
    ['letters', '12345ABC', /digits only/],
  ])('refuses an account number of %s', async (_what, accountNumber, message) => {
    await expectRefused('payout-method', validPayout('irrelevant', { accountNumber, accountNumberConfirmation: accountNumber }), 'accountNumber', message);
  });

  it('refuses a mismatched account number confirmation', async () => {
    await expectRefused('payout-method', validPayout('irrelevant', { accountNumberConfirmation: '0009876543211' }), 'accountNumberConfirmation', /does not match/);
  });

  it('keeps leading zeros of an account number', async () => {
    const user = await signUp(app);
    await put(user, 'payout-method', validPayout(user.password, { accountNumber: '0001', accountNumberConfirmation: '0001' }));
    const { payout } = await rowsOf(user.id);
    expect(unseal(keyring, 'payout_methods', 'account_number_sealed', user.id, payout!.account_number_sealed)).toBe('0001');
  });

  it('names every bad field at once', async () => {
    const fields = await expectRefused(
      'profile',
      { ...VALID_PROFILE, phone: '555', address: { ...VALID_PROFILE.address, zip: '1234', state: 'XX' }, legalName: { first: '', last: 'L' } },
      'phone',
    );
    expect(Object.keys(fields).sort()).toEqual(['address.state', 'address.zip', 'legalName.first', 'phone']);
  });

  it.each([
    ['phone', { phone: '+44 20 7946 0958' }],
    ['phone', { phone: '(212) 555-019' }],
    ['address.zip', { address: { ...VALID_PROFILE.address, zip: '1220' } }],
    ['address.zip', { address: { ...VALID_PROFILE.address, zip: '12207-12' } }],
    ['address.state', { address: { ...VALID_PROFILE.address, state: 'ZZ' } }],
    ['address.zip', { address: { ...VALID_PROFILE.address, zip: '10001', state: 'TX' } }],
    ['dateOfBirth', { dateOfBirth: '2001-02-30' }],
    ['dateOfBirth', { dateOfBirth: '1901-05-01' }],
    ['dateOfBirth', { dateOfBirth: '2030-01-01' }],
  ])('refuses a bad %s', async (field, over) => {
    await expectRefused('profile', { ...VALID_PROFILE, ...over }, field);
  });

  it('accepts a seller who turns 18 today in New York, refuses one who turns 18 tomorrow', async () => {
    // NOW is 2026-11-26 in New York.
    const today = await signUp(app);
    const ok = await put(today, 'profile', { ...VALID_PROFILE, dateOfBirth: '2008-11-26' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().readiness.isAdult).toBe(true);
    await expectRefused('profile', { ...VALID_PROFILE, dateOfBirth: '2008-11-27' }, 'dateOfBirth', /under 18/);
  });

  it('uses the New York date, not UTC, around midnight', async () => {
    // 2026-11-27T03:00Z is still 26 November (22:00) in New York.
    clock.set(new Date('2026-11-27T03:00:00Z'));
    try {
      await expectRefused('profile', { ...VALID_PROFILE, dateOfBirth: '2008-11-27' }, 'dateOfBirth', /under 18/);
      clock.set(new Date('2026-11-27T05:30:00Z'));
      const user = await signUp(app);
      expect((await put(user, 'profile', { ...VALID_PROFILE, dateOfBirth: '2008-11-27' })).statusCode).toBe(200);
    } finally {
      clock.set(NOW);
    }
  });

  it.each([
    ['last4', { kind: 'ssn_last4', last4: '0000' }, /0000/],
    ['last4', { kind: 'ssn_last4', last4: '123' }, /4 digits/],
    ['number', { kind: 'drivers_license', number: 'D1234*', state: 'CA' }, /letters and digits/],
    ['state', { kind: 'drivers_license', number: 'D1234', state: 'QQ' }, /state/i],
    ['kind', { kind: 'passport', number: '123' }, /kind/],
  ])('refuses identity with a bad %s', async (field, payload, message) => {
    await expectRefused('identity', payload, field, message);
  });

  it('answers an empty or non-JSON body in the product error shape', async () => {
    const user = await signUp(app);
    const res = await app.inject({ method: 'PUT', url: '/api/me/profile', headers: { ...as(user), 'content-type': 'application/json' }, payload: '{' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });
});

describe('payout method needs the current password', () => {
  it('refuses a wrong current password with 403 naming currentPassword, and changes nothing', async () => {
    const user = await signUp(app);
    await put(user, 'payout-method', validPayout(user.password));
    const before = (await rowsOf(user.id)).payout;
    const res = await put(user, 'payout-method', validPayout('wrong-password-here', { accountNumber: '55554444', accountNumberConfirmation: '55554444' }));
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'forbidden', fields: { currentPassword: expect.stringMatching(/not correct/) } });
    expect((await rowsOf(user.id)).payout).toEqual(before);
  });

  it('refuses a missing current password with 400', async () => {
    const user = await signUp(app);
    const { currentPassword: _omit, ...rest } = validPayout(user.password);
    const res = await put(user, 'payout-method', rest);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.currentPassword).toMatch(/required/);
  });

  it('limits wrong current passwords like failed sign-ins (per account and address, growing delays)', async () => {
    const user = await signUp(app);
    for (let i = 0; i < PAIR_THROTTLE.free; i++) expect((await put(user, 'payout-method', validPayout(`wrong-${i}-password`))).statusCode).toBe(403);
    const refused = await put(user, 'payout-method', validPayout(user.password));
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // The limit is security time: the real clock moves it on, not the demo clock.
    securityClock.advance(PAIR_THROTTLE.maxDelayMs + 1000);
    expect((await put(user, 'payout-method', validPayout(user.password))).statusCode).toBe(200);
    securityClock.reset();
  });

  it('writes the change to the audit log', async () => {
    const user = await signUp(app);
    await put(user, 'payout-method', validPayout(user.password));
    const rows = await database.db.selectFrom('audit_log').selectAll().where('subject', '=', user.id).execute();
    expect(rows.map((r) => r.action)).toEqual(['payout_method.changed']);
  });
});

describe('seller details are for sellers', () => {
  it('refuses refurbishers and operators with 403 (their accounts hold no seller details)', async () => {
    for (const role of ['refurbisher', 'operator'] as const) {
      const user = await makeUser(app, database.db, role);
      const res = await put(user, 'profile', VALID_PROFILE);
      expect(res.statusCode).toBe(403);
    }
  });

  it('refuses anonymous writes with 401', async () => {
    const res = await app.inject({ method: 'PUT', url: '/api/me/profile', payload: VALID_PROFILE });
    expect(res.statusCode).toBe(401);
  });
});

describe('shared bank account flag', () => {
  const flagsFor = async (userIds: string[]) =>
    (await database.db.selectFrom('operator_flags').selectAll().where('kind', '=', 'shared_bank_account').execute()).filter((f) =>
      userIds.some((id) => f.user_ids.includes(id)),
    );

  it('flags a bank account used by 3 sellers, once, and not one used by 2', async () => {
    const account = { accountNumber: '77770001', accountNumberConfirmation: '77770001' };
    const [a, b, c] = [await signUp(app), await signUp(app), await signUp(app)];
    await put(a, 'payout-method', validPayout(a.password, account));
    await put(b, 'payout-method', validPayout(b.password, account));
    expect(await flagsFor([a.id, b.id])).toEqual([]);

    await put(c, 'payout-method', validPayout(c.password, account));
    const flags = await flagsFor([a.id]);
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ kind: 'shared_bank_account', cleared_at: null });
    expect([...flags[0]!.user_ids].sort()).toEqual([a.id, b.id, c.id].sort());

    // Saving again does not add another flag.
    await put(c, 'payout-method', validPayout(c.password, account));
    expect(await flagsFor([a.id])).toHaveLength(1);

    // The same account number at another bank is another account.
    const d = await signUp(app);
    await put(d, 'payout-method', validPayout(d.password, { ...account, routingNumber: '011000015' }));
    expect(await flagsFor([d.id])).toEqual([]);
  });

  it('shows flags to operators only, never the account or its hash', async () => {
    const operator = await makeUser(app, database.db, 'operator');
    const res = await app.inject({ method: 'GET', url: '/api/admin/flags?kind=shared_bank_account', headers: { cookie: operator.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json().flags.length).toBeGreaterThan(0);
    const stored = await database.db.selectFrom('operator_flags').select('dedupe_key').where('kind', '=', 'shared_bank_account').execute();
    for (const { dedupe_key } of stored) expect(res.body).not.toContain(dedupe_key.split(':')[1]);
    expect(res.body).not.toContain('77770001');
    const seller = await signUp(app);
    expect((await app.inject({ method: 'GET', url: '/api/admin/flags', headers: { cookie: seller.cookie } })).statusCode).toBe(403);
  });
});
