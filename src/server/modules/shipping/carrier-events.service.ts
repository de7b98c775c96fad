import { z } from 'zod';
import { CARRIER_EVENT_TYPES } from '../../../shared/carrier-events.ts';
import { INSPECTION_BUSINESS_DAYS } from '../../../shared/deadlines.ts';
import { canApply } from '../../../shared/trade-in-machine.ts';
import type { Clock } from '../../platform/clock.ts';
import { addBusinessDaysToInstant } from '../../platform/business-days.ts';
import type { Db, Trx } from '../../platform/db/database.ts';
import { insertEvent } from '../trade-ins/index.ts';
import { findTradeIn, transition } from '../trade-ins/index.ts';
import { findLabelByTracking, insertCarrierEvent, setCarrierEventOutcome } from './labels.repository.ts';

export { CARRIER_EVENT_TYPES };

export const ZCarrierEvent = z.object({
  eventId: z.string().min(1).max(200),
  trackingNumber: z.string().min(1).max(64),
  type: z.enum(CARRIER_EVENT_TYPES),
  occurredAt: z.iso.datetime({ offset: true }),
});
export type TCarrierEvent = z.infer<typeof ZCarrierEvent>;

export interface CarrierEventDeps {
  db: Db;
  clock: Clock;
  /** Side effects of a delivery (e-mail, the inspection deadline), enqueued in the transaction. */
  onDelivered?: (trx: Trx, tradeInId: string, now: Date) => Promise<void>;
}

export type CarrierEventOutcome = 'duplicate' | 'unknown_tracking' | 'applied' | 'recorded' | 'inbound_label_voided';

/**
 * Applies one carrier scan. A repeated eventId is a no-op; a scan only ever moves a trade-in
 * forward (the machine has no backward edges), so an older scan arriving after a newer one
 * becomes a timeline entry and nothing else.
 */
export async function applyCarrierEvent(deps: CarrierEventDeps, e: TCarrierEvent): Promise<CarrierEventOutcome> {
  const now = deps.clock.now();
  const occurredAt = new Date(e.occurredAt);
  return deps.db.transaction().execute(async (trx) => {
    const label = await findLabelByTracking(trx, e.trackingNumber);
    const fresh = await insertCarrierEvent(trx, {
      eventId: e.eventId,
      trackingNumber: e.trackingNumber,
      type: e.type,
      occurredAt,
      receivedAt: now,
      tradeInId: label?.trade_in_id ?? null,
      outcome: label ? 'recorded' : 'unknown_tracking',
    });
    if (!fresh) return 'duplicate';
    if (!label) return 'unknown_tracking';

    const tradeIn = await findTradeIn(trx, label.trade_in_id);
    if (!tradeIn) return 'unknown_tracking';
    const data = { trackingNumber: e.trackingNumber, carrierEventId: e.eventId };
    let moved = false;

    if (label.direction === 'inbound' && label.status === 'issued') {
      const scanned = e.type === 'picked_up' || e.type === 'in_transit' || e.type === 'out_for_delivery' || e.type === 'delivered';
      if (scanned && canApply(tradeIn.status, 'ship')) {
        await transition(trx, tradeIn.id, { event: 'ship', timelineType: e.type === 'delivered' ? 'picked_up' : e.type, now, occurredAt, data });
        moved = true;
      }
      const current = moved ? await findTradeIn(trx, tradeIn.id) : tradeIn;
      if (e.type === 'delivered' && current && canApply(current.status, 'deliver')) {
        await transition(trx, tradeIn.id, {
          event: 'deliver',
          timelineType: 'delivered',
          now,
          occurredAt,
          data,
          set: { inspection_due_at: addBusinessDaysToInstant(occurredAt, INSPECTION_BUSINESS_DAYS) },
        });
        await deps.onDelivered?.(trx, tradeIn.id, now);
        moved = true;
      }
      if (e.type === 'returned_to_sender' && canApply(tradeIn.status, 'return_to_sender')) {
        await transition(trx, tradeIn.id, { event: 'return_to_sender', timelineType: 'returned_to_sender', now, occurredAt, data });
        moved = true;
      }
    }
    if (!moved) {
      await insertEvent(trx, { tradeInId: tradeIn.id, type: e.type, from: null, to: null, data, occurredAt, recordedAt: now });
    }
    const outcome: CarrierEventOutcome = label.status === 'voided' ? 'inbound_label_voided' : moved ? 'applied' : 'recorded';
    await setCarrierEventOutcome(trx, e.eventId, outcome);
    return outcome;
  });
}
