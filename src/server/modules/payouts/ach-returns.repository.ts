import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { AchReturnsTable, PayoutsTable } from './payouts.tables.ts';

/** The bank's returns and notifications of change, and the payouts they answer (docs/payouts/returns.md). */

export type PayoutRow = Selectable<PayoutsTable>;
export type AchReturnRow = Selectable<AchReturnsTable>;
export type AchReturnWithTradeIn = AchReturnRow & { trade_in_id: string };

/** The payouts that left in a batch (sent, or already returned) carrying these trace numbers. */
export async function findSentPayoutsByTrace(db: Executor, traces: readonly string[]): Promise<PayoutRow[]> {
  if (traces.length === 0) return [];
  return db
    .selectFrom('payouts')
    .selectAll()
    .where('trace_number', 'in', [...new Set(traces)])
    .where('status', 'in', ['sent', 'returned'])
    .orderBy('sent_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function findPayout(db: Executor, id: string): Promise<PayoutRow | undefined> {
  return db.selectFrom('payouts').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Records what the bank said, at most once (a return per payout, a notification of change per
 * payout and code: unique indexes). Undefined when it was already recorded (a re-uploaded file),
 * or when another request recording it at the same moment committed first.
 */
export async function insertAchReturn(trx: Executor, row: Insertable<AchReturnsTable>): Promise<AchReturnRow | undefined> {
  return trx
    .insertInto('ach_returns')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** The record that already stands for this payout's return (or this notification of change's code). */
export async function findRecorded(db: Executor, payoutId: string, kind: AchReturnRow['kind'], code: string): Promise<AchReturnRow | undefined> {
  let q = db.selectFrom('ach_returns').selectAll().where('payout_id', '=', payoutId).where('kind', '=', kind);
  if (kind === 'notification_of_change') q = q.where('code', '=', code);
  return q.executeTakeFirst();
}

/** sent → returned (compare-and-set): undefined when the payout was not `sent` any more. */
export async function markPayoutReturned(trx: Executor, payoutId: string, at: Date): Promise<PayoutRow | undefined> {
  return trx
    .updateTable('payouts')
    .set({ status: 'returned', returned_at: at })
    .where('id', '=', payoutId)
    .where('status', '=', 'sent')
    .returningAll()
    .executeTakeFirst();
}

/** Newest first, with the trade-in each answers; the total for paging. */
export async function listAchReturns(db: Executor, page: { limit: number; offset: number } | 'all'): Promise<{ rows: AchReturnWithTradeIn[]; total: number }> {
  let q = db
    .selectFrom('ach_returns as r')
    .innerJoin('payouts as p', 'p.id', 'r.payout_id')
    .selectAll('r')
    .select('p.trade_in_id')
    .orderBy('r.received_at', 'desc')
    .orderBy('r.id', 'desc');
  if (page !== 'all') q = q.limit(page.limit).offset(page.offset);
  const [rows, count] = await Promise.all([q.execute(), db.selectFrom('ach_returns').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()]);
  return { rows, total: Number(count.n) };
}

/** A seller's notifications of change that wait for their answer, oldest first. */
export async function openNoticesOfSeller(db: Executor, sellerId: string): Promise<AchReturnWithTradeIn[]> {
  return db
    .selectFrom('ach_returns as r')
    .innerJoin('payouts as p', 'p.id', 'r.payout_id')
    .selectAll('r')
    .select('p.trade_in_id')
    .where('p.seller_id', '=', sellerId)
    .where('r.kind', '=', 'notification_of_change')
    .where('r.resolved_at', 'is', null)
    .orderBy('r.received_at')
    .orderBy('r.id')
    .execute();
}

/** A notification of change with the seller its payout belongs to. */
export async function findNotice(db: Executor, id: string): Promise<(AchReturnRow & { seller_id: string }) | undefined> {
  return db
    .selectFrom('ach_returns as r')
    .innerJoin('payouts as p', 'p.id', 'r.payout_id')
    .selectAll('r')
    .select('p.seller_id')
    .where('r.id', '=', id)
    .where('r.kind', '=', 'notification_of_change')
    .executeTakeFirst();
}

/** Open → confirmed or dismissed (compare-and-set): undefined when it was already answered. */
export async function resolveNotice(trx: Executor, id: string, resolution: 'confirmed' | 'dismissed', at: Date): Promise<AchReturnRow | undefined> {
  return trx
    .updateTable('ach_returns')
    .set({ resolution, resolved_at: at })
    .where('id', '=', id)
    .where('kind', '=', 'notification_of_change')
    .where('resolved_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
