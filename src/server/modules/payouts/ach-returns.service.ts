import { createHash } from 'node:crypto';
import type { TAchReturnRecord, TAchReturnUploadResult } from '../../../shared/api/payouts.ts';
import type { TPageQuery } from '../../../shared/api/paging.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import { encryptField, type Keyring } from '../../platform/crypto.ts';
import type { Db, Executor, Trx } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { requestHash, withIdempotency } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { findPayoutEntryId, postPayoutReturned } from '../ledger/index.ts';
import { transition } from '../trade-ins/index.ts';
import { achCodeInfo, type ReturnItem } from './ach-codes.ts';
import {
  findPayout,
  findRecorded,
  findSentPayoutsByTrace,
  insertAchReturn,
  listAchReturns,
  markPayoutReturned,
  type AchReturnRow,
  type PayoutRow,
} from './ach-returns.repository.ts';
import { individualIdOf } from './batch-file.ts';
import { parseNachaFile, parseReturnFile } from './nacha/index.ts';
import { formatMoney } from '../../../shared/money.ts';

/**
 * What the bank sends back about payouts (docs/payouts/returns.md): returns (addenda 99) and
 * notifications of change (addenda 98), from the bank's file or recorded by hand. All of a file is
 * recorded in one transaction, or nothing: a line the reader cannot take, a trace number that
 * matches no payout sent, or an amount that is not the payout's → 422 naming every problem.
 */

/** The seller's e-mails this module causes (the notifications module writes and sends them; wired in runtime.ts). */
export interface PayoutMail {
  template: 'payout_returned' | 'payout_change_notice';
  tradeInId: string;
  /** The ach_returns row: one message per return or notice. */
  ref: string;
  bankNote: { code: string; reason: string; sellerCanFix: boolean };
}
export type NotifyPayoutMail = (executor: Executor, mail: PayoutMail) => Promise<void>;

export interface AchReturnsDeps {
  db: Db;
  /** Product time: when the money came back (ledger, payout, timeline). */
  productClock: Clock;
  /** Security time: the audit record of a return entered by hand. */
  securityClock: Clock;
  keyring: Keyring;
  notify: NotifyPayoutMail;
}

export interface Operator {
  id: string;
  ip: string;
}

/** A bank file above this is not a returns file of ours (a day's returns are a few lines). */
export const ACH_RETURN_FILE_LIMIT = 2 * 1024 * 1024;
/** The most problems a 422 lists (ERROR_DETAILS.ach_file_invalid). */
const MAX_PROBLEMS = 200;

interface Problem {
  line: number;
  message: string;
}

const invalidFile = (problems: Problem[]) =>
  new AppError('ach_file_invalid', `The bank file has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was recorded`, {
    details: { problems: problems.slice(0, MAX_PROBLEMS) },
  });

const money = (minor: number) => formatMoney({ amountMinor: minor, currency: 'USD' });

/**
 * Which sent payout an item answers. A trace number is unique in its file only (each batch's
 * sequence starts at 1), so the entry's individual id — which the bank returns as we sent it: the
 * payout id's tail (batch-file.ts) — picks the payout among the files; then the amount must be
 * the payout's. Without an individual id, the most recent payout with that trace and amount.
 */
function matchPayout(item: ReturnItem, individualId: string, candidates: PayoutRow[]): { payout?: PayoutRow; problem?: string } {
  let byTrace = candidates.filter((p) => p.trace_number === item.originalTraceNumber);
  if (byTrace.length === 0) return { problem: `Trace number ${item.originalTraceNumber} matches no payout we sent` };
  if (individualId) {
    byTrace = byTrace.filter((p) => individualIdOf(p.id) === individualId);
    if (byTrace.length === 0) return { problem: `Trace number ${item.originalTraceNumber} with individual id ${individualId} matches no payout we sent` };
  }
  if (item.kind === 'notification_of_change' && item.amountMinor === 0) return { payout: byTrace[0]! };
  const same = byTrace.filter((p) => p.amount_minor === item.amountMinor);
  if (same.length === 0) {
    return { problem: `Trace number ${item.originalTraceNumber}: the bank says ${money(item.amountMinor)}, the payout was ${money(byTrace[0]!.amount_minor)}` };
  }
  return { payout: same[0]! };
}

export function presentAchReturn(r: AchReturnRow & { trade_in_id: string }): TAchReturnRecord {
  return {
    id: r.id,
    payoutId: r.payout_id,
    tradeInId: r.trade_in_id,
    kind: r.kind,
    code: r.code,
    title: achCodeInfo(r.code).title,
    traceNumber: r.trace_number,
    source: r.source,
    fileName: r.file_name,
    recordedBy: r.recorded_by,
    receivedAt: r.received_at.toISOString(),
    resolution: r.resolution,
  };
}

/**
 * A return: the payout is returned, the ledger gets a new entry undoing the sent one, the trade-in
 * goes paid → payout_on_hold, and the seller is asked to correct their bank details. Nothing when
 * this payout's return is already recorded (a re-uploaded file, or a manual entry before it).
 */
async function applyReturn(
  trx: Trx,
  deps: AchReturnsDeps,
  payout: PayoutRow,
  r: { code: string; source: 'file' | 'manual'; fileName: string | null; recordedBy: string; now: Date },
): Promise<{ row: AchReturnRow; created: boolean }> {
  const info = achCodeInfo(r.code);
  const row = await insertAchReturn(trx, {
    id: newId('achReturn', r.now.getTime()),
    payout_id: payout.id,
    kind: 'return',
    code: r.code,
    trace_number: payout.trace_number!,
    source: r.source,
    file_name: r.fileName,
    corrected_field: null,
    corrected_data_sealed: null,
    recorded_by: r.recordedBy,
    received_at: r.now,
    resolved_at: null,
    resolution: null,
  });
  if (!row) return { row: (await findRecorded(trx, payout.id, 'return', r.code))!, created: false };
  const returned = await markPayoutReturned(trx, payout.id, r.now);
  if (!returned) throw new AppError('conflict', `Payout ${payout.id} is ${payout.status}, not sent: it cannot come back from the bank`);
  await postPayoutReturned(trx, {
    payoutId: payout.id,
    tradeInId: payout.trade_in_id,
    sellerId: payout.seller_id,
    amountMinor: payout.amount_minor,
    currency: payout.currency.trim(),
    postedAt: r.now,
    returnCode: r.code,
    reversesEntryId: (await findPayoutEntryId(trx, payout.id, 'payout_sent')) ?? null,
  });
  await transition(trx, payout.trade_in_id, { event: 'hold_payout', now: r.now, data: { code: r.code, reason: info.reason, payoutId: payout.id } });
  await deps.notify(trx, { template: 'payout_returned', tradeInId: payout.trade_in_id, ref: row.id, bankNote: { code: r.code, reason: info.reason, sellerCanFix: info.sellerCanFix } });
  return { row, created: true };
}

/** A notification of change: stored with the corrected data sealed, and the seller asked to confirm it (never applied here). */
async function applyChangeNotice(
  trx: Trx,
  deps: AchReturnsDeps,
  payout: PayoutRow,
  item: ReturnItem,
  r: { fileName: string | null; recordedBy: string; now: Date },
): Promise<{ row: AchReturnRow; created: boolean }> {
  const data = item.correctedData!;
  const id = newId('achReturn', r.now.getTime());
  const sealed = encryptField(
    deps.keyring,
    JSON.stringify({ routingNumber: data.routingNumber, accountNumber: data.accountNumber, accountType: data.accountType, holderName: data.holderName }),
    { table: 'ach_returns', rowId: id, column: 'corrected_data_sealed' },
  );
  const row = await insertAchReturn(trx, {
    id,
    payout_id: payout.id,
    kind: 'notification_of_change',
    code: item.code,
    trace_number: payout.trace_number!,
    source: 'file',
    file_name: r.fileName,
    corrected_field: data.field,
    corrected_data_sealed: sealed,
    recorded_by: r.recordedBy,
    received_at: r.now,
    resolved_at: null,
    resolution: null,
  });
  if (!row) return { row: (await findRecorded(trx, payout.id, 'notification_of_change', item.code))!, created: false };
  await deps.notify(trx, { template: 'payout_change_notice', tradeInId: payout.trade_in_id, ref: row.id, bankNote: { code: item.code, reason: achCodeInfo(item.code).reason, sellerCanFix: true } });
  return { row, created: true };
}

/**
 * POST /api/admin/ach-returns: the bank's returns file. Same key + same file → the first answer;
 * the same file under a new key records nothing twice (`alreadyRecorded`).
 */
export async function uploadReturnFile(
  deps: AchReturnsDeps,
  operator: Operator,
  input: { text: string; fileName: string; idempotencyKey: string },
): Promise<{ status: number; body: TAchReturnUploadResult; replayed: boolean }> {
  const parsed = parseReturnFile(input.text);
  const problems: Problem[] = [...parsed.problems];
  if (parsed.items.length === 0 && problems.length === 0) problems.push({ line: 1, message: 'The file has no returns and no notifications of change' });
  for (const [i, item] of parsed.items.entries()) {
    if (item.kind === 'notification_of_change' && !item.correctedData) problems.push({ line: lineOf(item, i), message: `Notification of change ${item.code} carries no corrected data` });
  }
  if (problems.length) throw invalidFile(problems);
  // The entry detail records themselves (the reader has just accepted the file): their individual ids, by line.
  const individualIds = new Map(parseNachaFile(input.text).batches.flatMap((b) => b.entries.map((e) => [e.line, e.individualId.trim()] as const)));

  const now = deps.productClock.now();
  const sha256 = createHash('sha256').update(input.text).digest('hex');
  const hash = requestHash({ method: 'POST', path: '/api/admin/ach-returns', body: { fileName: input.fileName, sha256 } });
  return deps.db.transaction().execute((trx) =>
    withIdempotency(trx, { scope: `ach-returns:${operator.id}`, key: input.idempotencyKey, hash, now }, async () => {
      const candidates = await findSentPayoutsByTrace(trx, parsed.items.map((i) => i.originalTraceNumber));
      const matched = parsed.items.map((item, i) => {
        const m = matchPayout(item, individualIds.get(item.line) ?? '', candidates);
        if (m.problem) problems.push({ line: lineOf(item, i), message: m.problem });
        return { item, payout: m.payout };
      });
      if (problems.length) throw invalidFile(problems);

      const result: TAchReturnUploadResult = { fileName: input.fileName, returns: 0, changes: 0, alreadyRecorded: 0, items: [] };
      for (const { item, payout } of matched) {
        const common = { fileName: input.fileName, recordedBy: operator.id, now };
        const { row, created } =
          item.kind === 'return'
            ? await applyReturn(trx, deps, payout!, { ...common, code: item.code, source: 'file' })
            : await applyChangeNotice(trx, deps, payout!, item, common);
        if (!created) result.alreadyRecorded++;
        else if (item.kind === 'return') result.returns++;
        else result.changes++;
        result.items.push(presentAchReturn({ ...row, trade_in_id: payout!.trade_in_id }));
      }
      return { status: 200, body: result };
    }),
  );
}

/** The line an item came from, when the reader says; else its position among the entries. */
const lineOf = (item: ReturnItem, index: number): number => item.line ?? index + 1;

/** POST /api/admin/ach-returns/manual: a return the bank reported another way (phone, portal); audited. */
export async function recordManualReturn(
  deps: AchReturnsDeps,
  operator: Operator,
  input: { payoutId: string; code: string; note: string; idempotencyKey: string },
): Promise<{ status: number; body: TAchReturnRecord; replayed: boolean }> {
  if (!achCodeInfo(input.code).known) throw new AppError('validation_failed', 'Unknown return code', { fields: { code: `${input.code} is not an ACH return code` } });
  const now = deps.productClock.now();
  const hash = requestHash({ method: 'POST', path: '/api/admin/ach-returns/manual', body: { payoutId: input.payoutId, code: input.code, note: input.note } });
  return deps.db.transaction().execute((trx) =>
    withIdempotency(trx, { scope: `ach-returns:${operator.id}`, key: input.idempotencyKey, hash, now }, async () => {
      const payout = await findPayout(trx, input.payoutId);
      if (!payout) throw notFound('Payout');
      if (payout.status === 'returned') throw new AppError('conflict', 'This payout is already recorded as returned');
      if (payout.status !== 'sent') throw new AppError('conflict', `This payout is ${payout.status.replaceAll('_', ' ')}: only a payout sent in a batch can come back from the bank`);
      const { row } = await applyReturn(trx, deps, payout, { code: input.code, source: 'manual', fileName: null, recordedBy: operator.id, now });
      await recordAudit(trx, { actorId: operator.id, action: 'ach_return.recorded', subject: payout.id, reason: `${input.code}: ${input.note}`, ip: operator.ip, at: deps.securityClock.now() });
      return { status: 201, body: presentAchReturn({ ...row, trade_in_id: payout.trade_in_id }) };
    }),
  );
}

/** GET /api/admin/ach-returns: a page, or every row for ?format=csv. */
export async function listReturns(db: Db, q: TPageQuery): Promise<{ items: TAchReturnRecord[]; total: number; limit: number; offset: number }> {
  const { rows, total } = await listAchReturns(db, q.format === 'csv' ? 'all' : { limit: q.limit, offset: q.offset });
  return { items: rows.map(presentAchReturn), total, limit: q.limit, offset: q.offset };
}

export const ACH_RETURN_CSV_COLUMNS = ['id', 'received_at', 'kind', 'code', 'title', 'payout_id', 'trade_in_id', 'trace_number', 'source', 'file_name', 'recorded_by', 'resolution'] as const;
export const achReturnCsvRow = (r: TAchReturnRecord) => [r.id, r.receivedAt, r.kind, r.code, r.title, r.payoutId, r.tradeInId, r.traceNumber, r.source, r.fileName, r.recordedBy, r.resolution];
