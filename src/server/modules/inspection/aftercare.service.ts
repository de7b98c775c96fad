import type { CategoryId } from '../../../shared/catalog-types.ts';
import type { TAftercare, TCounteroffer, TInspectionRecord, TLockHold } from '../../../shared/api/inspection.ts';
import type { Executor } from '../../platform/db/database.ts';
import { findAssessmentOfOffer } from '../offers/index.ts';
import { findTradeInDetail, type TradeInDetailRow } from '../trade-ins/index.ts';
import { forSeller, presentCounteroffer, presentInspection, presentLockHold } from './inspection.presenter.ts';
import { findLatestCounteroffer, findLatestLockHold, listInspections } from './inspection.repository.ts';
import { photosByInspection } from './photos.service.ts';

export interface AfterDelivery {
  inspections: TInspectionRecord[];
  counteroffer: TCounteroffer | null;
  lockHold: TLockHold | null;
}

/** Everything filed about a trade-in since delivery: inspections with their photos, the counteroffer, the lock hold. */
export async function afterDelivery(db: Executor, t: TradeInDetailRow): Promise<AfterDelivery> {
  const rows = await listInspections(db, t.id);
  if (rows.length === 0) return { inspections: [], counteroffer: null, lockHold: null };
  const photos = await photosByInspection(db, rows.map((r) => r.id));
  const co = await findLatestCounteroffer(db, t.id);
  let counteroffer: TCounteroffer | null = null;
  if (co) {
    const verified = rows.find((r) => r.id === co.inspection_id);
    const declared = (await findAssessmentOfOffer(db, t.offer_id))?.answers ?? {};
    counteroffer = presentCounteroffer(co, {
      category: t.categoryId as CategoryId,
      declaredAnswers: declared,
      verifiedAnswers: verified?.answers ?? {},
      photos: photos.get(co.inspection_id) ?? [],
    });
  }
  const hold = await findLatestLockHold(db, t.id);
  return {
    inspections: rows.map((r) => presentInspection(r, photos.get(r.id) ?? [])),
    counteroffer,
    lockHold: hold ? presentLockHold(hold) : null,
  };
}

/**
 * The seller's view of what happened after delivery (trade-ins' `TradeInAftercare` port): the
 * latest inspection without the inspector's notes or name, the counteroffer, the lock hold.
 * The return shipment and the erasure certificate belong to other modules and are joined in at
 * the composition root.
 */
export async function aftercareOf(db: Executor, tradeInId: string): Promise<TAftercare> {
  const t = await findTradeInDetail(db, tradeInId);
  const after = t ? await afterDelivery(db, t) : { inspections: [], counteroffer: null, lockHold: null };
  const latest = after.inspections.at(-1);
  return {
    latestInspection: latest ? forSeller(latest) : null,
    counteroffer: after.counteroffer,
    lockHold: after.lockHold,
    returnShipment: null,
    erasure: null,
  };
}
