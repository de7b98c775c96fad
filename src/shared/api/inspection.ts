import { z } from 'zod';
import { ZGrade, ZMoney } from './common.ts';
import { TRADE_IN_STATUSES } from '../trade-in-machine.ts';

/**
 * The second half of a trade-in's life (docs/product.md §5): the refurbisher's incoming devices,
 * the inspection and its outcomes, the seller's answer to a counteroffer or a lock hold, and the
 * free return. Shared by the server's routes and the web app.
 */

// ── Evidence ────────────────────────────────────────────────────────────────────────────────

export const PHOTO_LIMITS = { maxCount: 8, maxBytes: 10 * 1024 * 1024 } as const;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** An uploaded photo; its bytes are served at `url` to the organisation, the seller and operators only. */
export const ZPhoto = z.object({
  id: z.string(),
  url: z.string(),
  contentType: z.enum(PHOTO_TYPES),
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
  uploadedAt: z.string(),
});
export type TPhoto = z.infer<typeof ZPhoto>;

/** A device's identity: an IMEI (15 digits, Luhn check digit) or a manufacturer's serial number. */
export const DEVICE_ID_KINDS = ['imei', 'serial'] as const;
export const ZDeviceIdentity = z.object({ kind: z.enum(DEVICE_ID_KINDS), value: z.string() });
export type TDeviceIdentity = z.infer<typeof ZDeviceIdentity>;

// ── The inspection (POST /api/refurbisher/trade-ins/:id/inspection) ─────────────────────────

export const INSPECTION_OUTCOMES = ['match', 'counteroffer', 'lock_hold', 'refused'] as const;
export type InspectionOutcome = (typeof INSPECTION_OUTCOMES)[number];

export const REFUSAL_REASONS = ['not_declared_device', 'counterfeit', 'blocklisted'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];
export const REFUSAL_REASON_LABEL: Record<RefusalReason, string> = {
  not_declared_device: 'Not the device that was declared',
  counterfeit: 'Counterfeit device',
  blocklisted: 'Reported lost or stolen (IMEI on the blocklist)',
};

/** One defect behind a counteroffer: the question whose answer differs, and why, in the inspector's words. */
export const ZDefect = z.object({
  /** A questionnaire question id, or `accessory:<name>` for a missing mandatory accessory. */
  subject: z.string().min(1).max(120),
  reason: z.string().trim().min(3).max(500),
});
export type TDefect = z.infer<typeof ZDefect>;

export const ZInspectionRequest = z
  .object({
    /** The questionnaire answered again on the device: questionId → optionId (graded by the same code as the quote). */
    answers: z.record(z.string(), z.string()),
    /** What the inspector read on the device; an IMEI must pass its Luhn check. */
    identity: ZDeviceIdentity.optional(),
    /** Every mandatory accessory of the variant, by name, present or not. */
    accessories: z.array(z.object({ name: z.string().max(200), present: z.boolean() })).max(20),
    stillLinked: z.boolean(),
    /** Set only to refuse the device (not the declared one, counterfeit, blocklisted). */
    refusal: z.enum(REFUSAL_REASONS).optional(),
    /** Photos uploaded beforehand (POST …/photos); at least one for any outcome other than a match. */
    photoIds: z.array(z.string().max(100)).max(PHOTO_LIMITS.maxCount).default([]),
    /** For a counteroffer: the price offered for the verified grade, and a reason per defect. */
    counteroffer: z.object({ price: ZMoney, defects: z.array(ZDefect).min(1).max(20) }).optional(),
    notes: z.string().max(2000).default(''),
  })
  .strict();
export type TInspectionRequest = z.input<typeof ZInspectionRequest>;

export const ZInspectionRecord = z.object({
  id: z.string(),
  outcome: z.enum(INSPECTION_OUTCOMES),
  verifiedGrade: ZGrade,
  declaredGrade: ZGrade,
  answers: z.record(z.string(), z.string()),
  identity: ZDeviceIdentity.nullable(),
  accessories: z.array(z.object({ name: z.string(), present: z.boolean() })),
  stillLinked: z.boolean(),
  refusal: z.enum(REFUSAL_REASONS).nullable(),
  notes: z.string(),
  photos: z.array(ZPhoto),
  inspectedAt: z.string(),
  inspectorName: z.string(),
});
export type TInspectionRecord = z.infer<typeof ZInspectionRecord>;

// ── Counteroffer, lock hold, return: what both sides see ─────────────────────────────────────

export const COUNTEROFFER_STATES = ['open', 'accepted', 'rejected', 'expired'] as const;
export const ZCounteroffer = z.object({
  id: z.string(),
  state: z.enum(COUNTEROFFER_STATES),
  declaredGrade: ZGrade,
  verifiedGrade: ZGrade,
  /** Declared and verified answer per question, as labels, for the side-by-side view. */
  comparison: z.array(z.object({ questionId: z.string(), question: z.string(), declared: z.string(), verified: z.string(), differs: z.boolean() })),
  defects: z.array(ZDefect.extend({ label: z.string() })),
  photos: z.array(ZPhoto),
  originalPrice: ZMoney,
  price: ZMoney,
  /** The best live wishlist price on the market for the verified grade when the counteroffer was made (null: no buyer). */
  marketBest: ZMoney.nullable(),
  createdAt: z.string(),
  /** The seller answers by then; unanswered, it expires into a free return (no silent acceptance). */
  dueAt: z.string(),
  answeredAt: z.string().nullable(),
});
export type TCounteroffer = z.infer<typeof ZCounteroffer>;

export const ZLockHold = z.object({
  startedAt: z.string(),
  dueAt: z.string(),
  /** When the seller said "I removed it" (the refurbisher checks again). */
  sellerClearedAt: z.string().nullable(),
});
export type TLockHold = z.infer<typeof ZLockHold>;

export const ZReturnShipment = z.object({
  reason: z.string(),
  /** The refurbisher ships it by then (first carrier scan), or operators are flagged. */
  shipBy: z.string(),
  trackingNumber: z.string().nullable(),
  /** The prepaid return label, for the refurbisher (null while the carrier issues it). */
  labelUrl: z.string().nullable(),
  shippedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});
export type TReturnShipment = z.infer<typeof ZReturnShipment>;

export const ERASURE_METHODS = ['nist_800_88_clear', 'nist_800_88_purge'] as const;
export const ERASURE_METHOD_LABEL: Record<(typeof ERASURE_METHODS)[number], string> = {
  nist_800_88_clear: 'NIST SP 800-88 Clear',
  nist_800_88_purge: 'NIST SP 800-88 Purge',
};
export const ZRecordErasure = z
  .object({
    method: z.enum(ERASURE_METHODS),
    tool: z.string().trim().min(2).max(120),
    /** yyyy-mm-dd, not in the future. */
    erasedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the date as yyyy-mm-dd'),
  })
  .strict();
export const ZErasureCertificate = z.object({
  code: z.string(),
  method: z.enum(ERASURE_METHODS),
  tool: z.string(),
  erasedOn: z.string(),
  erasedBy: z.string(),
  refurbisherName: z.string(),
  device: z.object({ modelName: z.string(), variantLabel: z.string() }),
  /** Masked except for its last 4 characters on the public verification page. */
  identity: ZDeviceIdentity.nullable(),
  issuedAt: z.string(),
  pdfUrl: z.string().nullable(),
});
export type TErasureCertificate = z.infer<typeof ZErasureCertificate>;

// ── The refurbisher's incoming devices ───────────────────────────────────────────────────────

export const INCOMING_BUCKETS = ['in_transit', 'to_inspect', 'overdue', 'awaiting_seller', 'returns'] as const;
export type IncomingBucket = (typeof INCOMING_BUCKETS)[number];
export const INCOMING_BUCKET_LABEL: Record<IncomingBucket, string> = {
  in_transit: 'In transit',
  to_inspect: 'To inspect',
  overdue: 'Overdue',
  awaiting_seller: 'Awaiting the seller',
  returns: 'Returns to ship',
};

export const ZIncomingItem = z.object({
  id: z.string(),
  status: z.enum(TRADE_IN_STATUSES),
  bucket: z.enum(INCOMING_BUCKETS),
  device: z.object({ modelName: z.string(), variantLabel: z.string(), brand: z.string(), categoryId: z.string() }),
  declaredGrade: ZGrade,
  price: ZMoney,
  shippedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  inspectionDueAt: z.string().nullable(),
  /** True when the seller wrote last and the refurbisher has not answered. */
  awaitingReply: z.boolean(),
});
export type TIncomingItem = z.infer<typeof ZIncomingItem>;

export const ZIncomingPage = z.object({
  items: z.array(ZIncomingItem),
  counts: z.record(z.enum(INCOMING_BUCKETS), z.number().int()),
});
export type TIncomingPage = z.infer<typeof ZIncomingPage>;

/** One trade-in as its refurbisher sees it: never a protected seller field, only first name and city. */
export const ZIncomingDetail = ZIncomingItem.extend({
  /** Null once the device is no longer incoming (awaiting shipment, approved, paid, returning, returned, closed). */
  bucket: z.enum(INCOMING_BUCKETS).nullable(),
  variantId: z.string(),
  seller: z.object({ firstName: z.string(), city: z.string() }),
  /** The seller's answers (questionId → optionId). */
  declaredAnswers: z.record(z.string(), z.string()),
  mandatoryAccessories: z.array(z.string()),
  declaredIdentity: ZDeviceIdentity.nullable(),
  inspections: z.array(ZInspectionRecord),
  counteroffer: ZCounteroffer.nullable(),
  lockHold: ZLockHold.nullable(),
  returnShipment: ZReturnShipment.nullable(),
  erasure: ZErasureCertificate.nullable(),
  /** This refurbisher's live wishlist price per grade for the variant: the counteroffer floor. */
  floorByGrade: z.record(ZGrade, ZMoney.nullable()),
  can: z.object({ inspect: z.boolean(), recordErasure: z.boolean() }),
});
export type TIncomingDetail = z.infer<typeof ZIncomingDetail>;

// ── The seller's side (GET /api/trade-ins/:id carries it as `aftercare`) ─────────────────────
// (trade-ins.ts imports this file, never the other way round: no import cycle between contracts.)

export const ZAftercare = z.object({
  latestInspection: ZInspectionRecord.omit({ notes: true, inspectorName: true }).nullable(),
  counteroffer: ZCounteroffer.nullable(),
  lockHold: ZLockHold.nullable(),
  returnShipment: ZReturnShipment.omit({ labelUrl: true }).nullable(),
  erasure: ZErasureCertificate.nullable(),
});
export type TAftercare = z.infer<typeof ZAftercare>;

/** The answer to a seller's counteroffer accept/reject or "I removed it": where the trade-in stands now. */
export const ZSellerAnswerResult = z.object({
  id: z.string(),
  status: z.enum(TRADE_IN_STATUSES),
  /** The price the seller will be paid (the counteroffer's once accepted). */
  price: ZMoney,
  aftercare: ZAftercare,
});
export type TSellerAnswerResult = z.infer<typeof ZSellerAnswerResult>;

// ── Messages between the seller and the refurbisher ──────────────────────────────────────────

export const MESSAGE_MAX_LENGTH = 2000;
export const ZPostMessage = z.object({ body: z.string().trim().min(1, 'Write a message').max(MESSAGE_MAX_LENGTH) }).strict();
export const ZMessage = z.object({
  id: z.string(),
  from: z.enum(['seller', 'refurbisher']),
  authorName: z.string(),
  body: z.string(),
  sentAt: z.string(),
});
export type TMessage = z.infer<typeof ZMessage>;
export const ZMessageThread = z.object({ messages: z.array(ZMessage) });

// ── Scorecards (docs/product.md §9) ──────────────────────────────────────────────────────────

export const ZScorecard = z.object({
  refurbisherId: z.string(),
  refurbisherName: z.string(),
  windowDays: z.number().int(),
  inspections: z.number().int(),
  /** Median hours from delivery to the first inspection; null without inspections. */
  medianInspectionHours: z.number().nullable(),
  /** 0..1; null without inspections. */
  onTimeShare: z.number().nullable(),
  counterofferRate: z.number().nullable(),
  /** Mean (original − counteroffer) / original over counteroffers, in percent. */
  averageDowngradePercent: z.number().nullable(),
  returnsOnTimeShare: z.number().nullable(),
  /** Weekly points for the portal's charts, oldest first. */
  weekly: z.array(z.object({ weekStart: z.string(), inspections: z.number().int(), onTimeShare: z.number().nullable(), counterofferRate: z.number().nullable() })),
});
export type TScorecard = z.infer<typeof ZScorecard>;
