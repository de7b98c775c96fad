import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useTestApp } from '../../../../test/app.ts';
import { as, confirmEmail, openLink, signUp, VALID_PROFILE, VALID_SSN, verificationLinks, type TestUser } from '../../../../test/accounts.ts';
import { accept, freshOffer } from '../../../../test/journey.ts';
import { expectErrorShape } from '../../../../test/error-shape.ts';
import { LOG_REDACT } from '../../app.ts';
import { VERIFY_EMAIL_SECONDS } from './auth.ts';

/**
 * Issue 7: the e-mail address is confirmed with better-auth's own verification before an offer
 * can be accepted. The link is read from the mailbox (the outbox) and opened as a browser would.
 */
let logText = '';
const logStream = new Writable({
  write(chunk, _enc, done) {
    logText += chunk.toString();
    done();
  },
});
const ctx = useTestApp({ logger: { level: 'trace', stream: logStream, redact: LOG_REDACT } });

afterEach(() => {
  vi.useRealTimers();
});

async function detailedSeller(): Promise<TestUser> {
  const user = await signUp(ctx.app);
  for (const [url, payload] of [
    ['/api/me/profile', VALID_PROFILE],
    ['/api/me/identity', VALID_SSN],
  ] as const) {
    const res = await ctx.app.inject({ method: 'PUT', url, headers: as(user), payload });
    expect(res.statusCode, res.body).toBe(200);
  }
  return user;
}

const me = async (user: TestUser) => (await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: user.cookie } })).json();
const remaining = async (entryId: string) =>
  (await ctx.database.db.selectFrom('wishlist_entries').select('quantity_remaining').where('id', '=', entryId).executeTakeFirstOrThrow()).quantity_remaining;
const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;
const resend = (user: TestUser, payload: Record<string, unknown> = {}) =>
  ctx.app.inject({ method: 'POST', url: '/api/me/verification-email', headers: as(user), payload });

describe('confirming the e-mail address', () => {
  it('sign-up sends one message with an absolute link on the public address; the job holds no token', async () => {
    const user = await signUp(ctx.app);
    const jobs = await ctx.database.db
      .selectFrom('pgboss.job' as never)
      .select(['data' as never])
      .where('name' as never, '=', 'mail.email-verification' as never)
      .execute();
    const mine = (jobs as { data: { payload: { userId?: string } } }[]).filter((j) => j.data.payload.userId === user.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.data.payload).toEqual({ userId: user.id, next: '/' });

    const links = await verificationLinks(ctx, user.email);
    expect(links).toHaveLength(1);
    const link = new URL(links[0]!);
    expect(`${link.origin}${link.pathname}`).toBe('http://localhost:3000/api/auth/verify-email');
    expect(link.searchParams.get('callbackURL')).toBe('/email-verified?next=%2F');
    expect((await me(user)).readiness.emailVerified).toBe(false);
  });

  it('accepting unconfirmed → 409 email_unverified with readiness, nothing reserved; after the link, the accept works', async () => {
    const seller = await detailedSeller();
    const { offerId, entry } = await freshOffer(ctx.app, ctx.database.db);
    const refused = await accept(ctx.app, seller, offerId);
    expect(refused.statusCode, refused.body).toBe(409);
    const error = expectErrorShape(refused.body, 'email_unverified');
    expect(error.code).toBe('email_unverified');
    expect(error.details).toEqual({ readiness: { profileComplete: true, isAdult: true, identityComplete: true, payoutComplete: false, emailVerified: false } });
    expect(await remaining(entry.id)).toBe(entry.quantity_remaining);
    const tradeIns = await ctx.app.inject({ method: 'GET', url: '/api/trade-ins', headers: { cookie: seller.cookie } });
    expect(tradeIns.json()).toEqual([]);

    const [link] = await verificationLinks(ctx, seller.email);
    const opened = await openLink(ctx.app, link!, seller.cookie);
    expect(opened.statusCode).toBe(302);
    expect(opened.headers.location).toBe('/email-verified?next=%2F');
    expect((await me(seller)).readiness.emailVerified).toBe(true);

    const accepted = await accept(ctx.app, seller, offerId);
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(await remaining(entry.id)).toBe(entry.quantity_remaining - 1);
  });

  it('the link signs in on another device, once: a used link only leads to the page, with no session', async () => {
    const user = await signUp(ctx.app);
    const [link] = await verificationLinks(ctx, user.email);
    const first = await openLink(ctx.app, link!);
    expect(first.statusCode).toBe(302);
    const cookie = [first.headers['set-cookie']].flat().find((c) => c?.startsWith('tradeloop.session_token='));
    expect(cookie).toBeDefined();
    const again = await openLink(ctx.app, link!);
    expect(again.statusCode).toBe(302);
    expect(again.headers.location).toBe('/email-verified?next=%2F');
    expect([again.headers['set-cookie']].flat().filter((c) => c?.startsWith('tradeloop.session_token='))).toEqual([]);
  });

  it('an expired link and a tampered one lead to the page with the reason; nothing is confirmed', async () => {
    const user = await signUp(ctx.app);
    const [link] = await verificationLinks(ctx, user.email);
    const tampered = link!.replace(tokenOf(link!), `${tokenOf(link!).slice(0, -4)}AAAA`);
    const bad = await openLink(ctx.app, tampered, user.cookie);
    expect(bad.statusCode).toBe(302);
    expect(bad.headers.location).toBe('/email-verified?next=%2F&error=INVALID_TOKEN');

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + (VERIFY_EMAIL_SECONDS + 60) * 1000);
    const late = await openLink(ctx.app, link!);
    expect(late.statusCode).toBe(302);
    expect(late.headers.location).toBe('/email-verified?next=%2F&error=TOKEN_EXPIRED');
    vi.useRealTimers();
    expect((await me(user)).readiness.emailVerified).toBe(false);
  });

  it('"send it again": a new link leading back to the given page; at most one a minute (429 with Retry-After)', async () => {
    const user = await signUp(ctx.app);
    const sent = await resend(user, { next: '/offers/ofr_x/accept' });
    expect(sent.statusCode, sent.body).toBe(202);
    const links = await verificationLinks(ctx, user.email);
    expect(links).toHaveLength(2);
    expect(links.map((l) => new URL(l).searchParams.get('callbackURL'))).toContain('/email-verified?next=%2Foffers%2Fofr_x%2Faccept');

    const again = await resend(user);
    expect(again.statusCode).toBe(429);
    const error = expectErrorShape(again.body, 'rate_limited');
    expect(error.code).toBe('rate_limited');
    expect(Number(again.headers['retry-after'])).toBe(error.details!.retryAfterSeconds);
    expect(error.details!.retryAfterSeconds).toBeGreaterThan(50);
    expect(await verificationLinks(ctx, user.email)).toHaveLength(2);

    ctx.securityClock.advance(61_000);
    expect((await resend(user)).statusCode).toBe(202);
    expect(await verificationLinks(ctx, user.email)).toHaveLength(3);
  });

  it('"send it again" refuses a confirmed address (409), anonymous callers (401), another site as next (400); better-auth\'s own resend is off', async () => {
    const user = await signUp(ctx.app);
    expect((await resend(user, { next: '//evil.example/x' })).statusCode).toBe(400);
    await confirmEmail(ctx, user);
    const done = await resend(user);
    expect(done.statusCode).toBe(409);
    expect(expectErrorShape(done.body, 'conflict')).toMatchObject({ code: 'conflict' });
    expect(JSON.parse(done.body).error.message).toMatch(/already confirmed/);
    const anonymous = await ctx.app.inject({ method: 'POST', url: '/api/me/verification-email', headers: { origin: 'http://localhost:3000' }, payload: {} });
    expect(anonymous.statusCode).toBe(401);
    const theirs = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/send-verification-email',
      headers: { origin: 'http://localhost:3000', 'content-type': 'application/json' },
      payload: { email: user.email },
    });
    expect(theirs.statusCode).toBe(404);
  });

  it('no link token reaches a log line', async () => {
    const user = await signUp(ctx.app);
    const [link] = await verificationLinks(ctx, user.email);
    await openLink(ctx.app, link!, user.cookie);
    expect(logText).toContain('/api/auth/verify-email?token=[redacted]');
    expect(logText).not.toContain(tokenOf(link!));
  });
});
