import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.ts';
import { signUp, TEST_ORIGIN } from '../../../../test/accounts.ts';
import { accept, acceptWithLabel, as, freshOffer, makeUser, readySeller } from '../../../../test/journey.ts';
import { loadDemoClockOffset } from './demo-clock.repository.ts';

const ctx = useTestApp();

type MailSummary = { id: string; subject: string; to: string };

describe('demo tools', () => {
  it('POST /api/dev/clock moves the clock and refuses what is not an ISO duration', async () => {
    const user = await signUp(ctx.app);
    const before = ctx.clock.now().getTime();
    const offsetBefore = ctx.clock.offsetMs;
    const res = await ctx.app.inject({ method: 'POST', url: '/api/dev/clock', headers: as(user), payload: { advance: 'P1DT2H' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(new Date(res.json().now).getTime() - before).toBe(26 * 3_600_000);
    // A restart picks the offset up again (main.ts builds its clock from it).
    expect(await loadDemoClockOffset(ctx.database.db)).toBe(ctx.clock.offsetMs);
    expect(ctx.clock.offsetMs - offsetBefore).toBe(26 * 3_600_000);
    const bad = await ctx.app.inject({ method: 'POST', url: '/api/dev/clock', headers: as(user), payload: { advance: '3 days' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.advance).toBeTruthy();
  });

  it('carrier events go through the signed webhook for the seller’s own trade-in; the mailbox shows what was sent', async () => {
    const seller = await readySeller(ctx);
    const other = await readySeller(ctx);
    const t = await acceptWithLabel(ctx, seller, (await freshOffer(ctx.app, ctx.database.db)).offerId);
    const send = (who: typeof seller, type: string) =>
      ctx.app.inject({ method: 'POST', url: '/api/dev/carrier-events', headers: as(who), payload: { tradeInId: t.id, type } });
    expect((await send(other, 'picked_up')).statusCode).toBe(404);
    expect((await send(seller, 'picked_up')).json()).toMatchObject({ outcome: 'applied', trackingNumber: t.shipping!.trackingNumber });
    expect((await send(seller, 'delivered')).json().outcome).toBe('applied');
    const now = (await ctx.app.inject({ url: `/api/trade-ins/${t.id}`, headers: as(seller) })).json();
    expect(now.status).toBe('delivered');

    const box = (await ctx.app.inject({ url: '/api/dev/mailbox', headers: as(seller) })).json() as MailSummary[];
    const mine = box.filter((m) => m.to === seller.email);
    expect(mine.map((m) => m.subject).join('|')).toMatch(/arrived/);
    const msg = (await ctx.app.inject({ url: `/api/dev/mailbox/${mine[0]!.id}`, headers: as(seller) })).json();
    expect(msg.html).toContain('<');
    expect(msg.text.length).toBeGreaterThan(20);
  });

  it('the accepted e-mail shows its QR code inline and its label downloads; nobody else gets them', async () => {
    const seller = await readySeller(ctx);
    const other = await readySeller(ctx);
    await acceptWithLabel(ctx, seller, (await freshOffer(ctx.app, ctx.database.db)).offerId);
    const box = (await ctx.app.inject({ url: '/api/dev/mailbox', headers: as(seller) })).json() as MailSummary[];
    const accepted = box.find((m) => m.to === seller.email && /ship by/i.test(m.subject))!;
    const msg = (await ctx.app.inject({ url: `/api/dev/mailbox/${accepted.id}`, headers: as(seller) })).json();
    // The cid: link is resolved: the browser shows the image, not a broken one.
    expect(msg.html).not.toContain('cid:');
    expect(msg.html).toMatch(/<img src="data:image\/png;base64,[A-Za-z0-9+/=]{100,}"/);
    const label = msg.attachments.find((a: { contentType: string }) => a.contentType === 'application/pdf');
    expect(label).toMatchObject({ filename: expect.stringMatching(/^tradeloop-label-1Z[A-Z0-9]+\.pdf$/), inline: false });
    expect(msg.attachments.find((a: { contentType: string }) => a.contentType === 'image/png')).toMatchObject({ inline: true });
    const pdf = await ctx.app.inject({ url: label.url, headers: as(seller) });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="${label.filename}"`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.length).toBe(label.size);
    expect((await ctx.app.inject({ url: label.url, headers: as(other) })).statusCode).toBe(404);
    expect((await ctx.app.inject({ url: label.url })).statusCode).toBe(401);
    expect((await ctx.app.inject({ url: `/api/dev/mailbox/${accepted.id}/attachments/42`, headers: as(seller) })).statusCode).toBe(404);
  });
});

describe('the demo tools are for signed-in users, with the same cross-site check as every write', () => {
  const moveClock = (headers: Record<string, string>) =>
    ctx.app.inject({ method: 'POST', url: '/api/dev/clock', headers, payload: { advance: 'P7D' } });

  it('an anonymous caller cannot move the clock (401), whatever its Origin; nothing moves', async () => {
    const before = ctx.clock.offsetMs;
    const stored = await loadDemoClockOffset(ctx.database.db);
    for (const headers of [{}, { origin: 'https://evil.example' }, { origin: TEST_ORIGIN }] as Record<string, string>[]) {
      const res = await moveClock(headers);
      expect(res.statusCode, res.body).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
    }
    expect(ctx.clock.offsetMs).toBe(before);
    expect(await loadDemoClockOffset(ctx.database.db)).toBe(stored);
  });

  it('a signed-in user’s cookie sent from a foreign Origin (or none) is refused with 403; nothing moves', async () => {
    const user = await signUp(ctx.app);
    const before = ctx.clock.offsetMs;
    for (const headers of [{ cookie: user.cookie, origin: 'https://evil.example' }, { cookie: user.cookie }] as Record<string, string>[]) {
      const res = await moveClock(headers);
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    const carrier = await ctx.app.inject({
      method: 'POST',
      url: '/api/dev/carrier-events',
      headers: { cookie: user.cookie, origin: 'https://evil.example' },
      payload: { tradeInId: 'tin_x', type: 'picked_up' },
    });
    expect(carrier.statusCode).toBe(403);
    expect(ctx.clock.offsetMs).toBe(before);
  });

  it('the mailbox: anonymous 401; a seller sees only their own e-mail; an operator sees all', async () => {
    const ada = await readySeller(ctx);
    const bob = await readySeller(ctx);
    for (const seller of [ada, bob]) await accept(ctx.app, seller, (await freshOffer(ctx.app, ctx.database.db)).offerId);
    await ctx.runtime.jobs.runDue();

    const anonymous = await ctx.app.inject('/api/dev/mailbox');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('unauthenticated');

    const list = async (who: { cookie: string }) => {
      const res = await ctx.app.inject({ url: '/api/dev/mailbox', headers: as(who) });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as MailSummary[];
    };
    const adas = await list(ada);
    expect(adas.length).toBeGreaterThan(0);
    expect(new Set(adas.map((m) => m.to))).toEqual(new Set([ada.email]));
    const bobs = await list(bob);
    expect(new Set(bobs.map((m) => m.to))).toEqual(new Set([bob.email]));

    // Bob's message, asked for by id: anonymous 401, Ada 404 (as if it did not exist), Bob 200.
    const bobsId = bobs[0]!.id;
    expect((await ctx.app.inject(`/api/dev/mailbox/${bobsId}`)).statusCode).toBe(401);
    expect((await ctx.app.inject({ url: `/api/dev/mailbox/${bobsId}`, headers: as(ada) })).statusCode).toBe(404);
    expect((await ctx.app.inject({ url: `/api/dev/mailbox/${bobsId}`, headers: as(bob) })).statusCode).toBe(200);

    const operator = await makeUser(ctx.app, ctx.database.db, 'operator');
    const all = await list(operator);
    const recipients = new Set(all.map((m) => m.to));
    expect(recipients.has(ada.email) && recipients.has(bob.email)).toBe(true);
    expect(all.length).toBeGreaterThanOrEqual(adas.length + bobs.length);
    expect((await ctx.app.inject({ url: `/api/dev/mailbox/${bobsId}`, headers: as(operator) })).statusCode).toBe(200);
  });
});
