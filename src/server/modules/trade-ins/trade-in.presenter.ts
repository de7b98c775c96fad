import type { TSellerPayout } from '../../../shared/api/payouts.ts';
import type { TTradeIn, TTradeInSummary } from '../../../shared/api/trade-ins.ts';
import { INSPECTION_GRACE_BUSINESS_DAYS, SHIP_WITHIN_DAYS } from '../../../shared/deadlines.ts';
import { addBusinessDaysToInstant } from '../../platform/business-days.ts';
import { canApply, STATUS_LABEL } from '../../../shared/trade-in-machine.ts';
import type { TAftercare } from '../../../shared/api/inspection.ts';
import { NO_AFTERCARE } from './aftercare.port.ts';
import type { TradeInLabel } from './shipping.port.ts';
import type { TradeInDetailRow } from './trade-ins.repository.ts';
import type { TradeInEventsTable } from './trade-ins.tables.ts';
import type { Selectable } from 'kysely';

const EVENT_TITLE: Record<string, string> = {
  accepted: 'Offer accepted',
  label_created: 'Shipping label created',
  ship: 'Picked up by the carrier',
  picked_up: 'Picked up by the carrier',
  in_transit: 'In transit',
  out_for_delivery: 'Out for delivery',
  deliver: 'Delivered to the refurbisher',
  delivered: 'Delivered to the refurbisher',
  exception: 'Carrier exception',
  return_to_sender: 'Returned to sender by the carrier',
  expire: `Expired: not shipped within ${SHIP_WITHIN_DAYS} days`,
  cancel: 'Cancelled',
  reminder: 'Shipping reminder sent',
  approve: 'Approved',
  counteroffer: 'Counteroffer received',
  accept_counteroffer: 'Counteroffer accepted',
  reject_counteroffer: 'Counteroffer rejected',
  expire_counteroffer: 'Counteroffer expired: the device comes back to you for free',
  counteroffer_reminder: 'Counteroffer reminder sent',
  lock_hold: 'On hold: remove your account from the device',
  lock_removed: 'You said the account is removed: the refurbisher checks again',
  lock_cleared: 'Account removed: checked again',
  lock_unresolved: 'Account not removed in time: the device comes back to you',
  refuse: 'Refused: the device comes back to you',
  pay: 'Payment sent',
  lapse_inspection: 'Approved automatically at the offer price: the inspection deadline lapsed',
  return_label_created: 'Return label created',
  return_shipped: 'Return shipped to you',
  return_in_transit: 'Return in transit',
  return_out_for_delivery: 'Return out for delivery',
  return_exception: 'Carrier exception on the return',
  return_returned_to_sender: 'Return sent back to the refurbisher by the carrier',
  return_delivered: 'Returned to you',
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentSummary(t: TradeInDetailRow): TTradeInSummary {
  return {
    id: t.id,
    status: t.status,
    statusLabel: STATUS_LABEL[t.status],
    device: { modelName: t.modelName, variantLabel: t.variantLabel, brand: t.brand, categoryId: t.categoryId },
    grade: t.grade,
    price: { amountMinor: t.price_minor, currency: t.currency.trim() },
    acceptedAt: t.accepted_at.toISOString(),
    shipBy: t.ship_by.toISOString(),
    offerId: t.offer_id,
  };
}

export function presentTradeIn(
  t: TradeInDetailRow,
  events: Selectable<TradeInEventsTable>[],
  extra: { payoutMethodComplete: boolean; label: TradeInLabel; aftercare?: TAftercare; payout?: TSellerPayout | null; now: Date },
): TTradeIn {
  return {
    ...presentSummary(t),
    refurbisher: { id: t.refurbisher_id, name: t.refurbisherName },
    mandatoryAccessories: t.mandatoryAccessories,
    deadlines: {
      shipBy: t.status === 'awaiting_shipment' ? t.ship_by.toISOString() : null,
      inspectionDueAt: iso(t.inspection_due_at),
      ...inspectionLateness(t, events, extra.now),
    },
    milestones: {
      shippedAt: iso(t.shipped_at),
      deliveredAt: iso(t.delivered_at),
      approvedAt: iso(t.approved_at),
      paidAt: iso(t.paid_at),
      expiredAt: iso(t.expired_at),
      cancelledAt: iso(t.cancelled_at),
      returnedAt: iso(t.returned_at),
    },
    payoutMethodComplete: extra.payoutMethodComplete,
    canCancel: canApply(t.status, 'cancel'),
    labelStatus: t.status === 'awaiting_shipment' ? extra.label.status : null,
    shipping:
      extra.label.status === 'ready' && t.status === 'awaiting_shipment'
        ? {
            carrier: extra.label.carrier,
            service: extra.label.service,
            trackingNumber: extra.label.trackingNumber,
            labelUrl: `/api/trade-ins/${t.id}/label.pdf`,
            qrUrl: `/api/trade-ins/${t.id}/qr.png`,
          }
        : null,
    timeline: events.map((e) => ({
      id: e.id,
      type: e.type,
      title: EVENT_TITLE[e.type] ?? e.type.replaceAll('_', ' '),
      status: e.to_status,
      occurredAt: e.occurred_at.toISOString(),
      data: e.data,
    })),
    aftercare: extra.aftercare ?? NO_AFTERCARE,
    payout: extra.payout ?? null,
  };
}

/**
 * Past the inspection deadline the page stops promising it: the inspection is late, and the
 * trade-in is approved at the offer price on the grace date if still not inspected (the
 * inspection module's lapse job). After a lock hold the device was inspected once already, so
 * that promise no longer holds and is not made.
 */
function inspectionLateness(t: TradeInDetailRow, events: Selectable<TradeInEventsTable>[], now: Date) {
  const late = t.status === 'delivered' && t.inspection_due_at !== null && now > t.inspection_due_at;
  const inspectedBefore = events.some((e) => e.to_status === 'account_locked');
  return {
    inspectionLate: late,
    autoApproveAt: late && !inspectedBefore ? addBusinessDaysToInstant(t.inspection_due_at!, INSPECTION_GRACE_BUSINESS_DAYS).toISOString() : null,
  };
}
