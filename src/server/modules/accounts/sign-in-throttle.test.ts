import { describe, expect, it } from 'vitest';
import { sessionCookieValue, signIn, signUp } from '../../../../test/accounts.ts';
import { useTestApp } from '../../../../test/app.ts';
import { addressBucket } from '../../platform/client-address.ts';
import { accountKey, pairDelayMs, pairKey, PAIR_THROTTLE, SIGN_IN_LIMITS } from './sign-in-limiter.ts';

const ctx = useTestApp();

/** Moves a pair's last attempt into the past, as if the delay had been waited out. */
async function waitOut(email: string, address: string, ms: number) {
  const key = pairKey(accountKey(email), address);
  const row = await ctx.database.db.selectFrom('sign_in_attempts').select('last_attempt_at').where('key', '=', key).executeTakeFirstOrThrow();
  await ctx.database.db
    .updateTable('sign_in_attempts')
    .set({ last_attempt_at: new Date(new Date(row.last_attempt_at!).getTime() - ms) })
    .where('key', '=', key)
    .execute();
}

describe('sign-in throttling', () => {
  it("a stranger's 50 wrong passwords from one address do not stop the owner signing in from another", async () => {
    const owner = await signUp(ctx.app);
    const stranger = '198.51.100.66';
    const codes: number[] = [];
    for (let i = 0; i < 50; i++) codes.push((await signIn(ctx.app, owner.email, `guess-number-${i}`, stranger)).statusCode);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(PAIR_THROTTLE.free + 1);
    expect(codes.slice(-40).every((c) => c === 429)).toBe(true);
    // Even the right password waits, from the stranger's address.
    expect((await signIn(ctx.app, owner.email, owner.password, stranger)).statusCode).toBe(429);

    const home = await signIn(ctx.app, owner.email, owner.password, '192.0.2.10');
    expect(home.statusCode, home.body).toBe(200);
    expect(sessionCookieValue(home)).toBeDefined();
  });

  it('slows one (account, address) down with delays that double, in the error shape with Retry-After', async () => {
    const user = await signUp(ctx.app);
    const address = '198.51.100.7';
    for (let i = 0; i < PAIR_THROTTLE.free; i++) expect((await signIn(ctx.app, user.email, 'wrong-password-1', address)).statusCode).toBe(401);

    const delays: number[] = [];
    for (let round = 0; round < 3; round++) {
      const refused = await signIn(ctx.app, user.email, 'wrong-password-2', address);
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('rate_limited');
      const retryAfter = Number(refused.headers['retry-after']);
      delays.push(retryAfter);
      await waitOut(user.email, address, retryAfter * 1000);
      expect((await signIn(ctx.app, user.email, 'wrong-password-3', address)).statusCode).toBe(401);
    }
    expect(delays).toEqual([1, 2, 3].map((n) => pairDelayMs(PAIR_THROTTLE.free + n - 1) / 1000));
    expect(delays[2]).toBe(delays[0]! * 4);

    // The right password after the wait signs in, and the pair starts afresh.
    await waitOut(user.email, address, PAIR_THROTTLE.maxDelayMs);
    expect((await signIn(ctx.app, user.email, user.password, address)).statusCode).toBe(200);
    for (let i = 0; i < PAIR_THROTTLE.free; i++) expect((await signIn(ctx.app, user.email, 'wrong-password-4', address)).statusCode).toBe(401);
  });

  it('keeps a per-account ceiling against guessing spread over many addresses', async () => {
    const user = await signUp(ctx.app);
    expect((await signIn(ctx.app, user.email, 'wrong-password-1', '203.0.113.199')).statusCode).toBe(401);
    // As if many addresses had each used their free attempts: the account's count is at its ceiling.
    await ctx.database.db
      .updateTable('sign_in_attempts')
      .set({ attempts: SIGN_IN_LIMITS.account.max })
      .where('key', '=', accountKey(user.email))
      .execute();
    const res = await signIn(ctx.app, user.email, user.password, '203.0.113.200');
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(SIGN_IN_LIMITS.account.max).toBeGreaterThanOrEqual(10 * SIGN_IN_LIMITS.address.max);
  });

  it('buckets IPv6 by /64 and IPv4-mapped addresses as IPv4', () => {
    expect(addressBucket('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
    expect(addressBucket('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(addressBucket('192.0.2.1')).toBe('192.0.2.1');
  });
});
