import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.ts';
import { acceptWithLabel, as, carrierEventBody, freshOffer, newKey, postCarrierEvent, readySeller } from '../../../../test/journey.ts';
import { loadConfig } from '../../config.ts';
import { addBusinessDaysToInstant } from '../../platform/business-days.ts';
import { transition } from '../trade-ins/index.ts';
import type { TestUser } from '../../../../test/accounts.ts';
import { receiveCarrierEvent } from './carrier-events.service.ts';

const ctx = useTestApp();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let seq = 0;
const eventId = () => `evt-flow-${Date.now()}-${seq++}`;
const body = carrierEventBody;
const post = (payload: string) => postCarrierEvent(ctx.app, payload);

let seller: TestUser | undefined;
async function accepted() {
  seller ??= await readySeller(ctx);
  const offer = await freshOffer(ctx.app, ctx.database.db);
  const t = await acceptWithLabel(ctx, seller, offer.offerId);
  return { id: t.id, tn: t.shipping!.trackingNumber, shipBy: t.shipBy, entryId: offer.entry.id, acceptedAt: ctx.clock.now() };
}
const view = async (id: string) => (await ctx.app.inject({ method: 'GET', url: `/api/trade-ins/${id}`, headers: as(seller!) })).json();
const stored = (id: string) => ctx.database.db.selectFrom('carrier_events').selectAll().where('event_id', '=', id).execute();
const flagsOf = (tradeInId: string) =>
  ctx.database.db.selectFrom('operator_flags').selectAll().where('trade_in_id', '=', tradeInId).where('kind', 'in', ['scan_after_cancel', 'scan_after_expiry']).execute();
const cancel = (id: string) =>
  ctx.app.inject({ method: 'POST', url: `/api/trade-ins/${id}/cancel`, headers: { ...as(seller!), 'idempotency-key': newKey() } });
type Row = { type: string; occurredAt: string; status: string | null };

describe('a scan on a cancelled or expired trade-in', () => {
  it('is stored, answered 200 and flagged for an operator when it arrives after the cancel', async () => {
    const t = await accepted();
    expect((await cancel(t.id)).statusCode).toBe(200);
    const id = eventId();
    const res = await post(body(t.tn, 'picked_up', ctx.clock.now(), id));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ outcome: 'flagged' });
    expect(await stored(id)).toHaveLength(1);
    expect((await view(t.id)).status).toBe('cancelled');
    expect(await flagsOf(t.id)).toMatchObject([
      { kind: 'scan_after_cancel', details: { eventId: id, eventType: 'picked_up', trackingNumber: t.tn, tradeInStatus: 'cancelled' }, cleared_at: null },
    ]);
    // A replay neither stores nor flags it again.
    expect((await post(body(t.tn, 'picked_up', ctx.clock.now(), id))).json()).toEqual({ outcome: 'duplicate' });
    expect(await flagsOf(t.id)).toHaveLength(1);
  });

  it('waits for a cancel that is committing, then is stored and flagged instead of answering 409', async () => {
    const t = await accepted();
    const id = eventId();
    let answer: Promise<Awaited<ReturnType<typeof post>>> | undefined;
    // The seller's cancel, in flight: the trade-in row has changed but not committed when the scan comes in.
    await ctx.database.db.transaction().execute(async (trx) => {
      const now = ctx.clock.now();
      await transition(trx, t.id, { event: 'cancel', now, data: { by: 'seller' } });
      await ctx.runtime.shipping.forTradeIns.requestLabelVoid(trx, t.id);
      answer = post(body(t.tn, 'picked_up', now, id));
      if (ctx.database.kind !== 'pglite') await untilSomeoneWaitsForALock();
    });
    const res = await answer!;
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ outcome: 'flagged' });
    expect(await stored(id)).toMatchObject([{ outcome: 'flagged', trade_in_id: t.id }]);
    const after = await view(t.id);
    expect(after.status).toBe('cancelled');
    expect(after.milestones.shippedAt).toBeNull();
    expect(await flagsOf(t.id)).toMatchObject([{ kind: 'scan_after_cancel' }]);
  });

  it('is flagged as scan_after_expiry when the 21-day window had closed', async () => {
    const t = await accepted();
    ctx.clock.advance(new Date(t.shipBy).getTime() - ctx.clock.now().getTime());
    await ctx.runtime.jobs.runDue();
    expect((await view(t.id)).status).toBe('expired');
    const res = await post(body(t.tn, 'in_transit', ctx.clock.now()));
    expect(res.json()).toEqual({ outcome: 'flagged' });
    expect(await flagsOf(t.id)).toMatchObject([{ kind: 'scan_after_expiry', details: { tradeInStatus: 'expired' } }]);
  });
});

describe('event times', () => {
  it('refuses (400, not stored) an event dated far in the future or before its label, and sets no deadline from it', async () => {
    const t = await accepted();
    for (const occurredAt of [new Date('2099-01-01T12:00:00Z'), new Date('1999-06-01T12:00:00Z'), new Date(t.acceptedAt.getTime() - DAY)]) {
      const id = eventId();
      const res = await post(body(t.tn, 'delivered', occurredAt, id));
      expect(res.statusCode, occurredAt.toISOString()).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      expect(Object.keys(res.json().error.fields)).toEqual(['occurredAt']);
      expect(await stored(id)).toEqual([]);
    }
    const v = await view(t.id);
    expect(v.status).toBe('awaiting_shipment');
    expect(v.deadlines.inspectionDueAt).toBeNull();
    expect(v.timeline.map((e: Row) => e.type)).toEqual(['accepted']);
  });

  it('judges "the future" by the real clock too: 9 minutes ahead is accepted, 11 minutes is not', async () => {
    // The product clock is 2026-11-26 here; both bounds below are against the later of it and real time.
    const base = Math.max(ctx.securityClock.now().getTime(), ctx.clock.now().getTime());
    const t = await accepted();
    expect((await post(body(t.tn, 'picked_up', new Date(base + 11 * 60_000)))).statusCode).toBe(400);
    expect((await post(body(t.tn, 'picked_up', new Date(base + 9 * 60_000)))).statusCode).toBe(200);
  });

  it('the bound is configuration (CARRIER_EVENT_MAX_SKEW_SECONDS, default 600)', () => {
    expect(loadConfig({}, []).carrierEventMaxSkewSeconds).toBe(600);
    expect(loadConfig({ CARRIER_EVENT_MAX_SKEW_SECONDS: '60' }, []).carrierEventMaxSkewSeconds).toBe(60);
    expect(() => loadConfig({ CARRIER_EVENT_MAX_SKEW_SECONDS: 'soon' }, [])).toThrow(/CARRIER_EVENT_MAX_SKEW_SECONDS/);
  });
});

describe('milestones from events that arrive out of order', () => {
  it('delivered before the first scan, the real pick-up later: one pick-up, shippedAt the earliest, timeline in event-time order', async () => {
    const t = await accepted();
    const t0 = t.acceptedAt.getTime();
    ctx.clock.advance(4 * DAY);
    const pickedUp = new Date(t0 + 1 * DAY);
    const inTransit = new Date(t0 + 2 * DAY);
    const delivered = new Date(t0 + 3 * DAY);

    expect((await post(body(t.tn, 'delivered', delivered))).json()).toEqual({ outcome: 'applied' });
    let v = await view(t.id);
    expect(v.status).toBe('delivered');
    expect(v.milestones.shippedAt).toBe(delivered.toISOString());

    expect((await post(body(t.tn, 'picked_up', pickedUp))).json()).toEqual({ outcome: 'applied' });
    expect((await post(body(t.tn, 'in_transit', inTransit))).json()).toEqual({ outcome: 'recorded' });
    v = await view(t.id);
    expect(v.status).toBe('delivered');
    expect(v.milestones.shippedAt).toBe(pickedUp.toISOString());
    expect(v.milestones.deliveredAt).toBe(delivered.toISOString());
    expect(v.deadlines.inspectionDueAt).toBe(addBusinessDaysToInstant(delivered, 2).toISOString());
    expect(v.timeline.map((e: Row) => [e.type, e.occurredAt])).toEqual([
      ['accepted', t.acceptedAt.toISOString()],
      ['picked_up', pickedUp.toISOString()],
      ['in_transit', inTransit.toISOString()],
      ['delivered', delivered.toISOString()],
    ]);

    // A second delivery report, earlier than the first: the milestone and the deadline follow it; still one row.
    const earlierDelivery = new Date(t0 + 2.5 * DAY);
    expect((await post(body(t.tn, 'delivered', earlierDelivery))).json()).toEqual({ outcome: 'applied' });
    v = await view(t.id);
    expect(v.milestones.deliveredAt).toBe(earlierDelivery.toISOString());
    expect(v.deadlines.inspectionDueAt).toBe(addBusinessDaysToInstant(earlierDelivery, 2).toISOString());
    expect(v.timeline.filter((e: Row) => e.type === 'delivered')).toHaveLength(1);
    // A later report of a step already taken changes nothing.
    expect((await post(body(t.tn, 'picked_up', new Date(t0 + 1.5 * DAY)))).json()).toEqual({ outcome: 'recorded' });
    expect((await view(t.id)).timeline).toEqual(v.timeline);
  });

  it('a late, earlier event never moves the status back', async () => {
    const t = await accepted();
    const t0 = t.acceptedAt.getTime();
    ctx.clock.advance(3 * DAY);
    await post(body(t.tn, 'delivered', new Date(t0 + 2 * DAY)));
    for (const type of ['label_created', 'picked_up', 'in_transit', 'out_for_delivery', 'exception', 'returned_to_sender']) {
      const res = await post(body(t.tn, type, new Date(t0 + HOUR)));
      expect(res.statusCode).toBe(200);
      expect((await view(t.id)).status, type).toBe('delivered');
    }
    const v = await view(t.id);
    expect(v.milestones.shippedAt).toBe(new Date(t0 + HOUR).toISOString());
    expect(v.milestones.returnedAt).toBeNull();
    const times = v.timeline.map((e: Row) => e.occurredAt);
    expect(times).toEqual([...times].sort());
  });
});

describe('an event whose decision failed after it was stored', () => {
  it('is answered 200 pending, kept, and decided by the job', async () => {
    const t = await accepted();
    const id = eventId();
    ctx.clock.advance(HOUR);
    const failing = {
      db: ctx.database.db,
      clock: ctx.clock,
      realClock: ctx.securityClock,
      maxSkewSeconds: 600,
      enqueue: async (...args: Parameters<typeof ctx.runtime.jobs.enqueue>) => void (await ctx.runtime.jobs.enqueue(...args)),
      onDelivered: async () => {
        throw new Error('the database went away');
      },
      log: { error: () => undefined },
    };
    const outcome = await receiveCarrierEvent(failing, { eventId: id, trackingNumber: t.tn, type: 'delivered', occurredAt: ctx.clock.now().toISOString() });
    expect(outcome).toBe('pending');
    expect(await stored(id)).toMatchObject([{ outcome: 'pending', decided_at: null }]);
    expect((await view(t.id)).status).toBe('awaiting_shipment');

    ctx.clock.advance(2 * 60_000);
    await ctx.runtime.jobs.runDue();
    expect(await stored(id)).toMatchObject([{ outcome: 'applied' }]);
    expect((await view(t.id)).status).toBe('delivered');
    // The carrier's retry of the same event now finds it decided.
    expect((await post(body(t.tn, 'delivered', new Date(ctx.clock.now().getTime() - 2 * 60_000), id))).json()).toEqual({ outcome: 'duplicate' });
  });
});

/** On a server database: until the webhook's transaction is waiting for the cancel's row lock. */
async function untilSomeoneWaitsForALock(): Promise<void> {
  const until = Date.now() + 10_000;
  const other = ctx.database.pool;
  while (Date.now() < until) {
    const { rows } = await other.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
    );
    if (rows[0]!.n > 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the webhook never waited for the cancel');
}
