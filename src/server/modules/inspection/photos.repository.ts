import type { Insertable } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { InspectionPhotosTable } from './inspection.tables.ts';

/** Every column but the bytes: lists and claims never carry them. */
const META = ['id', 'trade_in_id', 'refurbisher_id', 'inspection_id', 'content_type', 'width', 'height', 'byte_size', 'created_at'] as const;

export async function insertPhoto(db: Executor, row: Insertable<InspectionPhotosTable>): Promise<void> {
  await db.insertInto('inspection_photos').values(row).execute();
}

/** Photos uploaded for the inspection in progress: not yet claimed by a filed inspection. */
export async function countUnclaimedPhotos(db: Executor, tradeInId: string, refurbisherId: string): Promise<number> {
  const row = await db
    .selectFrom('inspection_photos')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('trade_in_id', '=', tradeInId)
    .where('refurbisher_id', '=', refurbisherId)
    .where('inspection_id', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findPhotoWithData(db: Executor, tradeInId: string, photoId: string) {
  return db
    .selectFrom('inspection_photos')
    .select(['id', 'refurbisher_id', 'content_type', 'data'])
    .where('id', '=', photoId)
    .where('trade_in_id', '=', tradeInId)
    .executeTakeFirst();
}

/** The photos among `ids` still free to claim for this trade-in and refurbisher, locked against a concurrent claim. */
export async function lockUnclaimedPhotos(db: Executor, tradeInId: string, refurbisherId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('inspection_photos')
    .select(META)
    .where('id', 'in', ids)
    .where('trade_in_id', '=', tradeInId)
    .where('refurbisher_id', '=', refurbisherId)
    .where('inspection_id', 'is', null)
    .forUpdate()
    .execute();
}

export async function setPhotosInspection(db: Executor, ids: string[], inspectionId: string): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('inspection_photos').set({ inspection_id: inspectionId }).where('id', 'in', ids).where('inspection_id', 'is', null).execute();
}

export async function listPhotosOfInspections(db: Executor, inspectionIds: string[]) {
  if (inspectionIds.length === 0) return [];
  return db.selectFrom('inspection_photos').select(META).where('inspection_id', 'in', inspectionIds).orderBy('created_at').orderBy('id').execute();
}

export type PhotoMetaRow = Awaited<ReturnType<typeof listPhotosOfInspections>>[number];
