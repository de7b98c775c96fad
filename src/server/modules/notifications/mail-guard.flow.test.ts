import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.ts';
import { accept, as, freshOffer, readySeller } from '../../../../test/journey.ts';
import { signUp, VALID_PROFILE } from '../../../../test/accounts.ts';

const ctx = useTestApp();

describe('the protected-data guard is on for every trade-in e-mail', () => {
  it("refuses the accepted e-mail when it would carry one of the seller's protected values, and sends the others' as usual", async () => {
    // The guard errs on the side of not sending: an SSN-4 equal to the year the e-mail shows
    // (the ship-by date) is a protected value in the text, so the message never goes out.
    const unlucky = await signUp(ctx.app);
    for (const [url, payload] of [
      ['/api/me/profile', VALID_PROFILE],
      ['/api/me/identity', { kind: 'ssn_last4', last4: String(ctx.clock.now().getUTCFullYear()) }],
    ] as const) {
      expect((await ctx.app.inject({ method: 'PUT', url, headers: as(unlucky), payload })).statusCode).toBe(200);
    }
    const usual = await readySeller(ctx.app);
    for (const seller of [unlucky, usual]) {
      const res = await accept(ctx.app, seller, (await freshOffer(ctx.app, ctx.database.db)).offerId);
      expect(res.statusCode, res.body).toBe(201);
    }

    const ran = await ctx.runtime.jobs.runDue();
    expect(ran.failed).toBe(1);
    const sentTo = (await ctx.runtime.mailer.listOutbox()).map((m) => m.to);
    expect(sentTo).toEqual([usual.email]);
  });
});
