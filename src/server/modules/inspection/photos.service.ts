import { PHOTO_LIMITS, type TPhoto } from '../../../shared/api/inspection.ts';
import type { TradeInStatus } from '../../../shared/trade-in-machine.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Executor } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { findTradeIn, lockTradeIn } from '../trade-ins/index.ts';
import { cleanPhoto } from './photo-image.ts';
import {
  countUnclaimedPhotos,
  insertPhoto,
  listPhotosOfInspections,
  lockUnclaimedPhotos,
  setPhotosInspection,
  type PhotoMetaRow,
} from './photos.repository.ts';

/** While the device is at the refurbisher and waits for an inspection (a first one, or a check after a lock hold). */
const INSPECTABLE: ReadonlySet<TradeInStatus> = new Set(['delivered', 'account_locked']);

export const photoUrl = (tradeInId: string, photoId: string) => `/api/trade-ins/${tradeInId}/photos/${photoId}`;

function present(row: PhotoMetaRow): TPhoto {
  return {
    id: row.id,
    url: photoUrl(row.trade_in_id, row.id),
    contentType: row.content_type,
    width: row.width,
    height: row.height,
    bytes: row.byte_size,
    uploadedAt: row.created_at.toISOString(),
  };
}

/** The refurbisher's trade-in, or 404: another organisation's trade-in does not exist for it. */
async function tradeInOf(db: Executor, tradeInId: string, refurbisherId: string) {
  const t = await findTradeIn(db, tradeInId);
  if (!t || t.refurbisher_id !== refurbisherId) throw new AppError('not_found', 'Trade-in not found');
  return t;
}

function mustBeInspectable(status: TradeInStatus): void {
  if (!INSPECTABLE.has(status)) throw new AppError('conflict', `Photos are taken while the device waits for its inspection; this trade-in is ${status.replaceAll('_', ' ')}`);
}

export async function uploadPhoto(
  deps: { database: Database; clock: Clock },
  input: { tradeInId: string; refurbisherId: string; uploadedBy: string; bytes: Buffer },
): Promise<TPhoto> {
  const db = deps.database.db;
  mustBeInspectable((await tradeInOf(db, input.tradeInId, input.refurbisherId)).status);
  // Decoding is the slow part: done before the transaction, which then only checks and stores.
  const photo = await cleanPhoto(input.bytes);
  return db.transaction().execute(async (trx) => {
    // The trade-in's row lock orders concurrent uploads, so the count below cannot be overtaken.
    const t = await lockTradeIn(trx, input.tradeInId);
    if (!t || t.refurbisher_id !== input.refurbisherId) throw new AppError('not_found', 'Trade-in not found');
    mustBeInspectable(t.status);
    if ((await countUnclaimedPhotos(trx, t.id, input.refurbisherId)) >= PHOTO_LIMITS.maxCount) {
      const message = `An inspection takes at most ${PHOTO_LIMITS.maxCount} photos`;
      throw new AppError('unprocessable', message, { fields: { photo: message } });
    }
    const now = deps.clock.now();
    const row = {
      id: newId('photo', now.getTime()),
      trade_in_id: t.id,
      refurbisher_id: input.refurbisherId,
      inspection_id: null,
      content_type: photo.contentType,
      width: photo.width,
      height: photo.height,
      byte_size: photo.data.length,
      data: photo.data,
      uploaded_by: input.uploadedBy,
      created_at: now,
    };
    await insertPhoto(trx, row);
    return present(row);
  });
}

/**
 * Ties uploaded photos to the inspection being filed, in its transaction. Every id must be a
 * photo of this trade-in and refurbisher that no inspection has claimed yet; otherwise nothing
 * is claimed (the caller's transaction rolls back) and the answer names `photoIds`.
 */
export async function claimPhotos(
  trx: Executor,
  input: { tradeInId: string; refurbisherId: string; inspectionId: string; photoIds: string[] },
): Promise<TPhoto[]> {
  const ids = [...new Set(input.photoIds)];
  const rows = await lockUnclaimedPhotos(trx, input.tradeInId, input.refurbisherId, ids);
  const found = new Map(rows.map((r) => [r.id, r]));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    const message = `Upload the photos for this trade-in first; not available: ${missing.slice(0, 5).join(', ')}`;
    throw new AppError('unprocessable', message, { fields: { photoIds: message } });
  }
  await setPhotosInspection(trx, ids, input.inspectionId);
  return ids.map((id) => present({ ...found.get(id)!, inspection_id: input.inspectionId }));
}

/** Each inspection's photos (without their bytes), oldest first; inspections without photos are absent. */
export async function photosByInspection(db: Executor, inspectionIds: string[]): Promise<Map<string, TPhoto[]>> {
  const byInspection = new Map<string, TPhoto[]>();
  for (const row of await listPhotosOfInspections(db, [...new Set(inspectionIds)])) {
    const list = byInspection.get(row.inspection_id!) ?? [];
    list.push(present(row));
    byInspection.set(row.inspection_id!, list);
  }
  return byInspection;
}
