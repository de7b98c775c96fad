import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

/** A device's first inspection (a lock hold's re-check is not a second chance at the deadline). */
export interface FirstInspection {
  tradeInId: string;
  deliveredAt: Date;
  dueAt: Date;
  inspectedAt: Date;
  /** Whether the trade-in got a counteroffer (from this or a later inspection). */
  counteroffered: boolean;
}

/** The refurbisher's trade-ins first inspected in [since, until). */
export async function listFirstInspections(db: Executor, refurbisherId: string, since: Date, until: Date): Promise<FirstInspection[]> {
  const rows = await db
    .selectFrom('inspections as i')
    .select((eb) => [
      'i.trade_in_id as tradeInId',
      'i.delivered_at as deliveredAt',
      'i.due_at as dueAt',
      'i.created_at as inspectedAt',
      eb.exists(eb.selectFrom('counteroffers as c').select('c.id').whereRef('c.trade_in_id', '=', 'i.trade_in_id')).as('counteroffered'),
    ])
    .where('i.refurbisher_id', '=', refurbisherId)
    .where('i.created_at', '>=', since)
    .where('i.created_at', '<', until)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('inspections as e')
            .select('e.id')
            .whereRef('e.trade_in_id', '=', 'i.trade_in_id')
            .where(sql<boolean>`(e.created_at, e.id) < (i.created_at, i.id)`),
        ),
      ),
    )
    .execute();
  return rows.map((r) => ({ ...r, counteroffered: Boolean(r.counteroffered) }));
}

/** Of these trade-ins, the ones that have been inspected at all. */
export async function findInspectedTradeIns(db: Executor, tradeInIds: readonly string[]): Promise<Set<string>> {
  if (tradeInIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('inspections')
    .select('trade_in_id')
    .distinct()
    .where('trade_in_id', '=', sql<string>`any(${[...tradeInIds]}::text[])`)
    .execute();
  return new Set(rows.map((r) => r.trade_in_id));
}

/** The refurbisher's counteroffers made in [since, until): the original price and the price offered. */
export async function listCounteroffers(db: Executor, refurbisherId: string, since: Date, until: Date) {
  return db
    .selectFrom('counteroffers')
    .select(['original_price_minor as originalMinor', 'price_minor as priceMinor', 'created_at as createdAt'])
    .where('refurbisher_id', '=', refurbisherId)
    .where('created_at', '>=', since)
    .where('created_at', '<', until)
    .execute();
}
