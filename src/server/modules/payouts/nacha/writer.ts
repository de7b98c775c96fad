import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { isBusinessDay } from '../../../platform/business-days.ts';
import { MARKET_TIME_ZONE } from '../../../../shared/market-time.ts';
import { routingChecksumOk } from '../../../../shared/seller-details.ts';
import {
  abaCheckDigit,
  alpha,
  asciiUpper,
  BLOCKING_FACTOR,
  digits,
  MAX_ENTRY_AMOUNT_MINOR,
  MAX_TOTAL_MINOR,
  NachaInputError,
  num,
  PADDING_LINE,
  RECORD_LENGTH,
  yymmdd,
} from './fields.ts';

/** What the file header needs: the ACH settings (config.ach) and the file's own creation time and modifier. */
export interface NachaFileInput {
  /** The ODFI's 9-digit routing number: the immediate destination, and the trace numbers' 8-digit prefix. */
  readonly odfiRouting: string;
  /** Immediate destination name (≤ 23). */
  readonly odfiName: string;
  /** Company name (≤ 16): the immediate origin name and the batch's company name. */
  readonly companyName: string;
  /** Company identification (10 characters): the immediate origin and the batch's company id. */
  readonly companyId: string;
  /** Company entry description (≤ 10), e.g. 'TRADE-IN', shown on the seller's statement. */
  readonly entryDescription: string;
  /** File creation date and time, written in the market's time zone (America/New_York). Fixed per batch so a rebuild is identical. */
  readonly createdAt: Date;
  /** A–Z or 0–9: tells apart files of the same day. */
  readonly fileIdModifier: string;
  /** Optional 8-character reference code. */
  readonly referenceCode?: string;
}

export interface NachaBatchInput {
  /** 'YYYY-MM-DD', a business day: the next business day for a standard batch, the same day for a Same Day one. */
  readonly effectiveDate: string;
  /** Company descriptive date (≤ 6): 'SD' + HHMM on a Same Day batch (see `sameDayDescriptiveDate`), blank otherwise. */
  readonly descriptiveDate?: string;
  /** 1 unless the file has several batches. */
  readonly batchNumber?: number;
}

export interface NachaEntryInput {
  /** 22 = credit to a checking account, 32 = credit to a savings account. */
  readonly transactionCode: 22 | 32;
  /** The receiving bank's 9-digit routing number (its check digit is verified). */
  readonly routingNumber: string;
  /** The receiving account, 1–17 digits or uppercase letters (hyphens allowed). */
  readonly accountNumber: string;
  /** Integer cents, 1 … 9,999,999,999. */
  readonly amountMinor: number;
  /** Our reference for the entry (≤ 15 printable ASCII), e.g. the payout id. */
  readonly individualId: string;
  /** The account holder: transliterated to uppercase ASCII and cut to 22 characters. */
  readonly individualName: string;
  /** 15 digits: the ODFI's 8-digit routing prefix and a 7-digit sequence, strictly ascending within the batch. */
  readonly traceNumber: string;
}

export const ACCOUNT_TYPE_TRANSACTION_CODE = { checking: 22, savings: 32 } as const;

/** 'SD' + HHMM (the company descriptive date of a Same Day batch, Eastern time), from 'HH:MM'. */
export function sameDayDescriptiveDate(hhmm: string): string {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new NachaInputError(`same-day time must be HH:MM, got ${JSON.stringify(hhmm)}`);
  return `SD${m[1]}${m[2]}`;
}

function checkRouting(value: string, what: string): string {
  digits(value, 9, what);
  if (!routingChecksumOk(value)) throw new NachaInputError(`${what} fails the ABA check digit`);
  return value;
}

function upperText(value: string, max: number, what: string, opts: { exact?: boolean } = {}): string {
  const v = value.trim().toUpperCase();
  if (!v) throw new NachaInputError(`${what} is required`);
  if (opts.exact && v.length !== max) throw new NachaInputError(`${what} must be exactly ${max} characters, got ${JSON.stringify(value)}`);
  return alpha(v, max, what);
}

/** The header and batch values, checked once before the first line is written. */
function fixedFields(file: NachaFileInput, batch: NachaBatchInput) {
  const odfi = checkRouting(file.odfiRouting, 'ODFI routing number');
  if (!(file.createdAt instanceof Date) || Number.isNaN(file.createdAt.getTime())) throw new NachaInputError('file creation time must be a valid Date');
  if (!/^[A-Z0-9]$/.test(file.fileIdModifier)) throw new NachaInputError(`file id modifier must be one of A–Z or 0–9, got ${JSON.stringify(file.fileIdModifier)}`);
  const effective = yymmdd(batch.effectiveDate, 'effective entry date');
  if (!isBusinessDay(batch.effectiveDate)) throw new NachaInputError(`effective entry date ${batch.effectiveDate} is not a business day`);
  const created = new TZDate(file.createdAt.getTime(), MARKET_TIME_ZONE);
  const batchNumber = batch.batchNumber ?? 1;
  if (!Number.isSafeInteger(batchNumber) || batchNumber < 1) throw new NachaInputError(`batch number must be a positive integer, got ${batchNumber}`);
  return {
    odfi,
    odfi8: odfi.slice(0, 8),
    odfiName: alpha(file.odfiName.trim().toUpperCase(), 23, 'ODFI name'),
    companyName16: upperText(file.companyName, 16, 'company name'),
    companyName23: alpha(file.companyName.trim().toUpperCase(), 23, 'company name'),
    companyId: upperText(file.companyId, 10, 'company identification', { exact: true }),
    entryDescription: upperText(file.entryDescription, 10, 'company entry description'),
    descriptiveDate: alpha((batch.descriptiveDate ?? '').toUpperCase(), 6, 'company descriptive date'),
    effective,
    createdDate: format(created, 'yyMMdd'),
    createdTime: format(created, 'HHmm'),
    fileIdModifier: file.fileIdModifier,
    referenceCode: alpha(file.referenceCode ?? '', 8, 'reference code'),
    batchNumber: num(batchNumber, 7, 'batch number'),
  };
}

function entryLine(e: NachaEntryInput, odfi8: string, previousTrace: string | null): string {
  if (e.transactionCode !== 22 && e.transactionCode !== 32) throw new NachaInputError(`transaction code must be 22 (checking) or 32 (savings), got ${e.transactionCode}`);
  const routing = checkRouting(e.routingNumber, 'receiving routing number');
  const account = e.accountNumber.trim().toUpperCase();
  if (!/^[0-9A-Z-]{1,17}$/.test(account)) throw new NachaInputError('account number must be 1–17 digits, letters or hyphens');
  if (!Number.isSafeInteger(e.amountMinor) || e.amountMinor <= 0) throw new NachaInputError(`amount must be a positive integer number of cents, got ${e.amountMinor}`);
  if (e.amountMinor > MAX_ENTRY_AMOUNT_MINOR) throw new NachaInputError(`amount ${e.amountMinor} is above the entry's maximum of ${MAX_ENTRY_AMOUNT_MINOR} cents`);
  const name = asciiUpper(e.individualName).slice(0, 22).trimEnd();
  if (!name) throw new NachaInputError('individual name has no letters a bank file can carry');
  digits(e.traceNumber, 15, 'trace number');
  if (!e.traceNumber.startsWith(odfi8)) throw new NachaInputError(`trace number ${e.traceNumber} does not start with the ODFI routing prefix ${odfi8}`);
  if (previousTrace !== null && e.traceNumber <= previousTrace) {
    throw new NachaInputError(`trace number ${e.traceNumber} does not follow ${previousTrace}: trace numbers must be unique and ascending within a batch`);
  }
  return (
    '6' +
    String(e.transactionCode) +
    routing.slice(0, 9) +
    alpha(account, 17, 'account number') +
    num(e.amountMinor, 10, 'amount') +
    alpha(e.individualId.trim().toUpperCase(), 15, 'individual identification') +
    alpha(name, 22, 'individual name') +
    '  ' + // discretionary data
    '0' + // no addenda
    e.traceNumber
  );
}

function checkLength(line: string): string {
  if (line.length !== RECORD_LENGTH) throw new Error(`internal: a NACHA record of ${line.length} characters`);
  return line + '\n';
}

/**
 * The NACHA file of one PPD credit batch (service class 220), line by line, each line with
 * its '\n'. Entries are consumed as a stream: counts, entry hash and totals are accumulated
 * as they go, so memory does not grow with the batch. Bad input throws NachaInputError (the
 * lines already yielded must then be thrown away: write to a temporary file and rename only
 * when the generator finishes).
 */
export async function* nachaLines(
  file: NachaFileInput,
  batch: NachaBatchInput,
  entries: Iterable<NachaEntryInput> | AsyncIterable<NachaEntryInput>,
): AsyncGenerator<string, void, undefined> {
  const f = fixedFields(file, batch);
  yield checkLength(
    '1' +
      '01' +
      ' ' + f.odfi +
      f.companyId +
      f.createdDate +
      f.createdTime +
      f.fileIdModifier +
      '094' +
      num(BLOCKING_FACTOR, 2, 'blocking factor') +
      '1' +
      f.odfiName +
      f.companyName23 +
      f.referenceCode,
  );
  yield checkLength(
    '5' +
      '220' +
      f.companyName16 +
      ' '.repeat(20) + // company discretionary data
      f.companyId +
      'PPD' +
      f.entryDescription +
      f.descriptiveDate +
      f.effective +
      '   ' + // settlement date: the ACH operator fills it in
      '1' + // originator status code: a depository financial institution
      f.odfi8 +
      f.batchNumber,
  );
  let count = 0;
  let hash = 0;
  let total = 0;
  let previousTrace: string | null = null;
  for await (const e of entries) {
    const line = entryLine(e, f.odfi8, previousTrace);
    previousTrace = e.traceNumber;
    count++;
    // Only the low 10 digits are kept; reducing as we go keeps the sum exact whatever the count.
    hash = (hash + Number(e.routingNumber.slice(0, 8))) % 10_000_000_000;
    total += e.amountMinor;
    if (total > MAX_TOTAL_MINOR) throw new NachaInputError(`the batch total is above the control record's maximum of ${MAX_TOTAL_MINOR} cents`);
    yield checkLength(line);
  }
  if (count === 0) throw new NachaInputError('a batch needs at least one entry');
  const hash10 = num(hash, 10, 'entry hash');
  const totalCredit = num(total, 12, 'total credit amount');
  yield checkLength(
    '8' +
      '220' +
      num(count, 6, 'entry/addenda count') +
      hash10 +
      num(0, 12, 'total debit amount') +
      totalCredit +
      f.companyId +
      ' '.repeat(19) + // message authentication code
      ' '.repeat(6) + // reserved
      f.odfi8 +
      f.batchNumber,
  );
  const records = count + 4;
  const blocks = Math.ceil(records / BLOCKING_FACTOR);
  yield checkLength(
    '9' +
      num(1, 6, 'batch count') +
      num(blocks, 6, 'block count') +
      num(count, 8, 'entry/addenda count') +
      hash10 +
      num(0, 12, 'total debit amount') +
      totalCredit +
      ' '.repeat(39),
  );
  for (let i = records; i < blocks * BLOCKING_FACTOR; i++) yield PADDING_LINE + '\n';
}
