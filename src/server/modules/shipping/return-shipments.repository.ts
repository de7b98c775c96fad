import type { Executor } from '../../platform/db/database.ts';

/** Records the free return owed for a trade-in; false if one was already recorded (the first stands). */
export async function insertReturnShipment(
  db: Executor,
  r: { tradeInId: string; refurbisherId: string; reason: string; shipBy: Date; now: Date },
): Promise<boolean> {
  const row = await db
    .insertInto('return_shipments')
    .values({ trade_in_id: r.tradeInId, refurbisher_id: r.refurbisherId, reason: r.reason, ship_by: r.shipBy, requested_at: r.now })
    .onConflict((oc) => oc.column('trade_in_id').doNothing())
    .returning('trade_in_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function findReturnShipment(db: Executor, tradeInId: string) {
  return db.selectFrom('return_shipments').selectAll().where('trade_in_id', '=', tradeInId).executeTakeFirst();
}

/** Marks the ship-by breach once: true only for the call that marked it. */
export async function markReturnFlagged(db: Executor, tradeInId: string, now: Date): Promise<boolean> {
  const row = await db
    .updateTable('return_shipments')
    .set({ flagged_at: now })
    .where('trade_in_id', '=', tradeInId)
    .where('flagged_at', 'is', null)
    .returning('trade_in_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Keeps the earliest scan time known for the return's first scan and its delivery (carriers report out of order). */
export async function recordReturnProgress(db: Executor, tradeInId: string, column: 'shipped_at' | 'delivered_at', at: Date): Promise<void> {
  await db
    .updateTable('return_shipments')
    .set({ [column]: at })
    .where('trade_in_id', '=', tradeInId)
    .where((eb) => eb.or([eb(column, 'is', null), eb(column, '>', at)]))
    .execute();
}

/**
 * The refurbisher's returns requested since `since` whose ship-by was decided (shipped, or
 * flagged as not shipped), and how many of them shipped by their date.
 */
export async function countReturnsShippedOnTime(db: Executor, refurbisherId: string, since: Date): Promise<{ total: number; onTime: number }> {
  const row = await db
    .selectFrom('return_shipments')
    .select((eb) => [
      eb.fn.countAll<string>().as('total'),
      eb.fn.count<string>('trade_in_id').filterWhere((w) => w.and([w('shipped_at', 'is not', null), w('shipped_at', '<=', w.ref('ship_by'))])).as('onTime'),
    ])
    .where('refurbisher_id', '=', refurbisherId)
    .where('requested_at', '>=', since)
    .where((eb) => eb.or([eb('shipped_at', 'is not', null), eb('flagged_at', 'is not', null)]))
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), onTime: Number(row.onTime) };
}
