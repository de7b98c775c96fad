import type { Executor } from '../../platform/db/database.ts';
import { findVariants } from '../catalog/index.ts';

/**
 * What a refurbisher's statement (the ledger module) reads of trade-ins: the device of each
 * approved trade-in, and the devices it shipped back to their sellers in a period.
 */

/** "Model (variant)" for each trade-in id, in one question per owner however many ids; unknown ids are absent. */
export async function findTradeInDevices(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('trade_ins').select(['id', 'variant_id']).where('id', 'in', unique).execute();
  const variants = await findVariants(db, rows.map((r) => r.variant_id));
  return new Map(
    rows.map((r) => {
      const v = variants.get(r.variant_id);
      return [r.id, v ? `${v.modelName} (${v.label})` : r.variant_id];
    }),
  );
}

/**
 * The refurbisher's free returns shipped with `from <= shipped < to`: the one timeline step
 * return_pending → returning of each trade-in (its time is the earliest scan of the return label).
 */
export async function listReturnsShipped(db: Executor, refurbisherId: string, period: { from: Date; to: Date }): Promise<{ tradeInId: string; device: string; shippedAt: Date }[]> {
  const rows = await db
    .selectFrom('trade_in_events as e')
    .innerJoin('trade_ins as t', 't.id', 'e.trade_in_id')
    .select(['t.id', 'e.occurred_at'])
    .where('t.refurbisher_id', '=', refurbisherId)
    .where('e.from_status', '=', 'return_pending')
    .where('e.to_status', '=', 'returning')
    .where('e.occurred_at', '>=', period.from)
    .where('e.occurred_at', '<', period.to)
    .orderBy('e.occurred_at')
    .orderBy('t.id')
    .execute();
  const devices = await findTradeInDevices(db, rows.map((r) => r.id));
  return rows.map((r) => ({ tradeInId: r.id, device: devices.get(r.id) ?? '', shippedAt: r.occurred_at }));
}
