import { GRADES, type Grade } from '../../../shared/grade.ts';
import {
  INCOMING_BUCKETS,
  type IncomingBucket,
  type TIncomingDetail,
  type TIncomingItem,
  type TIncomingPage,
} from '../../../shared/api/inspection.ts';
import type { Money } from '../../../shared/money.ts';
import type { TradeInStatus } from '../../../shared/trade-in-machine.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { findSellerFirstNameAndCity } from '../accounts/index.ts';
import { findAssessmentOfOffer } from '../offers/index.ts';
import { canInspect, type RefurbisherActor } from '../refurbishers/index.ts';
import { findTradeInDetail, listTradeInsForRefurbisher, type TradeInDetailRow } from '../trade-ins/index.ts';
import { ownLivePricesByGrade } from '../wishlist/index.ts';
import { afterDelivery } from './aftercare.service.ts';

/** Statuses a device can be inspected in: delivered, or back for a second look after a lock hold. */
export const INSPECTABLE: ReadonlySet<TradeInStatus> = new Set(['delivered', 'account_locked']);
const APPROVED: ReadonlySet<TradeInStatus> = new Set(['approved', 'payout_on_hold', 'paid']);

/** Which of the portal's lists a trade-in is in (null: no longer incoming). Overdue is judged by product time. */
export function bucketOf(t: Pick<TradeInDetailRow, 'status' | 'inspection_due_at'>, now: Date): IncomingBucket | null {
  switch (t.status) {
    case 'in_transit':
      return 'in_transit';
    case 'delivered':
      return t.inspection_due_at && now.getTime() > t.inspection_due_at.getTime() ? 'overdue' : 'to_inspect';
    case 'counteroffered':
    case 'account_locked':
      return 'awaiting_seller';
    case 'return_pending':
      return 'returns';
    default:
      return null;
  }
}

const INCOMING_STATUSES: TradeInStatus[] = ['in_transit', 'delivered', 'counteroffered', 'account_locked', 'return_pending'];
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function presentItem(t: TradeInDetailRow, bucket: IncomingBucket): TIncomingItem {
  return {
    id: t.id,
    status: t.status,
    bucket,
    device: { modelName: t.modelName, variantLabel: t.variantLabel, brand: t.brand, categoryId: t.categoryId },
    declaredGrade: t.grade,
    price: { amountMinor: t.price_minor, currency: t.currency.trim() },
    shippedAt: iso(t.shipped_at),
    deliveredAt: iso(t.delivered_at),
    inspectionDueAt: iso(t.inspection_due_at),
    // The messages module answers this; wired at merge.
    awaitingReply: false,
  };
}

export interface IncomingDeps {
  db: Executor;
  clock: Clock;
}

/** The organisation's incoming devices, in one bucket or all, with the count of every bucket. */
export async function listIncoming(deps: IncomingDeps, actor: RefurbisherActor, bucket: IncomingBucket | undefined): Promise<TIncomingPage> {
  const now = deps.clock.now();
  const rows = await listTradeInsForRefurbisher(deps.db, actor.refurbisherId, INCOMING_STATUSES);
  const counts = Object.fromEntries(INCOMING_BUCKETS.map((b) => [b, 0])) as Record<IncomingBucket, number>;
  const items: TIncomingItem[] = [];
  for (const t of rows) {
    const b = bucketOf(t, now);
    if (!b) continue;
    counts[b] += 1;
    if (!bucket || bucket === b) items.push(presentItem(t, b));
  }
  return { items, counts };
}

/** The trade-in of this refurbisher, or 404 (another organisation's trade-in is not theirs to know of). */
export async function ownTradeIn(db: Executor, actor: RefurbisherActor, id: string): Promise<TradeInDetailRow> {
  const t = await findTradeInDetail(db, id);
  if (!t || t.refurbisher_id !== actor.refurbisherId) throw notFound('Trade-in');
  return t;
}

export async function getIncoming(deps: IncomingDeps, actor: RefurbisherActor, id: string): Promise<TIncomingDetail> {
  const now = deps.clock.now();
  const t = await ownTradeIn(deps.db, actor, id);
  const currency = t.currency.trim();
  const seller = await findSellerFirstNameAndCity(deps.db, t.seller_id);
  const declared = await findAssessmentOfOffer(deps.db, t.offer_id);
  const after = await afterDelivery(deps.db, t);
  const own = await ownLivePricesByGrade(deps.db, { refurbisherId: t.refurbisher_id, variantId: t.variant_id, currency, now });
  const floorByGrade = Object.fromEntries(
    GRADES.map((g): [Grade, Money | null] => [g, own.has(g) ? { amountMinor: own.get(g)!, currency } : null]),
  ) as Record<Grade, Money | null>;
  const bucket = bucketOf(t, now);
  return {
    ...presentItem(t, bucket ?? 'in_transit'),
    bucket,
    variantId: t.variant_id,
    seller,
    declaredAnswers: declared?.answers ?? {},
    mandatoryAccessories: t.mandatoryAccessories,
    declaredIdentity: t.device_id_kind && t.device_id_value ? { kind: t.device_id_kind, value: t.device_id_value } : null,
    inspections: after.inspections,
    counteroffer: after.counteroffer,
    lockHold: after.lockHold,
    // Return shipments (shipping) and erasure certificates are joined in at merge.
    returnShipment: null,
    erasure: null,
    floorByGrade,
    can: {
      inspect: canInspect(actor) && INSPECTABLE.has(t.status),
      recordErasure: canInspect(actor) && APPROVED.has(t.status),
    },
  };
}
