import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.ts';
import { accept, acceptWithLabel, as, freshOffer, makeUser, newKey, readySeller } from '../../../../test/journey.ts';
import { ScriptedCarrier } from '../../../../test/faults.ts';

const carrier = new ScriptedCarrier();
// Two retries after the first attempt, at once (production waits 30 s, doubling).
const ctx = useTestApp({ carrier, carrierRetry: { retryLimit: 2, retryDelaySeconds: 0 } });

const getTradeIn = async (seller: Awaited<ReturnType<typeof readySeller>>, id: string) =>
  (await ctx.app.inject({ method: 'GET', url: `/api/trade-ins/${id}`, headers: as(seller) })).json();
const flagsFor = (tradeInId: string) => ctx.database.db.selectFrom('operator_flags').selectAll().where('trade_in_id', '=', tradeInId).execute();
const labelsOf = (tradeInId: string) => ctx.database.db.selectFrom('shipping_labels').select(['tracking_number', 'status']).where('trade_in_id', '=', tradeInId).execute();
async function acceptedMails(tradeInId: string) {
  const found = [];
  for (const m of await ctx.runtime.mailer.listOutbox()) {
    const full = await ctx.runtime.mailer.readOutboxMessage(m.id);
    if (full?.text.includes(tradeInId) && full.subject.includes('ship by')) found.push(full);
  }
  return found;
}

describe('issuing the label is a job', () => {
  it('a carrier that fails twice, then answers: retried, the label issued, then the accepted e-mail with it', async () => {
    const seller = await readySeller(ctx);
    const res = await accept(ctx.app, seller, (await freshOffer(ctx.app, ctx.database.db)).offerId);
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    expect(res.json().labelStatus).toBe('preparing');

    carrier.failIssues = 2;
    const before = carrier.issueCalls;
    const ran = await ctx.runtime.jobs.runDue();
    expect(carrier.issueCalls - before).toBe(3);
    expect(ran.failed).toBe(2);

    const t = await getTradeIn(seller, id);
    expect(t.labelStatus).toBe('ready');
    expect(t.shipping.trackingNumber).toMatch(/^1Z/);
    expect(await flagsFor(id)).toEqual([]);
    const mails = await acceptedMails(id);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(t.shipping.trackingNumber);
    expect(mails[0]!.attachments.map((a) => a.contentType)).toContain('application/pdf');
  });

  it('a carrier that keeps failing: retried, then flagged for an operator; the seller sees the delay and gets no label e-mail', async () => {
    const seller = await readySeller(ctx);
    const res = await accept(ctx.app, seller, (await freshOffer(ctx.app, ctx.database.db)).offerId);
    const id = res.json().id as string;

    carrier.failIssues = 100;
    const before = carrier.issueCalls;
    await ctx.runtime.jobs.runDue();
    carrier.failIssues = 0;
    expect(carrier.issueCalls - before).toBe(3);

    const flags = await flagsFor(id);
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ kind: 'label_issue_failed', cleared_at: null });
    expect(flags[0]!.details).toMatchObject({ attempts: 3, error: expect.stringContaining('503') });
    const t = await getTradeIn(seller, id);
    expect(t.labelStatus).toBe('delayed');
    expect(t.shipping).toBeNull();
    expect(await labelsOf(id)).toEqual([]);
    expect(await acceptedMails(id)).toEqual([]);
    // Operators find it in their list; sellers do not get to read it.
    const operator = await makeUser(ctx.app, ctx.database.db, 'operator');
    const listed = await ctx.app.inject({ method: 'GET', url: '/api/admin/flags?status=open&kind=label_issue_failed', headers: as(operator) });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().flags).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'label_issue_failed', tradeInId: id, status: 'open' })]));
    expect((await ctx.app.inject({ method: 'GET', url: '/api/admin/flags', headers: as(seller) })).statusCode).toBe(403);
  });

  it('a slow carrier: the accept answers without it, and no transaction waits on it', async () => {
    const seller = await readySeller(ctx);
    const before = carrier.issueCalls;
    const res = await accept(ctx.app, seller, (await freshOffer(ctx.app, ctx.database.db)).offerId);
    expect(res.statusCode, res.body).toBe(201);
    expect(carrier.issueCalls).toBe(before);
    const id = res.json().id as string;

    const entered = carrier.hold();
    const running = ctx.runtime.jobs.runDue();
    await entered;
    // The carrier is still answering. Reads and a status change of this very trade-in go
    // through: the job holds no transaction (on the embedded database one would stall them all).
    expect((await getTradeIn(seller, id)).labelStatus).toBe('preparing');
    const cancelled = await ctx.app.inject({ method: 'POST', url: `/api/trade-ins/${id}/cancel`, headers: { ...as(seller), 'idempotency-key': newKey() } });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');

    carrier.release();
    await running;
    // The label the carrier issued after the cancel is on file and voided with the carrier.
    const labels = await labelsOf(id);
    expect(labels).toHaveLength(1);
    expect(labels[0]!.status).toBe('voided');
    expect(carrier.voided).toContain(labels[0]!.tracking_number);
    expect(await acceptedMails(id)).toEqual([]);
  });
});

describe('voiding the label is a job', () => {
  it('after a cancel: a carrier that keeps failing is retried, then flagged; the label stays live on file meanwhile', async () => {
    const seller = await readySeller(ctx);
    const t = await acceptWithLabel(ctx, seller, (await freshOffer(ctx.app, ctx.database.db)).offerId);
    carrier.failVoids = 100;
    const res = await ctx.app.inject({ method: 'POST', url: `/api/trade-ins/${t.id}/cancel`, headers: { ...as(seller), 'idempotency-key': newKey() } });
    expect(res.statusCode, res.body).toBe(200);
    await ctx.runtime.jobs.runDue();
    carrier.failVoids = 0;

    const flags = await flagsFor(t.id);
    expect(flags.map((f) => [f.kind, f.cleared_at])).toEqual([['label_void_failed', null]]);
    expect((await labelsOf(t.id)).map((l) => l.status)).toEqual(['issued']);
    expect(carrier.voided).not.toContain(t.shipping!.trackingNumber);
  });

  it('after a cancel: the carrier voids it once and the label is void on file', async () => {
    const seller = await readySeller(ctx);
    const t = await acceptWithLabel(ctx, seller, (await freshOffer(ctx.app, ctx.database.db)).offerId);
    const res = await ctx.app.inject({ method: 'POST', url: `/api/trade-ins/${t.id}/cancel`, headers: { ...as(seller), 'idempotency-key': newKey() } });
    expect(res.statusCode, res.body).toBe(200);
    await ctx.runtime.jobs.runDue();
    await ctx.runtime.jobs.runDue();
    expect(carrier.voided.filter((n) => n === t.shipping!.trackingNumber)).toHaveLength(1);
    expect((await labelsOf(t.id)).map((l) => l.status)).toEqual(['voided']);
  });
});
