import { createHash, randomBytes } from 'node:crypto';
import nodeFs from 'node:fs/promises';
import path from 'node:path';
import type { AchConfig } from '../../config.ts';
import { decryptField, type Keyring } from '../../platform/crypto.ts';
import type { Executor } from '../../platform/db/database.ts';
import { MARKET_TIME_ZONE } from '../../../shared/market-time.ts';
import { nachaLines, sameDayDescriptiveDate, type NachaEntryInput as NachaEntry } from './nacha/index.ts';
import { batchEntriesAfter, type BatchEntryRow, type PayoutBatchRow } from './batches.repository.ts';

/**
 * A batch's NACHA file (docs/payouts/batches.md): always built from the batch row and its payout
 * rows, never kept in memory whole. The header's date, time and modifier are stored on the batch
 * row and the entries are read in trace-number order, so every build of a batch is the same bytes.
 */

/** Payout rows read per page while the file streams: memory stays flat whatever the batch's size. */
const PAGE = 2_000;

/** The sealed copied bank details of a payout (AAD: payouts, the payout's id, the column). */
export function openPayoutDetail(keyring: Keyring, payoutId: string, column: 'routing_number_sealed' | 'account_number_sealed', sealed: string): string {
  return decryptField(keyring, sealed, { table: 'payouts', rowId: payoutId, column });
}

/** The entry detail's individual id (15 characters): the payout id's unique tail, upper case. */
export function individualIdOf(payoutId: string): string {
  return payoutId.replace(/^pay_/, '').slice(-15).toUpperCase();
}

function entryOf(keyring: Keyring, r: BatchEntryRow): NachaEntry {
  return {
    transactionCode: r.account_type === 'savings' ? 32 : 22,
    routingNumber: openPayoutDetail(keyring, r.id, 'routing_number_sealed', r.routing_number_sealed),
    accountNumber: openPayoutDetail(keyring, r.id, 'account_number_sealed', r.account_number_sealed),
    amountMinor: r.amount_minor,
    individualId: individualIdOf(r.id),
    individualName: r.holder_name ?? '',
    traceNumber: r.trace_number,
  };
}

/** The entries in file order; the next page is read while this one is decrypted. `tally` sees each entry (the entry hash). */
async function* batchEntries(db: Executor, keyring: Keyring, batchId: string, tally?: (e: NachaEntry) => void): AsyncGenerator<NachaEntry> {
  const fetchPage = (after: string) => {
    const p = batchEntriesAfter(db, batchId, after, PAGE);
    // A consumer that stops early never awaits the page read ahead: its failure is not unhandled.
    p.catch(() => undefined);
    return p;
  };
  let next: Promise<BatchEntryRow[]> | undefined = fetchPage('');
  while (next) {
    const page: BatchEntryRow[] = await next;
    next = page.length === PAGE ? fetchPage(page[page.length - 1]!.trace_number) : undefined;
    for (const r of page) {
      const e = entryOf(keyring, r);
      tally?.(e);
      yield e;
    }
  }
}

export interface BatchFileDeps {
  db: Executor;
  keyring: Keyring;
  ach: AchConfig;
}

/** The file's 94-character lines, each with its '\n', streamed from the rows. */
export function batchFileLines(deps: BatchFileDeps, batch: PayoutBatchRow, tally?: (e: NachaEntry) => void): AsyncGenerator<string> {
  const { ach } = deps;
  return nachaLines(
    {
      odfiRouting: ach.odfiRouting,
      odfiName: ach.odfiName,
      companyName: ach.companyName,
      companyId: ach.companyId,
      entryDescription: ach.entryDescription,
      createdAt: batch.file_created_at,
      fileIdModifier: batch.file_id_modifier,
    },
    { effectiveDate: batch.effective_date, descriptiveDate: batch.same_day ? sameDayDescriptiveDate(marketHhmm(batch.cutoff_at)) : '', batchNumber: 1 },
    batchEntries(deps.db, deps.keyring, batch.id, tally),
  );
}

const HHMM = new Intl.DateTimeFormat('en-US', { timeZone: MARKET_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The cutoff's 'HH:MM' in New York, from the batch row (not from today's configuration: a rebuild must not change). */
function marketHhmm(at: Date): string {
  const parts = Object.fromEntries(HHMM.formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.hour}:${parts.minute}`;
}

/** Lines are gathered into writes of about this many bytes. */
const WRITE_BYTES = 256 * 1024;

/** The SHA-256 (hex) of the file as it would be built now, read once from the rows (nothing kept). */
export async function batchFileSha256(deps: BatchFileDeps, batch: PayoutBatchRow): Promise<{ sha256: string; bytes: number; lines: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  let lines = 0;
  for await (const line of batchFileLines(deps, batch)) {
    hash.update(line);
    bytes += line.length;
    lines++;
  }
  return { sha256: hash.digest('hex'), bytes, lines };
}

/** The file-system calls the writer makes: tests replace one to crash at a chosen step. */
export interface BatchFs {
  open: typeof nodeFs.open;
  rename: typeof nodeFs.rename;
  mkdir: typeof nodeFs.mkdir;
}

export const realFs: BatchFs = { open: nodeFs.open, rename: nodeFs.rename, mkdir: nodeFs.mkdir };

/**
 * Writes the batch's file into the outbound folder safely: to `<file_name>.<random>.tmp` (never
 * seen by the bank's pickup, which takes only the final name), fsync, rename to `<file_name>`
 * (atomic), fsync the folder. A crash leaves either no file or the whole file; a rerun writes the
 * identical bytes over it. Returns the file's SHA-256, its size and its line count.
 */
export async function writeBatchFile(
  deps: BatchFileDeps & { fs?: BatchFs },
  batch: PayoutBatchRow,
): Promise<{ path: string; sha256: string; bytes: number; lines: number; entryHash: number }> {
  const fs = deps.fs ?? realFs;
  const dir = deps.ach.outboundDir;
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const final = path.join(dir, batch.file_name);
  const tmp = `${final}.${randomBytes(6).toString('hex')}.tmp`;
  const hash = createHash('sha256');
  let bytes = 0;
  let lines = 0;
  // The entry hash: the low 10 digits of the sum of the receiving banks' 8-digit routing prefixes.
  let routingSum = 0;
  const tally = (e: NachaEntry) => void (routingSum += Number(e.routingNumber.slice(0, 8)));
  const fh = await fs.open(tmp, 'wx', 0o600);
  try {
    let pending: string[] = [];
    let pendingBytes = 0;
    for await (const line of batchFileLines(deps, batch, tally)) {
      hash.update(line);
      pending.push(line);
      pendingBytes += line.length;
      lines++;
      if (pendingBytes >= WRITE_BYTES) {
        await fh.write(pending.join(''));
        bytes += pendingBytes;
        pending = [];
        pendingBytes = 0;
      }
    }
    if (pendingBytes > 0) await fh.write(pending.join(''));
    bytes += pendingBytes;
    await fh.sync();
  } catch (err) {
    await fh.close().catch(() => undefined);
    await nodeFs.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
  await fh.close();
  await fs.rename(tmp, final);
  await syncDir(dir);
  return { path: final, sha256: hash.digest('hex'), bytes, lines, entryHash: routingSum % 10_000_000_000 };
}

async function syncDir(dir: string): Promise<void> {
  const d = await nodeFs.open(dir, 'r');
  try {
    await d.sync();
  } finally {
    await d.close();
  }
}
