import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.ts';
import type { TestUser } from '../../../../test/accounts.ts';
import { carrierEventBody, flawlessAnswers, postCarrierEvent, readySeller } from '../../../../test/journey.ts';
import { answersGraded, deliveredTradeIn, differingQuestions, inspect, inspectionBody, photoOf, sellerPost, type Delivered } from '../../../../test/inspection.ts';
import { nextStatus, RELEASES_UNIT, TRADE_IN_EVENTS, type TradeInStatus } from '../../../shared/trade-in-machine.ts';

/**
 * The property, through the real routes: any sequence of inspections (match,
 * counteroffer, lock hold, refusal), the seller's answers (accept, reject, "I removed it"),
 * carrier scans of both labels (replays included) and the deadline jobs (inspection lapse,
 * counteroffer expiry, lock hold lapse, return ship-by) leaves the trade-in in a status the
 * machine allows from the one before, and releases its wishlist unit at most once — exactly when
 * it ends returned.
 */
const ctx = useTestApp();
const MOVES_DEVICE = new Set(['picked_up', 'in_transit', 'out_for_delivery', 'delivered', 'returned_to_sender']);
const OUTCOMES = ['match', 'counteroffer', 'lock_hold', 'refused'] as const;
const ANSWERS = ['counteroffer/accept', 'counteroffer/reject', 'lock-removed'] as const;

type Step =
  | { kind: 'inspect'; outcome: (typeof OUTCOMES)[number] }
  | { kind: 'answer'; path: (typeof ANSWERS)[number] }
  | { kind: 'scan'; label: 'return' | 'inbound'; type: 'picked_up' | 'in_transit' | 'delivered' | 'returned_to_sender'; replay: boolean }
  | { kind: 'jobs'; hours: number };

const arbStep: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('inspect' as const), outcome: fc.constantFrom(...OUTCOMES) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('answer' as const), path: fc.constantFrom(...ANSWERS) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('scan' as const),
      label: fc.constantFrom('return' as const, 'return' as const, 'inbound' as const),
      type: fc.constantFrom('picked_up' as const, 'delivered' as const, 'delivered' as const, 'in_transit' as const, 'returned_to_sender' as const),
      replay: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('jobs' as const), hours: fc.integer({ min: 1, max: 200 }) }) },
);

/** What an inspection's outcome does from each status where one may be filed. */
const INSPECTED: Record<(typeof OUTCOMES)[number], TradeInStatus> = { match: 'approved', counteroffer: 'counteroffered', lock_hold: 'account_locked', refused: 'return_pending' };

let seller: TestUser | undefined;
let run = 0;
const finals = new Map<string, number>();

/** The photo is uploaded only where an inspection may be filed (elsewhere the status answers first: 409). */
async function bodyFor(d: Delivered, outcome: (typeof OUTCOMES)[number], inspectable: boolean) {
  if (outcome === 'match') return inspectionBody(d);
  const photoIds = [inspectable ? await photoOf(ctx, d) : 'pho_none'];
  if (outcome === 'lock_hold') return inspectionBody(d, { stillLinked: true, photoIds });
  if (outcome === 'refused') return inspectionBody(d, { refusal: 'counterfeit', photoIds });
  const answers = answersGraded('Good');
  return inspectionBody(d, {
    answers,
    photoIds,
    counteroffer: {
      price: { amountMinor: 600_000, currency: 'USD' },
      defects: differingQuestions(flawlessAnswers('smartphones'), answers).map((subject) => ({ subject, reason: 'Visible wear on the frame' })),
    },
  });
}

describe('any sequence of inspection, seller and carrier events (real routes and jobs)', () => {
  it('leaves a status the machine allows and releases the wishlist unit at most once', async () => {
    seller ??= await readySeller(ctx);
    await fc.assert(
      fc.asyncProperty(fc.array(arbStep, { minLength: 3, maxLength: 16 }), async (steps) => {
        const r = run++;
        const db = ctx.database.db;
        const d = await deliveredTradeIn(ctx, seller!);
        const row = await db.selectFrom('trade_ins').select('wishlist_entry_id').where('id', '=', d.id).executeTakeFirstOrThrow();
        const units = async () => (await db.selectFrom('wishlist_entries').select('quantity_remaining').where('id', '=', row.wishlist_entry_id).executeTakeFirstOrThrow()).quantity_remaining;
        const status = async () => (await db.selectFrom('trade_ins').select('status').where('id', '=', d.id).executeTakeFirstOrThrow()).status;
        const inboundTn = (await db.selectFrom('shipping_labels').select('tracking_number').where('trade_in_id', '=', d.id).where('direction', '=', 'inbound').executeTakeFirstOrThrow()).tracking_number;
        const unitsAtDelivery = await units();
        const sentBodies: string[] = [];
        let seq = 0;

        for (const step of steps) {
          const before: TradeInStatus = await status();
          if (step.kind === 'inspect') {
            const inspectable = before === 'delivered' || before === 'account_locked';
            const res = await inspect(ctx.app, d.inspector, d.id, await bodyFor(d, step.outcome, inspectable));
            if (inspectable) {
              expect(res.statusCode, `${before} inspect ${step.outcome}: ${res.body}`).toBe(200);
              expect(await status()).toBe(INSPECTED[step.outcome]);
            } else {
              expect(res.statusCode, `${before} inspect ${step.outcome}: ${res.body}`).toBe(409);
              expect(await status()).toBe(before);
            }
          } else if (step.kind === 'answer') {
            const res = await sellerPost(ctx.app, seller!, d.id, step.path);
            const allowed =
              (step.path === 'lock-removed' && before === 'account_locked') || (step.path !== 'lock-removed' && before === 'counteroffered');
            expect(res.statusCode, `${before} ${step.path}: ${res.body}`).toBe(allowed ? 200 : 409);
            const expected = !allowed || step.path === 'lock-removed' ? before : step.path === 'counteroffer/accept' ? 'approved' : 'return_pending';
            expect(await status()).toBe(expected);
          } else if (step.kind === 'scan') {
            // A return owed gets its label from the job a worker runs a moment later (the clock stays).
            if (before === 'return_pending') await ctx.runtime.jobs.runDue();
            const label = await db
              .selectFrom('shipping_labels')
              .select('tracking_number')
              .where('trade_in_id', '=', d.id)
              .where('direction', '=', step.label)
              .where('status', '=', 'issued')
              .executeTakeFirst();
            if (!label) continue;
            const body = step.replay && sentBodies.length ? sentBodies[seq % sentBodies.length]! : carrierEventBody(label.tracking_number, step.type, ctx.clock.now(), `journey-${r}-${seq}`);
            seq++;
            const res = await postCarrierEvent(ctx.app, body);
            expect(res.statusCode, res.body).toBe(200);
            const sent = JSON.parse(body) as { trackingNumber: string; type: string };
            let expected: TradeInStatus = before;
            if (res.json().outcome !== 'duplicate' && sent.trackingNumber !== inboundTn) {
              if (MOVES_DEVICE.has(sent.type) && expected === 'return_pending') expected = 'returning';
              if (sent.type === 'delivered' && expected === 'returning') expected = 'returned';
            }
            expect(await status(), `${before} + ${sent.trackingNumber === inboundTn ? 'inbound' : 'return'} ${sent.type}`).toBe(expected);
            sentBodies.push(body);
          } else {
            ctx.clock.advance(step.hours * 3_600_000);
            await ctx.runtime.jobs.runDue();
            const after = await status();
            // Jobs move a trade-in only at a deadline: the inspection lapsed, a counteroffer expired, a lock hold lapsed.
            const byDeadline: Partial<Record<TradeInStatus, TradeInStatus>> = { delivered: 'approved', counteroffered: 'return_pending', account_locked: 'return_pending' };
            if (after !== before) expect(after, `${before} after ${step.hours} h`).toBe(byDeadline[before]);
          }
        }

        // The status history is a walk through the machine from awaiting_shipment.
        const history = await db
          .selectFrom('trade_in_events')
          .select(['from_status', 'to_status'])
          .where('trade_in_id', '=', d.id)
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
        expect((await units()) - unitsAtDelivery).toBe(RELEASES_UNIT.has(final) ? 1 : 0);
        const returns = await db.selectFrom('return_shipments').select('trade_in_id').where('trade_in_id', '=', d.id).execute();
        expect(returns.length).toBe(history.some((s) => s.to_status === 'return_pending') ? 1 : 0);
      }),
      { numRuns: 25 },
    );
    console.info('inspection journey property: final statuses', Object.fromEntries(finals));
  }, 900_000);
});
