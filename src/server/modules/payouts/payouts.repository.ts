import { sql, type Insertable, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { PayoutsTable } from './payouts.tables.ts';

/** The payouts table, plain functions (docs/payouts/payouts.md). */
export type PayoutRow = Selectable<PayoutsTable>;

/** The sealed copy of the seller's bank details a ready payout carries. */
export interface CopiedDetails {
  routing_number_sealed: string;
  account_number_sealed: string;
  account_type: 'checking' | 'savings';
  holder_name: string;
  bank_account_hash: string;
}

/**
 * Serialises the payout work of one seller (an approval's startPayout and the save of their bank
 * details): whichever comes second sees what the first committed, so no payout stays waiting
 * for details the seller already gave.
 */
export async function lockSellerPayouts(trx: Executor, sellerId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`payouts:seller:${sellerId}`}))`.execute(trx);
}

/** Inserts a payout unless the trade-in already has a live one or this attempt (unique indexes): true if inserted. */
export async function insertPayout(trx: Executor, row: Insertable<PayoutsTable>): Promise<boolean> {
  const r = await trx.insertInto('payouts').values(row).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  return !!r;
}

export async function findPayout(db: Executor, id: string): Promise<PayoutRow | undefined> {
  return db.selectFrom('payouts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The trade-in's latest payout attempt (the live one, or the last returned one). */
export async function findLatestPayout(db: Executor, tradeInId: string): Promise<PayoutRow | undefined> {
  return db.selectFrom('payouts').selectAll().where('trade_in_id', '=', tradeInId).orderBy('attempt', 'desc').limit(1).executeTakeFirst();
}

export async function waitingPayoutsOfSeller(trx: Executor, sellerId: string): Promise<PayoutRow[]> {
  return trx.selectFrom('payouts').selectAll().where('seller_id', '=', sellerId).where('status', '=', 'waiting_for_details').orderBy('id').forUpdate().execute();
}

/** A waiting payout becomes ready with the details copied now; false if it was no longer waiting. */
export async function markReady(trx: Executor, id: string, details: CopiedDetails, now: Date): Promise<boolean> {
  const r = await trx
    .updateTable('payouts')
    .set({ ...details, status: 'ready', ready_at: now })
    .where('id', '=', id)
    .where('status', '=', 'waiting_for_details')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The batch a sent payout left with: its effective entry date. */
export async function findBatchDates(db: Executor, batchId: string): Promise<{ effective_date: string; cutoff_at: Date } | undefined> {
  return db
    .selectFrom('payout_batches')
    .select(['effective_date', 'cutoff_at'])
    .where('id', '=', batchId)
    .executeTakeFirst();
}

/** The bank's return of a payout, if any. */
export async function findReturnOf(db: Executor, payoutId: string): Promise<{ code: string; received_at: Date } | undefined> {
  return db.selectFrom('ach_returns').select(['code', 'received_at']).where('payout_id', '=', payoutId).where('kind', '=', 'return').executeTakeFirst();
}

/** Every payout with sealed details, in id order after `after` (key rotation). */
export async function sealedPayoutsAfter(trx: Executor, after: string, limit: number) {
  return trx
    .selectFrom('payouts')
    .select(['id', 'routing_number_sealed', 'account_number_sealed'])
    .where('id', '>', after)
    .where('routing_number_sealed', 'is not', null)
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .execute();
}

export async function sealedCorrectionsAfter(trx: Executor, after: string, limit: number) {
  return trx
    .selectFrom('ach_returns')
    .select(['id', 'corrected_data_sealed'])
    .where('id', '>', after)
    .where('corrected_data_sealed', 'is not', null)
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .execute();
}
