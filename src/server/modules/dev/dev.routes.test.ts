import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.ts';
import { accept, as, freshOffer, readySeller } from '../../../../test/journey.ts';
import { loadDemoClockOffset } from './demo-clock.repository.ts';

const ctx = useTestApp();

describe('demo tools', () => {
  it('POST /api/dev/clock moves the clock and refuses what is not an ISO duration', async () => {
    const before = ctx.clock.now().getTime();
    const res = await ctx.app.inject({ method: 'POST', url: '/api/dev/clock', payload: { advance: 'P1DT2H' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(new Date(res.json().now).getTime() - before).toBe(26 * 3_600_000);
    // A restart picks the offset up again (main.ts builds its clock from it).
    expect(await loadDemoClockOffset(ctx.database.db)).toBe(ctx.clock.offsetMs);
    expect(ctx.clock.offsetMs).toBeGreaterThanOrEqual(26 * 3_600_000);
    const bad = await ctx.app.inject({ method: 'POST', url: '/api/dev/clock', payload: { advance: '3 days' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.advance).toBeTruthy();
  });

  it('carrier events go through the signed webhook for the seller’s own trade-in; the mailbox shows what was sent', async () => {
    const seller = await readySeller(ctx.app);
    const other = await readySeller(ctx.app);
    const t = (await accept(ctx.app, seller, (await freshOffer(ctx.app, ctx.database.db)).offerId)).json();
    const send = (who: typeof seller, type: string) =>
      ctx.app.inject({ method: 'POST', url: '/api/dev/carrier-events', headers: as(who), payload: { tradeInId: t.id, type } });
    expect((await send(other, 'picked_up')).statusCode).toBe(404);
    expect((await send(seller, 'picked_up')).json()).toMatchObject({ outcome: 'applied', trackingNumber: t.shipping.trackingNumber });
    expect((await send(seller, 'delivered')).json().outcome).toBe('applied');
    const now = (await ctx.app.inject({ url: `/api/trade-ins/${t.id}`, headers: as(seller) })).json();
    expect(now.status).toBe('delivered');

    const box = (await ctx.app.inject('/api/dev/mailbox')).json() as { id: string; subject: string; to: string }[];
    const mine = box.filter((m) => m.to === seller.email);
    expect(mine.map((m) => m.subject).join('|')).toMatch(/arrived/);
    const msg = (await ctx.app.inject(`/api/dev/mailbox/${mine[0]!.id}`)).json();
    expect(msg.html).toContain('<');
    expect(msg.text.length).toBeGreaterThan(20);
  });
});
