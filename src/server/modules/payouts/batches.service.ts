import type { AchConfig } from '../../config.ts';
import type { TCreatePayoutBatchResult, TPayoutBatch } from '../../../shared/api/payouts.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Keyring } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Jobs } from '../../platform/jobs/index.ts';
import { localDateOf } from '../../platform/business-days.ts';
import { postPayoutsSentInBulk } from '../ledger/index.ts';
import { markTradeInsPaid } from '../trade-ins/index.ts';
import { achWindows, nextWindow, type AchWindow } from './ach-calendar.ts';
import { writeBatchFile, type BatchFs } from './batch-file.ts';
import { findBatch, findBatchOfWindow, insertBatchIfNew, lockBatchMaking, recordBatchFile, setBatchTotals, takeReadyPayouts, type PayoutBatchRow } from './batches.repository.ts';

/** The job that fans a batch's "payment sent" e-mails out, a page at a time (one job per batch in its transaction, not one per payout). */
export const JOB_BATCH_MAILS = 'payouts.batch-mails';
export interface BatchMailsJob {
  batchId: string;
  /** The last payout id a previous page handled ('' for the first page). */
  after: string;
}

/** Payouts taken, posted and paid per statement group: memory does not grow with the batch. */
const CHUNK = 10_000;
/** A trace number's sequence has 7 digits. */
const MAX_ENTRIES = 9_999_999;

export interface BatchesDeps {
  db: Db;
  /** Product time: which window is due, the batch's dates, the file header's date and time. */
  clock: Clock;
  ach: AchConfig;
  /** Opens the payouts' sealed copied bank details for the file (and the entry hash). */
  keyring: Keyring;
  jobs: Pick<Jobs, 'enqueue'>;
  /** Tests: the file-system calls of the file writer. */
  fs?: BatchFs;
  /** Tests: runs after the file is in the outbound folder and before it is recorded (a crash there). */
  afterFileWritten?: (batch: PayoutBatchRow) => Promise<void>;
}

/** Which window a request means: a named one of today's, or the next one due (its cutoff now or later). */
export function resolveWindow(ach: AchConfig, now: Date, name?: string): AchWindow {
  if (!name) return nextWindow(ach, now);
  const today = localDateOf(now);
  const w = achWindows(ach, today).find((x) => x.name === name);
  if (!w) {
    const names = achWindows(ach, today).map((x) => x.name);
    throw new AppError('validation_failed', `There is no ACH window "${name}" today`, {
      fields: { window: names.length ? `Today's windows: ${names.join(', ')}` : 'Today is not a business day' },
    });
  }
  return w;
}

/** POST /api/admin/payout-batches and the scheduler: the window's batch, new or existing, with its file written. */
export async function createBatch(deps: BatchesDeps, input: { window?: string | undefined; by: string }): Promise<TCreatePayoutBatchResult> {
  return createBatchForWindow(deps, resolveWindow(deps.ach, deps.clock.now(), input.window), input.by);
}

function fileNameOf(w: AchWindow, modifier: string): string {
  return `ACH-${w.businessDate.replaceAll('-', '')}-${w.name}-${modifier}.ach`;
}

class NothingReady extends Error {}

/**
 * Closes one window (docs/payouts/batches.md). In one transaction: the batch row (unique per
 * business day and window, so a second caller waits for the first and gets its batch), every
 * ready payout with ready_at ≤ the cutoff in (ready_at, id) order, a chunk at a time (trace
 * numbers, sent, the sent ledger entries, the trade-ins paid), the totals and the job that
 * e-mails the sellers. Then, after the commit, the file (its entry hash, the sum of the sealed
 * routing prefixes, is recorded with it: nothing is decrypted inside the transaction).
 * Nothing ready: no batch, and the reason.
 */
export async function createBatchForWindow(deps: BatchesDeps, w: AchWindow, by: string): Promise<TCreatePayoutBatchResult> {
  const { db, clock, ach } = deps;
  const now = clock.now();
  const modifier = w.fileIdModifier;
  const tracePrefix = ach.odfiRouting.slice(0, 8);
  let created: PayoutBatchRow | undefined;
  let existing: PayoutBatchRow | undefined;
  try {
    await db.transaction().execute(async (trx) => {
      const tracesUsed = await lockBatchMaking(trx);
      const row = await insertBatchIfNew(trx, {
        id: newId('payoutBatch', now.getTime()),
        business_date: w.businessDate,
        window_name: w.name,
        same_day: w.sameDay,
        cutoff_at: w.cutoffAt,
        effective_date: w.effectiveDate,
        file_id_modifier: modifier,
        file_name: fileNameOf(w, modifier),
        file_created_at: now,
        created_by: by,
        entry_count: 0,
        total_minor: 0,
        entry_hash: 0,
        created_at: now,
      });
      if (!row) {
        existing = await findBatchOfWindow(trx, w.businessDate, w.name);
        return;
      }
      let count = 0;
      let total = 0;
      for (;;) {
        const taken = await takeReadyPayouts(trx, { batchId: row.id, cutoffAt: w.cutoffAt, tracePrefix, seqBase: tracesUsed + count, limit: CHUNK, now });
        if (taken.length === 0) break;
        count += taken.length;
        if (count > MAX_ENTRIES) throw new Error(`An ACH file holds at most ${MAX_ENTRIES} entries`);
        for (const p of taken) total += p.amount_minor;
        await postPayoutsSentInBulk(
          trx,
          taken.map((p) => ({ payoutId: p.id, tradeInId: p.trade_in_id, sellerId: p.seller_id, amountMinor: p.amount_minor, currency: p.currency, postedAt: now })),
        );
        const notMoved = await markTradeInsPaid(trx, taken.map((p) => ({ tradeInId: p.trade_in_id, payoutId: p.id })), { now, batchId: row.id });
        if (notMoved.length > 0) {
          // A ready payout on a trade-in the machine cannot pay is a broken invariant: send nothing.
          throw new Error(`Trade-ins ${notMoved.slice(0, 5).join(', ')} cannot be paid from their status; batch not created`);
        }
        if (taken.length < CHUNK) break;
      }
      if (count === 0) throw new NothingReady();
      await setBatchTotals(trx, row.id, { entryCount: count, totalMinor: total });
      await deps.jobs.enqueue<BatchMailsJob>(trx, JOB_BATCH_MAILS, { batchId: row.id, after: '' }, { singletonKey: `${row.id}:` });
      created = { ...row, entry_count: count, total_minor: total };
    });
  } catch (err) {
    if (err instanceof NothingReady) {
      return { batch: null, created: false, message: `No payout is ready to send by the ${w.name.replaceAll('_', ' ')} cutoff (${w.cutoffAt.toISOString()}): no batch was created` };
    }
    throw err;
  }
  const batch = created ?? existing!;
  const done = await finishBatchFile(deps, batch);
  return { batch: toBatchView(done), created: created !== undefined, message: null };
}

/**
 * Writes a batch's file and records it, unless it is recorded already. A rerun after a crash
 * (before the file was written, or after and before it was recorded) rebuilds the identical file
 * from the rows and records it then.
 */
export async function finishBatchFile(deps: BatchesDeps, batch: PayoutBatchRow): Promise<PayoutBatchRow> {
  if (batch.file_sha256) return batch;
  const file = await writeBatchFile({ db: deps.db, keyring: deps.keyring, ach: deps.ach, ...(deps.fs ? { fs: deps.fs } : {}) }, batch);
  if (deps.afterFileWritten) await deps.afterFileWritten(batch);
  await recordBatchFile(deps.db, batch.id, { sha256: file.sha256, entryHash: file.entryHash, at: deps.clock.now() });
  return (await findBatch(deps.db, batch.id))!;
}

/** A batch whose file is not recorded yet (a crash between the commit and the file): the scheduler and a download finish it. */
export async function finishBatchFileById(deps: BatchesDeps, batchId: string): Promise<PayoutBatchRow> {
  const batch = await findBatch(deps.db, batchId);
  if (!batch) throw new AppError('not_found', 'Payout batch not found');
  return finishBatchFile(deps, batch);
}

export function toBatchView(b: PayoutBatchRow): TPayoutBatch {
  return {
    id: b.id,
    businessDate: b.business_date,
    window: b.window_name,
    sameDay: b.same_day,
    cutoffAt: b.cutoff_at.toISOString(),
    effectiveDate: b.effective_date,
    fileName: b.file_name,
    entryCount: b.entry_count,
    total: { amountMinor: Number(b.total_minor), currency: 'USD' },
    createdAt: b.created_at.toISOString(),
    createdBy: b.created_by,
    fileWrittenAt: b.file_written_at ? b.file_written_at.toISOString() : null,
    fileSha256: b.file_sha256,
  };
}

