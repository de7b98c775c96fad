import { z } from 'zod';
import { ZSellerPayout } from './payouts.ts';
import { TRADE_IN_STATUSES } from '../trade-in-machine.ts';
import { ZGrade, ZMoney } from './common.ts';
import { ZAftercare, ZDeviceIdentity } from './inspection.ts';

export const ZTradeInStatus = z.enum(TRADE_IN_STATUSES);
export type TTradeInStatus = z.infer<typeof ZTradeInStatus>;

export const ZTimelineEvent = z.object({
  id: z.string(),
  type: z.string(),
  title: z.string(),
  status: ZTradeInStatus.nullable(),
  occurredAt: z.string(),
  data: z.record(z.string(), z.unknown()),
});

export const ZTradeInSummary = z.object({
  id: z.string(),
  status: ZTradeInStatus,
  statusLabel: z.string(),
  device: z.object({ modelName: z.string(), variantLabel: z.string(), brand: z.string(), categoryId: z.string() }),
  grade: ZGrade,
  price: ZMoney,
  acceptedAt: z.string(),
  shipBy: z.string(),
  /** The offer it was made from (an accepted offer's page links here for its seller). */
  offerId: z.string(),
});
export type TTradeInSummary = z.infer<typeof ZTradeInSummary>;

export const LABEL_STATUSES = ['preparing', 'ready', 'delayed'] as const;

export const ZTradeIn = ZTradeInSummary.extend({
  refurbisher: z.object({ id: z.string(), name: z.string() }),
  mandatoryAccessories: z.array(z.string()),
  deadlines: z.object({
    shipBy: z.string().nullable(),
    inspectionDueAt: z.string().nullable(),
    /** Delivered, and the inspection due time has passed without one. */
    inspectionLate: z.boolean(),
    /** While late: when it is approved automatically at the offer price if still not inspected. */
    autoApproveAt: z.string().nullable(),
  }),
  milestones: z.object({
    shippedAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    approvedAt: z.string().nullable(),
    paidAt: z.string().nullable(),
    expiredAt: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    returnedAt: z.string().nullable(),
  }),
  /** False until the payout method is complete: docs/product.md §3, no payment is sent before. */
  payoutMethodComplete: z.boolean(),
  canCancel: z.boolean(),
  /**
   * The prepaid label while the device has to be shipped: 'preparing' for the moment after
   * accepting while the carrier issues it, 'ready' once it exists (then `shipping` is set),
   * 'delayed' if the carrier kept failing and an operator is on it. Null once shipped or closed.
   */
  labelStatus: z.enum(LABEL_STATUSES).nullable(),
  /** The live prepaid label, while the device still has to be shipped. */
  shipping: z
    .object({
      carrier: z.string(),
      service: z.string(),
      trackingNumber: z.string(),
      labelUrl: z.string(),
      qrUrl: z.string(),
    })
    .nullable(),
  timeline: z.array(ZTimelineEvent),
  /** After delivery: the inspection as the seller sees it, a counteroffer to answer, a lock hold, the free return. */
  aftercare: ZAftercare,
  /** After approval: the payout as the seller sees it (account masked, expected arrival dates); null before. */
  payout: ZSellerPayout.nullable(),
});
export type TTradeIn = z.infer<typeof ZTradeIn>;

/**
 * The accept body: optionally the device's IMEI (phones, cellular tablets and watches) or serial
 * number, checked by the server (Luhn check digit, the device's category, the blocklist: 422
 * `device_id_invalid` or `device_blocklisted`). Nothing else accepted (an unknown field is a 400).
 */
export const ZAcceptOffer = z
  .object({ deviceId: ZDeviceIdentity.extend({ value: z.string().max(64) }).strict().optional() })
  .strict()
  .optional();
export type TAcceptOffer = z.input<typeof ZAcceptOffer>;
