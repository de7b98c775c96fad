import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { findVariants } from '../catalog/index.ts';
import { findRefurbisherDisplays } from '../refurbishers/index.ts';
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

/** The trade-in with what its pages show: device (the catalogue's), refurbisher (the refurbishers'), accessories. */
export type TradeInDetailRow = TradeInRow & {
  variantLabel: string;
  modelName: string;
  brand: string;
  categoryId: string;
  mandatoryAccessories: string[];
  refurbisherName: string;
};

/** Adds the device and refurbisher to trade-in rows: one batch question to each owner, however many rows. */
async function withDetails(db: Executor, rows: TradeInRow[]): Promise<TradeInDetailRow[]> {
  if (rows.length === 0) return [];
  // One after the other: `db` may be a transaction, which runs one statement at a time anyway.
  const variants = await findVariants(db, rows.map((t) => t.variant_id));
  const refurbishers = await findRefurbisherDisplays(db, rows.map((t) => t.refurbisher_id));
  return rows.map((t) => {
    const v = variants.get(t.variant_id);
    const r = refurbishers.get(t.refurbisher_id);
    // Foreign keys keep both; a miss is a broken database, not a page to render.
    if (!v || !r) throw new Error(`trade-in ${t.id}: its variant or refurbisher is missing`);
    return {
      ...t,
      variantLabel: v.label,
      modelName: v.modelName,
      brand: v.brand,
      categoryId: v.categoryId,
      mandatoryAccessories: v.mandatoryAccessories,
      refurbisherName: r.name,
    };
  });
}

export async function findTradeInDetail(db: Executor, id: string): Promise<TradeInDetailRow | undefined> {
  const row = await findTradeIn(db, id);
  return row ? (await withDetails(db, [row]))[0] : undefined;
}

export async function listTradeInsForSeller(db: Executor, sellerId: string): Promise<TradeInDetailRow[]> {
  const rows = await db
    .selectFrom('trade_ins')
    .selectAll()
    .where('seller_id', '=', sellerId)
    .orderBy('accepted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
  return withDetails(db, rows);
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

/** A refurbisher's trade-ins in the given statuses, oldest delivery first (its incoming devices). */
export async function listTradeInsForRefurbisher(db: Executor, refurbisherId: string, statuses: readonly TradeInStatus[]): Promise<TradeInDetailRow[]> {
  if (statuses.length === 0) return [];
  const rows = await db
    .selectFrom('trade_ins')
    .selectAll()
    .where('refurbisher_id', '=', refurbisherId)
    .where('status', 'in', statuses)
    .orderBy('inspection_due_at', (ob) => ob.asc().nullsLast())
    .orderBy('accepted_at', 'asc')
    .orderBy('id', 'asc')
    .limit(500)
    .execute();
  return withDetails(db, rows);
}

/**
 * The refurbisher's delivered trade-ins whose inspection deadline fell in [from, to): the
 * scorecard counts those never inspected as late (an automatic approval leaves no inspection).
 */
export async function listInspectionDeadlines(db: Executor, refurbisherId: string, from: Date, to: Date): Promise<{ id: string; inspectionDueAt: Date }[]> {
  const rows = await db
    .selectFrom('trade_ins')
    .select(['id', 'inspection_due_at'])
    .where('refurbisher_id', '=', refurbisherId)
    .where('delivered_at', 'is not', null)
    .where('inspection_due_at', '>=', from)
    .where('inspection_due_at', '<', to)
    .execute();
  return rows.map((r) => ({ id: r.id, inspectionDueAt: r.inspection_due_at! }));
}

/** The ids of a seller's trade-ins in one status (the payouts module's retries of those on hold after a returned payout). */
export async function tradeInIdsOfSeller(db: Executor, sellerId: string, status: TradeInStatus): Promise<string[]> {
  const rows = await db.selectFrom('trade_ins').select('id').where('seller_id', '=', sellerId).where('status', '=', status).orderBy('id').execute();
  return rows.map((r) => r.id);
}
