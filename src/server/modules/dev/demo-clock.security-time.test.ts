import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.ts';
import { freshOffer } from '../../../../test/journey.ts';
import { as, cookieHeader, signIn, signUp, TEST_ORIGIN, type TestUser } from '../../../../test/accounts.ts';

/**
 * Security time is the real clock; only product deadlines follow the demo clock. Moving the demo
 * clock (as the trade-in page's demo buttons do) must not end sessions or lift throttles.
 */
const ctx = useTestApp();
const DAY = 86_400_000;

const advance = (who: TestUser, advance: string) =>
  ctx.app.inject({ method: 'POST', url: '/api/dev/clock', headers: { ...as(who), origin: TEST_ORIGIN }, payload: { advance } });

describe('moving the demo clock leaves security time alone', () => {
  it('a session and a new sign-in both keep working after +7, +7, +7, +21 days; quotes take their deadlines from the demo clock', async () => {
    const seller = await signUp(ctx.app);
    const start = ctx.clock.now().getTime();
    for (const step of ['P7D', 'P7D', 'P7D', 'P21D']) {
      const moved = await advance(seller, step);
      expect(moved.statusCode, moved.body).toBe(200);
      const me = await ctx.app.inject({ url: '/api/me', headers: as(seller) });
      expect(me.statusCode, `after ${step}: ${me.body}`).toBe(200);
    }
    expect(ctx.clock.now().getTime() - start).toBe(42 * DAY);

    const again = await signIn(ctx.app, seller.email, seller.password);
    expect(again.statusCode, again.body).toBe(200);
    const me = await ctx.app.inject({ url: '/api/me', headers: { cookie: cookieHeader(again) } });
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json().user.email).toBe(seller.email);

    // Product time did move: a quote made now is dated 42 days ahead of the real clock.
    const { offerId } = await freshOffer(ctx.app, ctx.database.db);
    const offer = (await ctx.app.inject(`/api/offers/${offerId}`)).json().offer;
    expect(new Date(offer.createdAt).getTime()).toBe(ctx.clock.now().getTime());
    expect(new Date(offer.createdAt).getTime()).toBeGreaterThan(Date.now() + 41 * DAY);
  });

  it('the sign-in throttle survives a jump of the demo clock', async () => {
    const owner = await signUp(ctx.app);
    const mover = await signUp(ctx.app);
    const address = '198.51.100.23';
    let refused = false;
    for (let i = 0; i < 40 && !refused; i++) {
      const res = await signIn(ctx.app, owner.email, `not-the-password-${i}`, address);
      refused = res.statusCode === 429;
      if (!refused) expect(res.statusCode).toBe(401);
    }
    expect(refused).toBe(true);

    expect((await advance(mover, 'P21D')).statusCode).toBe(200);
    const after = await signIn(ctx.app, owner.email, owner.password, address);
    expect(after.statusCode, after.body).toBe(429);
    expect(Number(after.headers['retry-after'])).toBeGreaterThan(0);

    // The security clock, not the demo clock, ends the lockout.
    ctx.securityClock.advance(DAY);
    expect((await signIn(ctx.app, owner.email, owner.password, address)).statusCode).toBe(200);
  });
});
