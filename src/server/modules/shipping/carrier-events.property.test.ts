import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.ts';
import type { TestUser } from '../../../../test/accounts.ts';
import { acceptWithLabel, as, freshOffer, newKey, postCarrierEvent, readySeller } from '../../../../test/journey.ts';
import { CARRIER_EVENT_TYPES, type CarrierEventType } from '../../../shared/carrier-events.ts';
import { addBusinessDaysToInstant } from '../../platform/business-days.ts';
import { nextStatus, TRADE_IN_EVENTS, type TradeInStatus } from '../../../shared/trade-in-machine.ts';

const ctx = useTestApp();
// Events are dated within 9 minutes either side of the label's creation: inside the bounds
// (10 minutes of carrier clock skew) without moving the clock, which would end the sessions.
const SECOND = 1000;
const WINDOW_SECONDS = 9 * 60;
const MOVES_DEVICE = new Set<CarrierEventType>(['picked_up', 'in_transit', 'out_for_delivery', 'delivered', 'returned_to_sender']);

interface GenEvent {
  type: CarrierEventType;
  second: number;
}
type Step = { kind: 'event'; i: number } | { kind: 'cancel' } | { kind: 'race'; i: number };

const arbEvent: fc.Arbitrary<GenEvent> = fc.record({
  type: fc.constantFrom(...CARRIER_EVENT_TYPES),
  second: fc.integer({ min: -WINDOW_SECONDS, max: WINDOW_SECONDS }),
});
const arbStep: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('event' as const), i: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('race' as const), i: fc.nat() }) },
);

let seller: TestUser | undefined;
let run = 0;

const post = (payload: string) => postCarrierEvent(ctx.app, payload);

describe('any order of carrier events, with replays and cancels racing them', () => {
  it('leaves a status the machine allows, milestones at the earliest event of their kind, every event stored once', async () => {
    seller ??= await readySeller(ctx);
    await fc.assert(
      fc.asyncProperty(fc.array(arbEvent, { minLength: 1, maxLength: 6 }), fc.array(arbStep, { minLength: 1, maxLength: 12 }), async (events, steps) => {
        const r = run++;
        const offer = await freshOffer(ctx.app, ctx.database.db, { quantity: 1 });
        const accepted = await acceptWithLabel(ctx, seller!, offer.offerId);
        const tradeInId = accepted.id;
        const tn = accepted.shipping!.trackingNumber;
        const t0 = ctx.clock.now().getTime();

        const bodies = events.map((e, i) =>
          JSON.stringify({ eventId: `prop-${r}-${i}`, trackingNumber: tn, type: e.type, occurredAt: new Date(t0 + e.second * SECOND).toISOString() }),
        );
        const sent = new Set<number>();
        let cancelled = false;
        const cancel = async () => {
          const res = await ctx.app.inject({ method: 'POST', url: `/api/trade-ins/${tradeInId}/cancel`, headers: { ...as(seller!), 'idempotency-key': newKey() } });
          expect([200, 409], res.body).toContain(res.statusCode);
          if (res.statusCode === 200) cancelled = true;
        };
        const send = async (i: number) => {
          const k = i % events.length;
          const res = await post(bodies[k]!);
          expect(res.statusCode, res.body).toBe(200);
          sent.add(k);
        };
        for (const step of steps) {
          if (step.kind === 'event') await send(step.i);
          else if (step.kind === 'cancel') await cancel();
          else await Promise.all([cancel(), send(step.i)]);
        }

        const db = ctx.database.db;
        const ids = [...sent].map((k) => `prop-${r}-${k}`);
        const timeOf = (k: number) => new Date(t0 + events[k]!.second * SECOND).getTime();
        const sentOf = (types: (t: CarrierEventType) => boolean) => [...sent].filter((k) => types(events[k]!.type));
        const earliest = (ks: number[]) => (ks.length ? new Date(Math.min(...ks.map(timeOf))).toISOString() : null);

        // Every event stored once, and decided.
        if (ids.length) {
          const rows = await db.selectFrom('carrier_events').select(['event_id', 'decided_at']).where('event_id', 'in', ids).execute();
          expect(rows.map((x) => x.event_id).sort()).toEqual([...ids].sort());
          expect(rows.every((x) => x.decided_at !== null)).toBe(true);
        }

        // The status history is a walk through the machine from awaiting_shipment.
        const steps_ = await db
          .selectFrom('trade_in_events')
          .select(['from_status', 'to_status'])
          .where('trade_in_id', '=', tradeInId)
          .where('to_status', 'is not', null)
          .orderBy('seq')
          .execute();
        let at: TradeInStatus = 'awaiting_shipment';
        expect(steps_[0]).toEqual({ from_status: null, to_status: 'awaiting_shipment' });
        for (const s of steps_.slice(1)) {
          expect(s.from_status).toBe(at);
          expect(TRADE_IN_EVENTS.some((ev) => nextStatus(at, ev) === s.to_status), `${at} → ${s.to_status}`).toBe(true);
          at = s.to_status!;
        }
        const view = (await ctx.app.inject({ method: 'GET', url: `/api/trade-ins/${tradeInId}`, headers: as(seller!) })).json();
        expect(view.status).toBe(at);
        const entered = new Set(steps_.map((s) => s.to_status));

        // Milestones: the earliest event time of their kind.
        const scans = sentOf((t) => MOVES_DEVICE.has(t));
        const flags = (await db.selectFrom('operator_flags').select(['kind', 'details']).where('trade_in_id', '=', tradeInId).execute()).map((f) => ({
          kind: f.kind,
          event_id: f.details['eventId'],
        }));
        if (cancelled) {
          expect(view.status).toBe('cancelled');
          expect(view.milestones.shippedAt).toBeNull();
          expect(flags.map((f) => f.event_id).sort()).toEqual(scans.map((k) => `prop-${r}-${k}`).sort());
          expect(flags.every((f) => f.kind === 'scan_after_cancel')).toBe(true);
        } else {
          expect(flags).toEqual([]);
          expect(view.milestones.shippedAt).toBe(earliest(scans));
          if (!scans.length) expect(view.status).toBe('awaiting_shipment');
        }
        const delivered = sentOf((t) => t === 'delivered');
        expect(view.milestones.deliveredAt).toBe(entered.has('delivered') ? earliest(delivered) : null);
        if (view.status === 'delivered') {
          expect(view.deadlines.inspectionDueAt).toBe(addBusinessDaysToInstant(new Date(view.milestones.deliveredAt), 2).toISOString());
        }
        if (entered.has('returned')) expect(view.milestones.returnedAt).toBe(earliest(sentOf((t) => t === 'returned_to_sender')));

        // The seller's timeline: event-time order, one row per step, each step at its milestone.
        const timeline = view.timeline as { type: string; status: string | null; occurredAt: string }[];
        const times = timeline.map((e) => e.occurredAt);
        expect(times).toEqual([...times].sort());
        const stepRows = (status: string) => timeline.filter((e) => e.status === status);
        expect(stepRows('in_transit').length).toBeLessThanOrEqual(1);
        expect(stepRows('delivered').length).toBeLessThanOrEqual(1);
        if (stepRows('in_transit')[0]) expect(stepRows('in_transit')[0]!.occurredAt).toBe(view.milestones.shippedAt);
        if (stepRows('delivered')[0]) expect(stepRows('delivered')[0]!.occurredAt).toBe(view.milestones.deliveredAt);
      }),
      { numRuns: 30 },
    );
  }, 300_000);
});
