import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.ts';
import type { TestUser } from '../../../../test/accounts.ts';
import { acceptWithLabel, as, carrierEventBody, freshOffer, postCarrierEvent, readySeller } from '../../../../test/journey.ts';
import { nextStatus, RELEASES_UNIT, TRADE_IN_EVENTS, type TradeInEvent, type TradeInStatus } from '../../../shared/trade-in-machine.ts';
import { AppError } from '../../platform/errors.ts';
import { transition } from '../trade-ins/index.ts';

/**
 * The second half of a trade-in under any sequence of inspection and seller decisions (every
 * event of the machine, applied through `transition` as the inspection module applies them, with
 * the free return requested whenever one becomes owed), the carrier's scans of both labels
 * (replays included) and the deadline jobs: every status is one the machine allows from the one
 * before, and the wishlist unit goes back at most once — exactly when the trade-in ends returned.
 */
const ctx = useTestApp();
const MOVES_DEVICE = new Set(['picked_up', 'in_transit', 'out_for_delivery', 'delivered', 'returned_to_sender']);
const SCAN_TYPES = ['picked_up', 'in_transit', 'out_for_delivery', 'delivered', 'returned_to_sender', 'exception'] as const;

type Step =
  | { kind: 'decide'; event: TradeInEvent }
  | { kind: 'scan'; label: 'return' | 'inbound'; type: (typeof SCAN_TYPES)[number]; replay: boolean }
  | { kind: 'jobs'; hours: number };

/** The inspection's and the seller's decisions come up more often than the rest of the machine's events. */
const SECOND_HALF_EVENTS: TradeInEvent[] = [
  'approve',
  'counteroffer',
  'lock_hold',
  'refuse',
  'lapse_inspection',
  'accept_counteroffer',
  'reject_counteroffer',
  'expire_counteroffer',
  'lock_cleared',
  'lock_unresolved',
];
const arbEvent = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...SECOND_HALF_EVENTS) }, { weight: 1, arbitrary: fc.constantFrom(...TRADE_IN_EVENTS) });
const arbStep: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('decide' as const), event: arbEvent }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('scan' as const),
      label: fc.constantFrom('return' as const, 'return' as const, 'inbound' as const),
      type: fc.oneof({ weight: 2, arbitrary: fc.constantFrom('picked_up' as const, 'delivered' as const) }, { weight: 1, arbitrary: fc.constantFrom(...SCAN_TYPES) }),
      replay: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('jobs' as const), hours: fc.integer({ min: 1, max: 120 }) }) },
);

let seller: TestUser | undefined;
let run = 0;
/** How often the runs got somewhere interesting (printed, to see what the generator covers). */
const reachedByScan = { returned: 0 };
const finals = new Map<string, number>();

describe('any sequence of inspection, seller and carrier events after delivery', () => {
  it('leaves a status the machine allows and releases the wishlist unit at most once', async () => {
    seller ??= await readySeller(ctx);
    await fc.assert(
      fc.asyncProperty(fc.array(arbStep, { minLength: 4, maxLength: 20 }), async (steps) => {
        const r = run++;
        const db = ctx.database.db;
        const offer = await freshOffer(ctx.app, db, { quantity: 3 });
        const accepted = await acceptWithLabel(ctx, seller!, offer.offerId);
        const inboundTn = accepted.shipping!.trackingNumber;
        for (const type of ['picked_up', 'delivered']) {
          expect((await postCarrierEvent(ctx.app, carrierEventBody(inboundTn, type, ctx.clock.now()))).json()).toEqual({ outcome: 'applied' });
        }
        const status = async () => (await db.selectFrom('trade_ins').select('status').where('id', '=', accepted.id).executeTakeFirstOrThrow()).status;
        const units = async () => (await db.selectFrom('wishlist_entries').select('quantity_remaining').where('id', '=', offer.entry.id).executeTakeFirstOrThrow()).quantity_remaining;
        const unitsAtDelivery = await units();
        let seq = 0;
        const sentBodies: string[] = [];

        for (const step of steps) {
          const before: TradeInStatus = await status();
          if (step.kind === 'decide') {
            const to = nextStatus(before, step.event);
            try {
              await db.transaction().execute(async (trx) => {
                const moved = await transition(trx, accepted.id, { event: step.event, now: ctx.clock.now() });
                // As the inspection module does: a return owed is requested in the same transaction.
                if (moved.status === 'return_pending') await ctx.runtime.shipping.forInspection.requestReturn(trx, accepted.id, step.event);
              });
              expect(to, `${before} --${step.event}→ succeeded`).toBeDefined();
              expect(await status()).toBe(to);
            } catch (err) {
              if (!(err instanceof AppError)) throw err;
              expect(err.code).toBe('invalid_transition');
              expect(to, `${before} --${step.event}→ refused`).toBeUndefined();
              expect(await status()).toBe(before);
            }
          } else if (step.kind === 'scan') {
            // A return owed gets its label from the job a worker runs a moment later (no deadline moves: the clock stays).
            if (before === 'return_pending') await ctx.runtime.jobs.runDue();
            const label = await db
              .selectFrom('shipping_labels')
              .select('tracking_number')
              .where('trade_in_id', '=', accepted.id)
              .where('direction', '=', step.label)
              .where('status', '=', 'issued')
              .executeTakeFirst();
            if (!label) continue;
            const body =
              step.replay && sentBodies.length ? sentBodies[seq % sentBodies.length]! : carrierEventBody(label.tracking_number, step.type, ctx.clock.now(), `second-${r}-${seq}`);
            seq++;
            const res = await postCarrierEvent(ctx.app, body);
            expect(res.statusCode, res.body).toBe(200);
            const after = await status();
            const replayed = res.json().outcome === 'duplicate';
            const sent = JSON.parse(body) as { trackingNumber: string; type: string };
            const isReturn = sent.trackingNumber !== inboundTn;
            if (replayed || !isReturn) {
              // A replay, or a scan of the inbound label after delivery, moves nothing.
              expect(after).toBe(before);
            } else {
              let expected: TradeInStatus = before;
              if (MOVES_DEVICE.has(sent.type) && expected === 'return_pending') expected = 'returning';
              if (sent.type === 'delivered' && expected === 'returning') expected = 'returned';
              expect(after, `${before} + return ${sent.type}`).toBe(expected);
              if (expected === 'returned' && before !== 'returned') reachedByScan.returned++;
            }
            sentBodies.push(body);
          } else {
            ctx.clock.advance(step.hours * 3_600_000);
            await ctx.runtime.jobs.runDue();
            const after = await status();
            // Jobs move a trade-in only when its inspection deadline lapsed.
            if (after !== before) expect([before, after]).toEqual(['delivered', 'approved']);
          }
        }

        // The status history is a walk through the machine from awaiting_shipment.
        const history = await db
          .selectFrom('trade_in_events')
          .select(['from_status', 'to_status'])
          .where('trade_in_id', '=', accepted.id)
          .where('to_status', 'is not', null)
          .orderBy('seq')
          .execute();
        let at: TradeInStatus = 'awaiting_shipment';
        expect(history[0]).toEqual({ from_status: null, to_status: 'awaiting_shipment' });
        for (const s of history.slice(1)) {
          expect(s.from_status).toBe(at);
          expect(TRADE_IN_EVENTS.some((ev) => nextStatus(at, ev) === s.to_status), `${at} → ${s.to_status}`).toBe(true);
          at = s.to_status!;
        }
        const final = await status();
        expect(final).toBe(at);
        finals.set(final, (finals.get(final) ?? 0) + 1);
        // The unit: back once if the trade-in ended returned, otherwise still reserved.
        expect((await units()) - unitsAtDelivery).toBe(RELEASES_UNIT.has(final) ? 1 : 0);
        // One free return at most, and only for a trade-in that owed one.
        const returns = await db.selectFrom('return_shipments').select('trade_in_id').where('trade_in_id', '=', accepted.id).execute();
        expect(returns.length).toBe(history.some((s) => s.to_status === 'return_pending') ? 1 : 0);
      }),
      { numRuns: 30 },
    );
    console.info('second-half property: final statuses', Object.fromEntries(finals), 'returned by a return scan:', reachedByScan.returned);
  }, 600_000);
});
