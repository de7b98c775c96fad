import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedEvents, canApply, nextStatus, paymentStillAhead, reachableFrom, RELEASES_UNIT, STATUS_LABEL, TERMINAL, TRADE_IN_EVENTS, TRADE_IN_STATUSES, type TradeInStatus } from './trade-in-machine.ts';

describe('trade-in state machine', () => {
  it.each([
    ['awaiting_shipment', 'ship', 'in_transit'],
    ['awaiting_shipment', 'expire', 'expired'],
    ['awaiting_shipment', 'cancel', 'cancelled'],
    ['in_transit', 'deliver', 'delivered'],
    ['delivered', 'approve', 'approved'],
    ['delivered', 'counteroffer', 'counteroffered'],
    ['counteroffered', 'reject_counteroffer', 'return_pending'],
    ['counteroffered', 'expire_counteroffer', 'return_pending'],
    ['account_locked', 'lock_cleared', 'delivered'],
    ['delivered', 'lapse_inspection', 'approved'],
    ['approved', 'pay', 'paid'],
    ['return_pending', 'ship_return', 'returning'],
    ['returning', 'deliver_return', 'returned'],
  ] as const)('%s --%s--> %s', (from, event, to) => {
    expect(nextStatus(from, event)).toBe(to);
  });

  it.each([
    ['in_transit', 'cancel'], // no cancel after the first scan
    ['in_transit', 'expire'], // shipped in time: the 21-day window no longer applies
    ['delivered', 'ship'], // never moves back
    ['counteroffered', 'approve'], // no silent auto-accept: only the seller accepts a counteroffer
    ['paid', 'pay'], // never paid twice
    ['expired', 'ship'],
  ] as const)('refuses %s --%s-->', (from, event) => {
    expect(nextStatus(from, event)).toBeUndefined();
  });

  it('terminal statuses allow nothing, and release-unit statuses are terminal', () => {
    expect([...TERMINAL].sort()).toEqual(['cancelled', 'expired', 'returned']);
    for (const s of RELEASES_UNIT) expect(TERMINAL.has(s)).toBe(true);
  });

  it('every status is reachable from awaiting_shipment', () => {
    const seen = new Set<TradeInStatus>(['awaiting_shipment']);
    const queue: TradeInStatus[] = ['awaiting_shipment'];
    while (queue.length) {
      const s = queue.shift()!;
      for (const e of allowedEvents(s)) {
        const to = nextStatus(s, e)!;
        if (!seen.has(to)) (seen.add(to), queue.push(to));
      }
    }
    expect([...seen].sort()).toEqual([...TRADE_IN_STATUSES].sort());
    expect([...reachableFrom('awaiting_shipment')].sort()).toEqual([...TRADE_IN_STATUSES].sort());
  });

  it('only a trade-in waiting for its first scan can be cancelled', () => {
    expect(TRADE_IN_STATUSES.filter((s) => canApply(s, 'cancel'))).toEqual(['awaiting_shipment']);
  });

  it('a payment is still ahead until the trade-in is paid or on its way back', () => {
    expect(TRADE_IN_STATUSES.filter((s) => !paymentStillAhead(s)).sort()).toEqual(
      ['cancelled', 'expired', 'paid', 'return_pending', 'returned', 'returning'].sort(),
    );
  });

  it('every status has a label for the seller', () => {
    for (const s of TRADE_IN_STATUSES) expect(STATUS_LABEL[s]).toMatch(/\w/);
  });

  it('no sequence of events leaves a terminal status or pays twice', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TRADE_IN_EVENTS), { maxLength: 30 }), (events) => {
        let s: TradeInStatus = 'awaiting_shipment';
        let payments = 0;
        for (const e of events) {
          const to = nextStatus(s, e);
          if (!to) continue;
          if (TERMINAL.has(s)) return false;
          if (to === 'paid') payments++;
          s = to;
        }
        return payments <= 1;
      }),
    );
  });
});
