import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/db.ts';
import { buildTestApp } from '../../../../test/app.ts';
import type { AdjustableClock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';
import {
  as,
  cookieHeader,
  GOOD_PASSWORD,
  nextAddress,
  sessionCookieValue,
  signIn,
  signUp,
  TEST_ORIGIN,
  uniqueEmail,
  VALID_PROFILE,
} from '../../../../test/accounts.ts';

let database: Database;
let app: FastifyInstance;
// Session age and sign-in throttles run on security time (the real clock), not the demo clock.
let securityClock: AdjustableClock;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app, securityClock } = await buildTestApp(database));
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const setCookies = (res: { headers: Record<string, unknown> }) => {
  const raw = res.headers['set-cookie'];
  return (raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]) as string[];
};

async function signUpRaw(payload: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: '/api/auth/sign-up/email', headers: { origin: TEST_ORIGIN }, remoteAddress: nextAddress(), payload });
}

describe('sign up, sign in, session, sign out through /api/auth', () => {
  it('signs up a seller with a session cookie that is HttpOnly and SameSite=Lax (no Secure in demo mode)', async () => {
    const email = uniqueEmail();
    const res = await signUpRaw({ email, password: GOOD_PASSWORD, name: 'Ada' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user).toMatchObject({ email, role: 'seller' });
    expect(res.json().user.id).toMatch(/^usr_/);
    const cookie = setCookies(res).find((c) => c.startsWith('tradeloop.session_token='))!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).not.toMatch(/; Secure/);

    const session = await app.inject({ method: 'GET', url: '/api/auth/get-session', headers: { cookie: cookieHeader(res) } });
    expect(session.statusCode).toBe(200);
    expect(session.json().user.email).toBe(email);
  });

  it('never takes the role from sign-up input', async () => {
    const res = await signUpRaw({ email: uniqueEmail(), password: GOOD_PASSWORD, name: 'Mallory', role: 'operator' });
    // Either refused or ignored, never an operator.
    if (res.statusCode === 200) {
      expect(res.json().user.role).toBe('seller');
      const me = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: cookieHeader(res) } });
      expect(me.json().user.role).toBe('seller');
    } else {
      expect(res.statusCode).toBe(400);
    }
  });

  it('does not let a user change their own role through better-auth', async () => {
    const user = await signUp(app);
    const res = await app.inject({ method: 'POST', url: '/api/auth/update-user', headers: as(user), payload: { name: 'Still Me', role: 'operator' } });
    // Refused outright, in the product's error shape, rather than silently ignored.
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    const row = await database.db.selectFrom('user').select(['role']).where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.role).toBe('seller');
  });

  it('signs in with a new session id each time, signs out, and the old cookie is then dead', async () => {
    const user = await signUp(app);
    const first = sessionCookieValue({ headers: { 'set-cookie': user.cookie.split('; ').map((c) => c) } } as never);
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      // Signing in while holding a session still yields a fresh one (no session fixation).
      headers: { origin: TEST_ORIGIN, cookie: user.cookie },
      remoteAddress: nextAddress(),
      payload: { email: user.email, password: user.password },
    });
    expect(res.statusCode, res.body).toBe(200);
    const second = sessionCookieValue(res);
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    const again = await signIn(app, user.email, user.password);
    expect(sessionCookieValue(again)).not.toBe(second);

    const cookie = cookieHeader(res);
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(200);
    const out = await app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie, origin: TEST_ORIGIN } });
    expect(out.statusCode, out.body).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
    const session = await app.inject({ method: 'GET', url: '/api/auth/get-session', headers: { cookie } });
    expect(session.json()).toBeNull();
  });

  it('answers a wrong password with 401 in both error shapes', async () => {
    const user = await signUp(app);
    const res = await signIn(app, user.email, 'not-the-password-at-all');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'INVALID_EMAIL_OR_PASSWORD', error: { code: 'unauthenticated' } });
  });

  it('stores argon2id hashes with their parameters, never the password', async () => {
    const user = await signUp(app);
    const row = await database.db.selectFrom('account').select('password').where('userId', '=', user.id).executeTakeFirstOrThrow();
    expect(row.password).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(row.password).not.toContain(user.password);
  });
});

describe('password rules (field "password")', () => {
  it.each([
    ['short', 'aB3$xyz', /at least 8/],
    ['129 characters', 'x1'.repeat(64) + 'y', /at most 128/],
    ['common', 'password1', /common/],
    ['common, capitalised', 'Password123', /common/],
    ['common', 'qwertyuiop', /common/],
    ['one repeated character', 'aaaaaaaaaaaa', /common/],
  ])('refuses a %s password', async (_what, password, message) => {
    const email = uniqueEmail();
    const res = await signUpRaw({ email, password, name: 'Weak' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.fields.password).toMatch(message);
    const row = await database.db.selectFrom('user').select('id').where('email', '=', email).executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('accepts exactly 8 and exactly 128 characters', async () => {
    expect((await signUpRaw({ email: uniqueEmail(), password: 'Tq7#vLm2', name: 'Eight' })).statusCode).toBe(200);
    expect((await signUpRaw({ email: uniqueEmail(), password: 'k9'.repeat(64), name: 'Long' })).statusCode).toBe(200);
  });

  it('refuses a second account with the same e-mail, naming the field', async () => {
    const user = await signUp(app);
    const res = await signUpRaw({ email: user.email, password: GOOD_PASSWORD, name: 'Twin' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields.email).toMatch(/already exists/);
  });
});

describe('session expiry', () => {
  it('ends a session 30 days after sign-in however active it is (moved clock)', async () => {
    const user = await signUp(app);
    securityClock.advance(29 * 86_400_000);
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: user.cookie } })).statusCode).toBe(200);
    securityClock.advance(2 * 86_400_000);
    const res = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: user.cookie } });
    expect(res.statusCode).toBe(401);
    expect(setCookies(res).some((c) => /^tradeloop\.session_token=;.*Max-Age=0/.test(c))).toBe(true);
    // Gone for better-auth as well, not just hidden from our routes.
    const session = await app.inject({ method: 'GET', url: '/api/auth/get-session', headers: { cookie: user.cookie } });
    expect(session.json()).toBeNull();
    securityClock.reset();
  });

  it('ends a session whose sign-in is older than 30 days (backdated createdAt)', async () => {
    const user = await signUp(app);
    await database.db
      .updateTable('session')
      .set({ createdAt: new Date(securityClock.now().getTime() - 31 * 86_400_000) })
      .where('userId', '=', user.id)
      .execute();
    const session = await app.inject({ method: 'GET', url: '/api/auth/get-session', headers: { cookie: user.cookie } });
    expect(session.json()).toBeNull();
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: user.cookie } })).statusCode).toBe(401);
  });

  it('slides an active session (idle expiry renewed on use, cookie re-set) but never past 30 days from sign-in', async () => {
    const user = await signUp(app);
    const day = 86_400_000;
    // Last renewed two days ago: due for a refresh (updateAge is one day).
    await database.db.updateTable('session').set({ expiresAt: new Date(Date.now() + 5 * day) }).where('userId', '=', user.id).execute();
    const res = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: user.cookie } });
    expect(res.statusCode).toBe(200);
    expect(setCookies(res).some((c) => c.startsWith('tradeloop.session_token=') && /Max-Age=604800/.test(c))).toBe(true);
    let row = await database.db.selectFrom('session').select(['expiresAt']).where('userId', '=', user.id).executeTakeFirstOrThrow();
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now() + 7 * day - 60_000);

    // Signed in 29 days ago: the refresh stops at day 30, not day 36.
    const createdAt = new Date(Date.now() - 29 * day);
    await database.db.updateTable('session').set({ createdAt, expiresAt: new Date(Date.now() + 5 * day) }).where('userId', '=', user.id).execute();
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: user.cookie } })).statusCode).toBe(200);
    row = await database.db.selectFrom('session').select(['expiresAt']).where('userId', '=', user.id).executeTakeFirstOrThrow();
    expect(row.expiresAt.getTime()).toBeLessThanOrEqual(createdAt.getTime() + 30 * day);
  });

  it('ends a session left idle past its expiry (7 days)', async () => {
    const user = await signUp(app);
    const row = await database.db.selectFrom('session').select(['createdAt', 'expiresAt']).where('userId', '=', user.id).executeTakeFirstOrThrow();
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(7 * 86_400_000 - 5_000);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThanOrEqual(7 * 86_400_000 + 5_000);
    await database.db.updateTable('session').set({ expiresAt: new Date(Date.now() - 1000) }).where('userId', '=', user.id).execute();
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: user.cookie } })).statusCode).toBe(401);
  });
});

describe('sign-in rate limits', () => {
  it('a successful sign-in clears the account count', async () => {
    const user = await signUp(app);
    for (let i = 0; i < 4; i++) expect((await signIn(app, user.email, 'nope-nope-nope')).statusCode).toBe(401);
    expect((await signIn(app, user.email, user.password)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await signIn(app, user.email, 'nope-nope-nope')).statusCode).toBe(401);
    expect((await signIn(app, user.email, user.password)).statusCode).toBe(200);
  });

  it('refuses the 21st failed sign-in from one address, whatever the accounts, and ignores X-Forwarded-For', async () => {
    const address = '203.0.113.77';
    for (let i = 0; i < 20; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/sign-in/email',
        // A client cannot pick its own bucket: the bridge overwrites this header with request.ip.
        headers: { origin: TEST_ORIGIN, 'x-forwarded-for': `192.0.2.${i}` },
        remoteAddress: address,
        payload: { email: uniqueEmail('nobody'), password: 'whatever-123' },
      });
      expect(res.statusCode, `attempt ${i + 1}`).not.toBe(429);
    }
    const user = await signUp(app);
    const blocked = await signIn(app, user.email, user.password, address);
    expect(blocked.statusCode).toBe(429);
    // Another address is not affected.
    expect((await signIn(app, user.email, user.password)).statusCode).toBe(200);
  });

  it("records the client address from request.ip, never from the client's own X-Forwarded-For", async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-up/email',
      headers: { origin: TEST_ORIGIN, 'x-forwarded-for': '6.6.6.6' },
      remoteAddress: '10.99.0.1',
      payload: { email: uniqueEmail(), password: GOOD_PASSWORD, name: 'Forger' },
    });
    expect(res.statusCode).toBe(200);
    const row = await database.db.selectFrom('session').select('ipAddress').where('userId', '=', res.json().user.id).executeTakeFirstOrThrow();
    expect(row.ipAddress).toBe('10.99.0.1');
    // better-auth's own per-address limit (10 sign-ups a minute) cannot be dodged by forging the header.
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/auth/sign-up/email',
        headers: { origin: TEST_ORIGIN, 'x-forwarded-for': `6.6.6.${i}` },
        remoteAddress: '10.99.0.2',
        payload: { email: uniqueEmail(), password: GOOD_PASSWORD, name: 'Forger' },
      });
      codes.push(r.statusCode);
    }
    expect(codes.slice(0, 10).every((c) => c === 200)).toBe(true);
    expect(codes[10]).toBe(429);
  });

  it('keeps better-auth rate limiting on, in the database', async () => {
    const rows = await database.db.selectFrom('rateLimit' as never).selectAll().execute();
    expect(rows.length).toBeGreaterThan(0);
  });
});

describe('cross-site request protection', () => {
  it('refuses a cookie-authenticated state change with a foreign Origin or none, accepts the app origin', async () => {
    const user = await signUp(app);
    const put = (headers: Record<string, string>) =>
      app.inject({ method: 'PUT', url: '/api/me/profile', headers, payload: VALID_PROFILE });

    const foreign = await put({ cookie: user.cookie, origin: 'https://evil.example' });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error).toEqual({ code: 'forbidden', message: 'cross-site request refused' });

    const none = await put({ cookie: user.cookie });
    expect(none.statusCode).toBe(403);
    expect(none.json().error.message).toBe('cross-site request refused');

    const nullOrigin = await put({ cookie: user.cookie, origin: 'null' });
    expect(nullOrigin.statusCode).toBe(403);

    expect(await database.db.selectFrom('seller_profiles').select('user_id').where('user_id', '=', user.id).executeTakeFirst()).toBeUndefined();

    const same = await put(as(user));
    expect(same.statusCode, same.body).toBe(200);
  });

  it('applies to POST on other modules too, and not to requests without a session cookie', async () => {
    const user = await signUp(app);
    const crossSite = await app.inject({
      method: 'POST',
      url: '/api/assessments',
      headers: { cookie: user.cookie, origin: 'https://evil.example' },
      payload: { variantId: 'nope', answers: {} },
    });
    expect(crossSite.statusCode).toBe(403);
    const anonymous = await app.inject({ method: 'POST', url: '/api/assessments', headers: { origin: 'https://evil.example' }, payload: { variantId: 'nope', answers: {} } });
    expect(anonymous.statusCode).not.toBe(403);
  });

  it("lets better-auth refuse a cross-site sign-out (its own Origin check, on even under NODE_ENV=test)", async () => {
    const user = await signUp(app);
    const res = await app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie: user.cookie, origin: 'https://evil.example' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: user.cookie } })).statusCode).toBe(200);
  });
});

describe('production mode', () => {
  it('marks the session cookie Secure (with the __Secure- prefix)', async () => {
    const prod = await buildTestApp(database, { mode: 'production' });
    try {
      const res = await prod.app.inject({
        method: 'POST',
        url: '/api/auth/sign-up/email',
        headers: { origin: TEST_ORIGIN },
        remoteAddress: nextAddress(),
        payload: { email: uniqueEmail(), password: GOOD_PASSWORD, name: 'Prod' },
      });
      expect(res.statusCode, res.body).toBe(200);
      const cookie = setCookies(res).find((c) => c.includes('session_token='))!;
      expect(cookie).toMatch(/^__Secure-tradeloop\.session_token=/);
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Lax/);
      // Our routes recognise the prefixed cookie, for reading and for the cross-site check.
      const headers = { cookie: cookieHeader(res) };
      expect((await prod.app.inject({ method: 'GET', url: '/api/me', headers })).statusCode).toBe(200);
      const crossSite = await prod.app.inject({ method: 'PUT', url: '/api/me/profile', headers: { ...headers, origin: 'https://evil.example' }, payload: VALID_PROFILE });
      expect(crossSite.statusCode).toBe(403);
    } finally {
      await prod.app.close();
    }
  });
});
