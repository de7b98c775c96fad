import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import type { TradeInStatus } from '../../../shared/trade-in-machine.ts';
import type { TradeInsTable } from './trade-ins.tables.ts';

export async function insertTradeIn(db: Executor, row: Insertable<TradeInsTable>): Promise<void> {
  await db.insertInto('trade_ins').values(row).execute();
}

export async function findTradeInByOffer(db: Executor, offerId: string) {
  return db.selectFrom('trade_ins').selectAll().where('offer_id', '=', offerId).executeTakeFirst();
}

export async function findTradeIn(db: Executor, id: string) {
  return db.selectFrom('trade_ins').selectAll().where('id', '=', id).executeTakeFirst();
}

export type TradeInRow = NonNullable<Awaited<ReturnType<typeof findTradeIn>>>;

/**
 * The trade-in, locked until the transaction ends: work that decides from its status (a carrier
 * event) waits for a concurrent change (a cancel) and then sees it, instead of losing a
 * compare-and-set.
 */
export async function lockTradeIn(db: Executor, id: string) {
  return db.selectFrom('trade_ins').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The trade-in with what its pages show: device, refurbisher, accessories. */
export function detailQuery(db: Executor) {
  return db
    .selectFrom('trade_ins as t')
    .innerJoin('variants as v', 'v.id', 't.variant_id')
    .innerJoin('models as m', 'm.id', 'v.model_id')
    .innerJoin('refurbishers as r', 'r.id', 't.refurbisher_id')
    .selectAll('t')
    .select([
      'v.label as variantLabel',
      'm.name as modelName',
      'm.brand',
      'm.category_id as categoryId',
      'm.mandatory_accessories as mandatoryAccessories',
      'r.name as refurbisherName',
    ]);
}
export type TradeInDetailRow = NonNullable<Awaited<ReturnType<ReturnType<typeof detailQuery>['executeTakeFirst']>>>;

export async function findTradeInDetail(db: Executor, id: string) {
  return detailQuery(db).where('t.id', '=', id).executeTakeFirst();
}

export async function listTradeInsForSeller(db: Executor, sellerId: string) {
  return detailQuery(db).where('t.seller_id', '=', sellerId).orderBy('t.accepted_at', 'desc').orderBy('t.id', 'desc').limit(200).execute();
}

export async function listEvents(db: Executor, tradeInId: string) {
  return db
    .selectFrom('trade_in_events')
    .selectAll()
    .where('trade_in_id', '=', tradeInId)
    .orderBy('occurred_at')
    .orderBy('seq')
    .execute();
}

export async function insertEvent(
  db: Executor,
  e: { tradeInId: string; type: string; from: TradeInStatus | null; to: TradeInStatus | null; data?: Record<string, unknown>; occurredAt: Date; recordedAt: Date },
): Promise<string> {
  const id = newId('event', e.recordedAt.getTime());
  await db
    .insertInto('trade_in_events')
    .values({
      id,
      trade_in_id: e.tradeInId,
      type: e.type,
      from_status: e.from,
      to_status: e.to,
      data: JSON.stringify(e.data ?? {}),
      occurred_at: e.occurredAt,
      recorded_at: e.recordedAt,
    })
    .execute();
  return id;
}

/** Compare-and-set: moves the row only if it is still in `from`. Undefined means someone else moved it. */
export async function compareAndSetStatus(
  db: Executor,
  id: string,
  from: TradeInStatus,
  to: TradeInStatus,
  set: Updateable<TradeInsTable>,
) {
  return db
    .updateTable('trade_ins')
    .set({ ...set, status: to })
    .where('id', '=', id)
    .where('status', '=', from)
    .returningAll()
    .executeTakeFirst();
}
