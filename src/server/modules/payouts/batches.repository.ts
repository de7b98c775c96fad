import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { PayoutBatchesTable } from './payouts.tables.ts';

/** The ACH batches and the payouts in them (docs/payouts/batches.md): plain queries, no rules. */

export type PayoutBatchRow = Selectable<PayoutBatchesTable>;

/** A `date` column arrives as a Date at local midnight (the driver's default): back to the 'YYYY-MM-DD' it was. */
function localDate(v: unknown): string {
  if (!(v instanceof Date)) return String(v);
  return `${v.getFullYear()}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}`;
}

function normalise(row: PayoutBatchRow): PayoutBatchRow;
function normalise(row: PayoutBatchRow | undefined): PayoutBatchRow | undefined;
function normalise(row: PayoutBatchRow | undefined): PayoutBatchRow | undefined {
  if (!row) return row;
  return { ...row, business_date: localDate(row.business_date), effective_date: localDate(row.effective_date), total_minor: Number(row.total_minor), entry_hash: Number(row.entry_hash) };
}

export type NewPayoutBatch = Omit<PayoutBatchRow, 'file_sha256' | 'file_written_at'>;

/** Inserts the window's batch row, or nothing when the window already has one (then undefined): the unique (business_date, window_name) decides between two operators. */
export async function insertBatchIfNew(trx: Executor, b: NewPayoutBatch): Promise<PayoutBatchRow | undefined> {
  return normalise(
    await trx
      .insertInto('payout_batches')
      .values({ ...b, file_sha256: null, file_written_at: null })
      .onConflict((oc) => oc.columns(['business_date', 'window_name']).doNothing())
      .returningAll()
      .executeTakeFirst(),
  );
}

export async function findBatch(db: Executor, id: string): Promise<PayoutBatchRow | undefined> {
  return normalise(await db.selectFrom('payout_batches').selectAll().where('id', '=', id).executeTakeFirst());
}

export async function findBatchOfWindow(db: Executor, businessDate: string, windowName: string): Promise<PayoutBatchRow | undefined> {
  return normalise(await db.selectFrom('payout_batches').selectAll().where('business_date', '=', businessDate).where('window_name', '=', windowName).executeTakeFirst());
}

export async function listBatches(db: Executor, page: { limit: number; offset: number } | null): Promise<{ rows: PayoutBatchRow[]; total: number }> {
  let q = db.selectFrom('payout_batches').selectAll().orderBy('cutoff_at', 'desc').orderBy('id', 'desc');
  if (page) q = q.limit(page.limit).offset(page.offset);
  const [rows, count] = await Promise.all([q.execute(), db.selectFrom('payout_batches').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()]);
  return { rows: rows.map((r) => normalise(r)), total: Number(count.n) };
}

/** A payout taken into a batch, as the chunk returns it. */
export interface TakenPayout {
  id: string;
  trade_in_id: string;
  seller_id: string;
  amount_minor: number;
  currency: string;
}

/**
 * Takes the next `limit` ready payouts (ready by the cutoff) in (ready_at, id) order, along the
 * ready index, into the batch: locks
 * them, numbers them from `seqBase + 1` (the trace number: the ODFI's 8-digit routing prefix and a
 * 7-digit sequence), marks them sent. A payout moved meanwhile by someone else is skipped (the
 * lock re-checks the status), so a payout lands in one batch only.
 */
/**
 * Batches are made one at a time (a transaction-scoped lock), so each numbers its entries after
 * every entry of the batches before it: a trace number is unique across files, not only within
 * one, and the bank's returns file (which may return entries of several days) names one payout.
 * Returns how many trace numbers earlier batches used.
 */
export async function lockBatchMaking(trx: Executor): Promise<number> {
  await sql`select pg_advisory_xact_lock(hashtext('payouts:batch-making'))`.execute(trx);
  const row = await trx.selectFrom('payout_batches').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('entry_count'), eb.lit(0)).as('used')).executeTakeFirstOrThrow();
  return Number(row.used);
}

/** The 7-digit sequence of a trace number: 1…9,999,999, then round again (the ODFI prefix and the date tell those apart). */
const TRACE_SEQUENCES = 9_999_999;

export async function takeReadyPayouts(
  trx: Executor,
  opts: { batchId: string; cutoffAt: Date; tracePrefix: string; seqBase: number; limit: number; now: Date },
): Promise<TakenPayout[]> {
  const { rows } = await sql<TakenPayout>`
    with picked as (
      select id, ready_at from payouts
       where status = 'ready' and ready_at <= ${opts.cutoffAt}
       order by ready_at, id
       limit ${opts.limit}
       for update
    ),
    numbered as (select id, row_number() over (order by ready_at, id) as rn from picked)
    update payouts p
       set status = 'sent', batch_id = ${opts.batchId}, sent_at = ${opts.now}::timestamptz,
           trace_number = ${opts.tracePrefix} || lpad(((${opts.seqBase}::bigint + n.rn - 1) % ${TRACE_SEQUENCES} + 1)::text, 7, '0')
      from numbered n
     where p.id = n.id
    returning p.id, p.trade_in_id, p.seller_id, p.amount_minor, trim(p.currency) as currency
  `.execute(trx);
  return rows;
}

export async function setBatchTotals(trx: Executor, id: string, t: { entryCount: number; totalMinor: number }): Promise<void> {
  await trx.updateTable('payout_batches').set({ entry_count: t.entryCount, total_minor: t.totalMinor }).where('id', '=', id).execute();
}

/** Records the written file once, with its entry hash (a second writer of the identical file finds it recorded). */
export async function recordBatchFile(db: Executor, id: string, f: { sha256: string; entryHash: number; at: Date }): Promise<void> {
  await db
    .updateTable('payout_batches')
    .set({ file_sha256: f.sha256, entry_hash: f.entryHash, file_written_at: f.at })
    .where('id', '=', id)
    .where('file_sha256', 'is', null)
    .execute();
}

/** A payout of a batch as its file entry needs it (still sealed). */
export interface BatchEntryRow {
  id: string;
  trade_in_id: string;
  amount_minor: number;
  routing_number_sealed: string;
  account_number_sealed: string;
  account_type: 'checking' | 'savings';
  holder_name: string | null;
  trace_number: string;
}

/** One keyset page of a batch's payouts in trace-number order (the file's order). */
export async function batchEntriesAfter(db: Executor, batchId: string, afterTrace: string, limit: number): Promise<BatchEntryRow[]> {
  const rows = await db
    .selectFrom('payouts')
    .select(['id', 'trade_in_id', 'amount_minor', 'routing_number_sealed', 'account_number_sealed', 'account_type', 'holder_name', 'trace_number'])
    .where('batch_id', '=', batchId)
    .where('trace_number', '>', afterTrace)
    .orderBy('trace_number')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, amount_minor: Number(r.amount_minor) })) as BatchEntryRow[];
}

/** One page of a batch's payouts in id order (the e-mail fan-out). */
export function batchPayoutsAfter(db: Executor, batchId: string, afterId: string, limit: number): Promise<{ id: string; trade_in_id: string }[]> {
  return db.selectFrom('payouts').select(['id', 'trade_in_id']).where('batch_id', '=', batchId).where('id', '>', afterId).orderBy('id').limit(limit).execute();
}
