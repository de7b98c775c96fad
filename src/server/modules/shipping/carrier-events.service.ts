import { z } from 'zod';
import { CARRIER_EVENT_TYPES, type CarrierEventType } from '../../../shared/carrier-events.ts';
import { INSPECTION_BUSINESS_DAYS } from '../../../shared/deadlines.ts';
import { addBusinessDaysToInstant } from '../../platform/business-days.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Trx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { raiseOperatorFlag } from '../../platform/operator-flags.ts';
import { insertEvent, lockTradeIn, moveMilestoneEarlier, transition, type TradeInRow } from '../trade-ins/index.ts';
import {
  findCarrierEvent,
  findLabelByTracking,
  insertCarrierEvent,
  lockCarrierEvent,
  markCarrierEventDecided,
  type CarrierEventRow,
} from './labels.repository.ts';
import type { EnqueueFn, NotifyFn } from './ports.ts';
import { recordReturnProgress } from './return-shipments.repository.ts';

export { CARRIER_EVENT_TYPES };

export const ZCarrierEvent = z.object({
  eventId: z.string().min(1).max(200),
  trackingNumber: z.string().min(1).max(64),
  type: z.enum(CARRIER_EVENT_TYPES),
  occurredAt: z.iso.datetime({ offset: true }),
});
export type TCarrierEvent = z.infer<typeof ZCarrierEvent>;

/** Decides a stored event that its request did not (a crash or an error between storing and deciding). */
export const JOB_CARRIER_EVENT_DECIDE = 'carrier.decide';
// The request decides within milliseconds; the job looks a minute later and normally finds it done.
const DECIDE_BACKSTOP_DELAY_MS = 60_000;

/** Events that mean the device is with the carrier: the first one ships the trade-in. */
const MOVES_DEVICE: ReadonlySet<CarrierEventType> = new Set(['picked_up', 'in_transit', 'out_for_delivery', 'delivered', 'returned_to_sender']);
/** Events shown on the timeline as they come; the others are milestones with one row each. */
const TIMELINE_FACTS: ReadonlySet<CarrierEventType> = new Set(['label_created', 'in_transit', 'out_for_delivery', 'exception']);

export interface CarrierEventDeps {
  db: Db;
  /** Product time: when an event was received, milestones, deadlines. */
  clock: Clock;
  /** Security (real) time: how far in the future an event may be dated is judged against it too; it dates the flags scans raise. */
  realClock: Clock;
  /** How far a carrier's clock may differ from ours: the bound on future dates and on dates before the label. */
  maxSkewSeconds: number;
  enqueue: EnqueueFn;
  /** Side effects of a delivery (e-mail, the inspection deadline), enqueued in the transaction. */
  onDelivered?: (trx: Trx, tradeInId: string, now: Date) => Promise<void>;
  /** The seller's e-mails about the free return (shipped, delivered back), enqueued in the transaction. */
  notify?: NotifyFn;
  log?: { error(obj: object, msg: string): void };
}

export type CarrierEventOutcome = 'duplicate' | 'unknown_tracking' | 'applied' | 'recorded' | 'flagged' | 'pending';

/**
 * Receives one authenticated, well-formed carrier event: refuses one dated implausibly
 * (400, not stored: the carrier can correct and resend it under the same id), otherwise stores
 * it (a replayed id changes nothing) and only then decides what it does to the trade-in, in
 * its own transaction. A decision that fails leaves the event stored and pending for the job:
 * the carrier is still told 200, since a 4xx would make it drop or endlessly resend an event
 * that was received.
 */
export async function receiveCarrierEvent(deps: CarrierEventDeps, e: TCarrierEvent): Promise<CarrierEventOutcome> {
  const now = deps.clock.now();
  const occurredAt = new Date(e.occurredAt);
  const skewMs = deps.maxSkewSeconds * 1000;
  // The later of the two clocks: the demo clock runs ahead of the real one, and the demo's
  // carrier tools date their events by it.
  const latest = Math.max(deps.realClock.now().getTime(), now.getTime()) + skewMs;
  if (occurredAt.getTime() > latest) {
    throw new AppError('validation_failed', 'The event is dated in the future', {
      fields: { occurredAt: `is more than ${deps.maxSkewSeconds} s ahead of now` },
    });
  }
  const stored = await deps.db.transaction().execute(async (trx) => {
    const label = await findLabelByTracking(trx, e.trackingNumber);
    if (label && occurredAt.getTime() < label.created_at.getTime() - skewMs) {
      throw new AppError('validation_failed', 'The event is dated before its label was created', {
        fields: { occurredAt: `is before the label was created (${label.created_at.toISOString()})` },
      });
    }
    const fresh = await insertCarrierEvent(trx, {
      eventId: e.eventId,
      trackingNumber: e.trackingNumber,
      type: e.type,
      occurredAt,
      receivedAt: now,
      tradeInId: label?.trade_in_id ?? null,
      outcome: label ? 'pending' : 'unknown_tracking',
      decidedAt: label ? null : now,
    });
    if (fresh && label) {
      await deps.enqueue(trx, JOB_CARRIER_EVENT_DECIDE, { eventId: e.eventId }, {
        runAt: new Date(now.getTime() + DECIDE_BACKSTOP_DELAY_MS),
        singletonKey: e.eventId,
      });
    }
    return { fresh, label: !!label };
  });
  if (stored.fresh && !stored.label) return 'unknown_tracking';
  if (!stored.fresh) {
    const existing = await findCarrierEvent(deps.db, e.eventId);
    if (existing?.decided_at) return 'duplicate';
  }
  try {
    return await decideCarrierEvent(deps, e.eventId);
  } catch (err) {
    deps.log?.error({ err, eventId: e.eventId }, 'carrier event stored but not decided; the decide job will retry');
    return 'pending';
  }
}

/**
 * Decides a stored event once: what it does to its trade-in, in one transaction that also
 * marks it decided. The event row and then the trade-in row are locked, so a request and the
 * job deciding the same event, two events of one trade-in, or an event and the seller's cancel
 * take turns; whoever comes second sees what the first did. Returns the event's outcome.
 */
export type DecideDeps = Pick<CarrierEventDeps, 'db' | 'clock' | 'realClock' | 'onDelivered' | 'notify'>;

export async function decideCarrierEvent(deps: DecideDeps, eventId: string): Promise<CarrierEventOutcome> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const ev = await lockCarrierEvent(trx, eventId);
    if (!ev) throw new Error(`carrier event ${eventId} is not stored`);
    if (ev.decided_at) return ev.outcome as CarrierEventOutcome;
    const outcome = await decide(trx, deps, ev, now);
    await markCarrierEventDecided(trx, eventId, outcome, now);
    return outcome;
  });
}

async function decide(trx: Trx, deps: DecideDeps, ev: CarrierEventRow, now: Date): Promise<CarrierEventOutcome> {
  const label = await findLabelByTracking(trx, ev.tracking_number);
  if (!label) return 'unknown_tracking';
  const tradeIn = await lockTradeIn(trx, label.trade_in_id);
  if (!tradeIn) return 'unknown_tracking';
  const type = ev.type as CarrierEventType;
  const at = ev.occurred_at;
  const data = { trackingNumber: ev.tracking_number, carrierEventId: ev.event_id };
  const fact = () => insertEvent(trx, { tradeInId: tradeIn.id, type, from: null, to: null, data, occurredAt: at, recordedAt: now });

  if (label.direction === 'return') return decideReturnScan(trx, deps, tradeIn, ev, now);
  if (label.direction !== 'inbound') {
    await fact();
    return 'recorded';
  }
  if (tradeIn.status === 'cancelled' || tradeIn.status === 'expired') {
    // The device is moving although the trade-in is closed (the scan lost a race with the
    // cancel, or the seller shipped after the deadline): the machine has no way back, so a
    // person decides (return it, or reopen by hand).
    if (!MOVES_DEVICE.has(type)) return 'recorded';
    // One flag per event, however often the event is decided (request and job).
    await raiseOperatorFlag(trx, deps.realClock, {
      kind: tradeIn.status === 'cancelled' ? 'scan_after_cancel' : 'scan_after_expiry',
      dedupeKey: `carrier_event:${ev.event_id}`,
      tradeInId: tradeIn.id,
      details: {
        eventId: ev.event_id,
        eventType: ev.type,
        trackingNumber: ev.tracking_number,
        occurredAt: ev.occurred_at.toISOString(),
        tradeInStatus: tradeIn.status,
      },
    });
    return 'flagged';
  }

  let status = tradeIn.status;
  let changed = false;
  if (MOVES_DEVICE.has(type)) {
    // The first scan of any kind ships it; its one timeline row says "picked up" at the
    // earliest scan time known, and moves back when an earlier scan arrives late.
    const pickup = type === 'picked_up' ? data : { ...data, inferredFrom: type };
    if (status === 'awaiting_shipment') {
      await transition(trx, tradeIn.id, { event: 'ship', timelineType: 'picked_up', now, occurredAt: at, data: pickup });
      status = 'in_transit';
      changed = true;
    } else {
      changed = (await moveMilestoneEarlier(trx, tradeIn.id, { entered: 'in_transit', from: 'awaiting_shipment', at, now, data: pickup })) || changed;
    }
  }
  if (type === 'delivered') {
    const inspectionDueAt = addBusinessDaysToInstant(at, INSPECTION_BUSINESS_DAYS);
    if (status === 'in_transit') {
      await transition(trx, tradeIn.id, { event: 'deliver', timelineType: 'delivered', now, occurredAt: at, data, set: { inspection_due_at: inspectionDueAt } });
      await deps.onDelivered?.(trx, tradeIn.id, now);
      changed = true;
    } else {
      // The deadline follows the delivery time only while the inspection is still due.
      const set = status === 'delivered' ? { inspection_due_at: inspectionDueAt } : undefined;
      const moved = await moveMilestoneEarlier(trx, tradeIn.id, { entered: 'delivered', from: 'in_transit', at, now, data, ...(set ? { set } : {}) });
      // The deadline moved earlier: its jobs are scheduled again for the new time (the e-mail
      // of the delivery is sent once whatever happens; the old jobs find their effects done).
      if (moved && set) await deps.onDelivered?.(trx, tradeIn.id, now);
      changed = moved || changed;
    }
  }
  if (type === 'returned_to_sender') {
    if (status === 'in_transit') {
      await transition(trx, tradeIn.id, { event: 'return_to_sender', timelineType: 'returned_to_sender', now, occurredAt: at, data });
      changed = true;
    } else {
      changed = (await moveMilestoneEarlier(trx, tradeIn.id, { entered: 'returned', from: 'in_transit', at, now, data })) || changed;
    }
  }
  if (TIMELINE_FACTS.has(type)) await fact();
  return changed ? 'applied' : 'recorded';
}

/**
 * A scan of the free return's label: the first one ships the return, delivery brings it back to
 * the seller (returned: the wishlist unit goes back, once, in `transition`). The return's own row
 * keeps the earliest scan times (the scorecard's "shipped on time"); replays and older scans
 * change no status. Other scans are timeline facts, named as the return's.
 */
async function decideReturnScan(trx: Trx, deps: DecideDeps, tradeIn: TradeInRow, ev: CarrierEventRow, now: Date): Promise<CarrierEventOutcome> {
  const type = ev.type as CarrierEventType;
  const at = ev.occurred_at;
  const data = { trackingNumber: ev.tracking_number, carrierEventId: ev.event_id };
  let status = tradeIn.status;
  let changed = false;
  if (MOVES_DEVICE.has(type)) {
    await recordReturnProgress(trx, tradeIn.id, 'shipped_at', at);
    if (status === 'return_pending') {
      await transition(trx, tradeIn.id, { event: 'ship_return', timelineType: 'return_shipped', now, occurredAt: at, data });
      await deps.notify?.(trx, { template: 'return_shipped', tradeInId: tradeIn.id });
      status = 'returning';
      changed = true;
    }
  }
  if (type === 'delivered') {
    await recordReturnProgress(trx, tradeIn.id, 'delivered_at', at);
    if (status === 'returning') {
      await transition(trx, tradeIn.id, { event: 'deliver_return', timelineType: 'return_delivered', now, occurredAt: at, data });
      await deps.notify?.(trx, { template: 'return_delivered', tradeInId: tradeIn.id });
      changed = true;
    } else {
      changed = (await moveMilestoneEarlier(trx, tradeIn.id, { entered: 'returned', from: 'returning', at, now, data })) || changed;
    }
  }
  if (TIMELINE_FACTS.has(type) || type === 'returned_to_sender') {
    await insertEvent(trx, { tradeInId: tradeIn.id, type: `return_${type}`, from: null, to: null, data, occurredAt: at, recordedAt: now });
  }
  return changed ? 'applied' : 'recorded';
}
