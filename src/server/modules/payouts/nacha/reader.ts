import { abaCheckDigit, BLOCKING_FACTOR, fromYymmdd, isPrintableAscii, PADDING_LINE, RECORD_LENGTH } from './fields.ts';

/** A line the reader could not accept: its 1-based number and why. */
export interface NachaProblem {
  line: number;
  message: string;
}

export interface NachaFileHeader {
  line: number;
  immediateDestination: string;
  immediateOrigin: string;
  /** 'YYYY-MM-DD' */
  creationDate: string | null;
  /** 'HHMM' */
  creationTime: string;
  fileIdModifier: string;
  immediateDestinationName: string;
  immediateOriginName: string;
  referenceCode: string;
}

export interface NachaBatchHeader {
  line: number;
  serviceClassCode: string;
  companyName: string;
  companyDiscretionaryData: string;
  companyId: string;
  secCode: string;
  entryDescription: string;
  descriptiveDate: string;
  /** 'YYYY-MM-DD', null when blank or not a date. */
  effectiveDate: string | null;
  settlementDate: string;
  originatorStatusCode: string;
  odfiIdentification: string;
  batchNumber: number;
}

export interface NachaEntry {
  line: number;
  transactionCode: string;
  /** The 8-digit receiving DFI identification and its check digit, as one 9-digit routing number. */
  routingNumber: string;
  accountNumber: string;
  amountMinor: number;
  individualId: string;
  individualName: string;
  discretionaryData: string;
  addendaIndicator: string;
  traceNumber: string;
  addenda: NachaAddenda[];
}

/** An addenda record (type 7) as read: its type code and the raw 94 characters, decoded by the caller (returns: 99, changes: 98). */
export interface NachaAddenda {
  line: number;
  typeCode: string;
  record: string;
}

export interface NachaBatchControl {
  line: number;
  serviceClassCode: string;
  entryAddendaCount: number;
  entryHash: string;
  totalDebitMinor: number;
  totalCreditMinor: number;
  companyId: string;
  odfiIdentification: string;
  batchNumber: number;
}

export interface NachaFileControl {
  line: number;
  batchCount: number;
  blockCount: number;
  entryAddendaCount: number;
  entryHash: string;
  totalDebitMinor: number;
  totalCreditMinor: number;
}

export interface NachaBatch {
  header: NachaBatchHeader;
  entries: NachaEntry[];
  control: NachaBatchControl | null;
}

export interface ParsedNachaFile {
  header: NachaFileHeader | null;
  batches: NachaBatch[];
  control: NachaFileControl | null;
  /** Every line that could not be read, and every control total that does not add up; empty when the file is sound. */
  problems: NachaProblem[];
}

const CREDIT_DIGITS = new Set(['1', '2', '3', '4']);
const DEBIT_DIGITS = new Set(['6', '7', '8', '9']);
/** Checking (2x), savings (3x), general ledger (4x), loan (5x). */
const TRANSACTION_FAMILIES = new Set(['2', '3', '4', '5']);

function isCreditCode(code: string): boolean {
  return CREDIT_DIGITS.has(code[1]!);
}

const cut = (s: string, from: number, to: number) => s.slice(from - 1, to);

/**
 * Reads a NACHA file (ours or a bank's) into its records. Every line that cannot be read is
 * reported with its number and the reason; the structure (record type order), the batch and
 * file control counts, entry hashes and totals, the block count and the 9-padding are checked.
 * A file with any problem must not be acted upon.
 */
export function parseNachaFile(text: string): ParsedNachaFile {
  const problems: NachaProblem[] = [];
  const problem = (line: number, message: string) => problems.push({ line, message });
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();

  let header: NachaFileHeader | null = null;
  let control: NachaFileControl | null = null;
  const batches: NachaBatch[] = [];
  let batch: NachaBatch | null = null;
  let lastEntry: NachaEntry | null = null;
  let paddingFrom: number | null = null;

  const number = (s: string, lineNo: number, what: string): number => {
    if (!/^\d+$/.test(s)) {
      problem(lineNo, `${what} must be digits, got ${JSON.stringify(s)}`);
      return 0;
    }
    return Number(s);
  };

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i]!;
    if (raw.length !== RECORD_LENGTH) {
      problem(lineNo, `record is ${raw.length} characters long, not ${RECORD_LENGTH}`);
      continue;
    }
    if (!isPrintableAscii(raw)) {
      problem(lineNo, 'record contains characters that are not printable ASCII');
      continue;
    }
    if (control) {
      if (raw === PADDING_LINE) {
        paddingFrom ??= lineNo;
        continue;
      }
      problem(lineNo, 'only padding records (94 nines) may follow the file control record');
      continue;
    }
    const type = raw[0];
    switch (type) {
      case '1': {
        if (header || lineNo !== 1) {
          problem(lineNo, header ? 'a second file header record' : 'the file header record must be the first line');
          break;
        }
        if (cut(raw, 2, 3) !== '01') problem(lineNo, `priority code must be 01, got ${JSON.stringify(cut(raw, 2, 3))}`);
        if (!/^[ \d]\d{9}$/.test(cut(raw, 4, 13))) problem(lineNo, 'immediate destination must be a routing number (" " and 9 digits)');
        if (cut(raw, 35, 37) !== '094') problem(lineNo, `record size must be 094, got ${JSON.stringify(cut(raw, 35, 37))}`);
        if (cut(raw, 38, 39) !== '10') problem(lineNo, `blocking factor must be 10, got ${JSON.stringify(cut(raw, 38, 39))}`);
        if (cut(raw, 40, 40) !== '1') problem(lineNo, `format code must be 1, got ${JSON.stringify(cut(raw, 40, 40))}`);
        if (!/^[A-Z0-9]$/.test(cut(raw, 34, 34))) problem(lineNo, 'file id modifier must be A–Z or 0–9');
        const creationDate = fromYymmdd(cut(raw, 24, 29));
        if (!creationDate) problem(lineNo, `file creation date ${JSON.stringify(cut(raw, 24, 29))} is not a YYMMDD date`);
        if (!/^$|^([01]\d|2[0-3])[0-5]\d$/.test(cut(raw, 30, 33).trim())) problem(lineNo, 'file creation time must be HHMM');
        header = {
          line: lineNo,
          immediateDestination: cut(raw, 4, 13).trim(),
          immediateOrigin: cut(raw, 14, 23).trim(),
          creationDate,
          creationTime: cut(raw, 30, 33),
          fileIdModifier: cut(raw, 34, 34),
          immediateDestinationName: cut(raw, 41, 63).trimEnd(),
          immediateOriginName: cut(raw, 64, 86).trimEnd(),
          referenceCode: cut(raw, 87, 94).trimEnd(),
        };
        break;
      }
      case '5': {
        if (!header) problem(lineNo, 'a batch header record before the file header record');
        if (batch) problem(lineNo, `a batch header record while the batch of line ${batch.header.line} has no batch control record`);
        const serviceClassCode = cut(raw, 2, 4);
        if (!['200', '220', '225'].includes(serviceClassCode)) problem(lineNo, `service class code must be 200, 220 or 225, got ${JSON.stringify(serviceClassCode)}`);
        const secCode = cut(raw, 51, 53);
        if (!/^[A-Z]{3}$/.test(secCode)) problem(lineNo, `standard entry class code must be three letters, got ${JSON.stringify(secCode)}`);
        const effectiveRaw = cut(raw, 70, 75);
        const effectiveDate = fromYymmdd(effectiveRaw);
        if (!effectiveDate && effectiveRaw.trim() !== '') problem(lineNo, `effective entry date ${JSON.stringify(effectiveRaw)} is not a YYMMDD date`);
        if (!/^\d{8}$/.test(cut(raw, 80, 87))) problem(lineNo, 'originating DFI identification must be 8 digits');
        batch = {
          header: {
            line: lineNo,
            serviceClassCode,
            companyName: cut(raw, 5, 20).trimEnd(),
            companyDiscretionaryData: cut(raw, 21, 40).trimEnd(),
            companyId: cut(raw, 41, 50),
            secCode,
            entryDescription: cut(raw, 54, 63).trimEnd(),
            descriptiveDate: cut(raw, 64, 69).trimEnd(),
            effectiveDate,
            settlementDate: cut(raw, 76, 78),
            originatorStatusCode: cut(raw, 79, 79),
            odfiIdentification: cut(raw, 80, 87),
            batchNumber: number(cut(raw, 88, 94), lineNo, 'batch number'),
          },
          entries: [],
          control: null,
        };
        batches.push(batch);
        lastEntry = null;
        break;
      }
      case '6': {
        if (!batch) {
          problem(lineNo, 'an entry detail record outside a batch');
          break;
        }
        if (lastEntry && lastEntry.addendaIndicator === '1' && lastEntry.addenda.length === 0) {
          problem(lastEntry.line, 'the entry says it has an addenda record (indicator 1), and none follows it');
        }
        const transactionCode = cut(raw, 2, 3);
        if (!/^\d\d$/.test(transactionCode) || !TRANSACTION_FAMILIES.has(transactionCode[0]!) || !(isCreditCode(transactionCode) || DEBIT_DIGITS.has(transactionCode[1]!))) {
          problem(lineNo, `transaction code ${JSON.stringify(transactionCode)} is not a checking, savings, general ledger or loan code`);
        }
        const routingNumber = cut(raw, 4, 12);
        if (!/^\d{9}$/.test(routingNumber)) problem(lineNo, 'receiving DFI identification and check digit must be 9 digits');
        else if (abaCheckDigit(routingNumber.slice(0, 8)) !== Number(routingNumber[8])) problem(lineNo, 'the check digit does not match the receiving DFI identification');
        const accountNumber = cut(raw, 13, 29).trimEnd();
        if (!accountNumber.trim()) problem(lineNo, 'DFI account number is blank');
        const amountMinor = number(cut(raw, 30, 39), lineNo, 'amount');
        const addendaIndicator = cut(raw, 79, 79);
        if (addendaIndicator !== '0' && addendaIndicator !== '1') problem(lineNo, `addenda record indicator must be 0 or 1, got ${JSON.stringify(addendaIndicator)}`);
        const traceNumber = cut(raw, 80, 94);
        if (!/^\d{15}$/.test(traceNumber)) problem(lineNo, `trace number must be 15 digits, got ${JSON.stringify(traceNumber)}`);
        const previous = batch.entries[batch.entries.length - 1];
        if (previous && /^\d{15}$/.test(traceNumber) && traceNumber <= previous.traceNumber) problem(lineNo, `trace number ${traceNumber} is not above the one before it (${previous.traceNumber}): trace numbers ascend within a batch`);
        lastEntry = {
          line: lineNo,
          transactionCode,
          routingNumber,
          accountNumber,
          amountMinor,
          individualId: cut(raw, 40, 54).trimEnd(),
          individualName: cut(raw, 55, 76).trimEnd(),
          discretionaryData: cut(raw, 77, 78),
          addendaIndicator,
          traceNumber,
          addenda: [],
        };
        batch.entries.push(lastEntry);
        break;
      }
      case '7': {
        if (!batch || !lastEntry) {
          problem(lineNo, 'an addenda record that follows no entry detail record');
          break;
        }
        if (lastEntry.addendaIndicator !== '1') problem(lineNo, `an addenda record after the entry of line ${lastEntry.line}, whose addenda indicator is not 1`);
        const typeCode = cut(raw, 2, 3);
        if (!/^\d\d$/.test(typeCode)) problem(lineNo, `addenda type code must be 2 digits, got ${JSON.stringify(typeCode)}`);
        else if ((typeCode === '98' || typeCode === '99') && lastEntry.addenda.length > 0) problem(lineNo, `a second addenda record for the entry of line ${lastEntry.line}`);
        lastEntry.addenda.push({ line: lineNo, typeCode, record: raw });
        break;
      }
      case '8': {
        if (!batch) {
          problem(lineNo, 'a batch control record outside a batch');
          break;
        }
        if (lastEntry && lastEntry.addendaIndicator === '1' && lastEntry.addenda.length === 0) {
          problem(lastEntry.line, 'the entry says it has an addenda record (indicator 1), and none follows it');
        }
        const c: NachaBatchControl = {
          line: lineNo,
          serviceClassCode: cut(raw, 2, 4),
          entryAddendaCount: number(cut(raw, 5, 10), lineNo, 'entry/addenda count'),
          entryHash: cut(raw, 11, 20),
          totalDebitMinor: number(cut(raw, 21, 32), lineNo, 'total debit amount'),
          totalCreditMinor: number(cut(raw, 33, 44), lineNo, 'total credit amount'),
          companyId: cut(raw, 45, 54),
          odfiIdentification: cut(raw, 80, 87),
          batchNumber: number(cut(raw, 88, 94), lineNo, 'batch number'),
        };
        checkBatch(batch, c, problem);
        batch.control = c;
        batch = null;
        lastEntry = null;
        break;
      }
      case '9': {
        if (raw === PADDING_LINE) {
          problem(lineNo, 'a padding record before the file control record');
          break;
        }
        if (!header) problem(lineNo, 'a file control record before the file header record');
        if (batch) problem(lineNo, `the file control record while the batch of line ${batch.header.line} has no batch control record`);
        control = {
          line: lineNo,
          batchCount: number(cut(raw, 2, 7), lineNo, 'batch count'),
          blockCount: number(cut(raw, 8, 13), lineNo, 'block count'),
          entryAddendaCount: number(cut(raw, 14, 21), lineNo, 'entry/addenda count'),
          entryHash: cut(raw, 22, 31),
          totalDebitMinor: number(cut(raw, 32, 43), lineNo, 'total debit amount'),
          totalCreditMinor: number(cut(raw, 44, 55), lineNo, 'total credit amount'),
        };
        batch = null;
        break;
      }
      default:
        problem(lineNo, `unknown record type ${JSON.stringify(type)} (expected 1, 5, 6, 7, 8 or 9)`);
    }
  }

  if (lines.length === 0) problem(1, 'the file is empty');
  else if (!header) problem(1, 'the file has no file header record (type 1) on its first line');
  if (lines.length > 0 && !control) problem(lines.length, 'the file has no file control record (type 9)');
  if (batch) problem((batch as NachaBatch).header.line, 'the batch has no batch control record');
  if (control) checkFile(control, batches, lines.length, paddingFrom, problem);
  problems.sort((a, b) => a.line - b.line);
  return { header, batches, control, problems };
}

function sums(b: NachaBatch) {
  let count = 0;
  let hash = 0;
  let debit = 0;
  let credit = 0;
  for (const e of b.entries) {
    count += 1 + e.addenda.length;
    if (/^\d{8}/.test(e.routingNumber)) hash = (hash + Number(e.routingNumber.slice(0, 8))) % 10_000_000_000;
    if (isCreditCode(e.transactionCode)) credit += e.amountMinor;
    else debit += e.amountMinor;
  }
  return { count, hash, debit, credit };
}

function checkBatch(b: NachaBatch, c: NachaBatchControl, problem: (line: number, message: string) => void): void {
  const s = sums(b);
  const hash = String(s.hash).padStart(10, '0');
  if (c.serviceClassCode !== b.header.serviceClassCode) problem(c.line, `service class code ${c.serviceClassCode} differs from the batch header's ${b.header.serviceClassCode}`);
  if (c.entryAddendaCount !== s.count) problem(c.line, `entry/addenda count is ${c.entryAddendaCount}, the batch has ${s.count}`);
  if (c.entryHash !== hash) problem(c.line, `entry hash is ${c.entryHash}, the batch's routing prefixes add up to ${hash}`);
  if (c.totalDebitMinor !== s.debit) problem(c.line, `total debit amount is ${c.totalDebitMinor}, the batch's debits add up to ${s.debit}`);
  if (c.totalCreditMinor !== s.credit) problem(c.line, `total credit amount is ${c.totalCreditMinor}, the batch's credits add up to ${s.credit}`);
  if (c.companyId !== b.header.companyId) problem(c.line, `company identification ${JSON.stringify(c.companyId)} differs from the batch header's ${JSON.stringify(b.header.companyId)}`);
  if (c.odfiIdentification !== b.header.odfiIdentification) problem(c.line, `originating DFI ${c.odfiIdentification} differs from the batch header's ${b.header.odfiIdentification}`);
  if (c.batchNumber !== b.header.batchNumber) problem(c.line, `batch number ${c.batchNumber} differs from the batch header's ${b.header.batchNumber}`);
  if (b.header.serviceClassCode === '220' && s.debit > 0) problem(c.line, 'a credits-only batch (service class 220) holds debit entries');
  if (b.header.serviceClassCode === '225' && s.credit > 0) problem(c.line, 'a debits-only batch (service class 225) holds credit entries');
}

function checkFile(c: NachaFileControl, batches: NachaBatch[], physicalLines: number, paddingFrom: number | null, problem: (line: number, message: string) => void): void {
  let count = 0;
  let hash = 0;
  let debit = 0;
  let credit = 0;
  for (const b of batches) {
    const s = sums(b);
    count += s.count;
    hash = (hash + s.hash) % 10_000_000_000;
    debit += s.debit;
    credit += s.credit;
  }
  const hash10 = String(hash).padStart(10, '0');
  if (c.batchCount !== batches.length) problem(c.line, `batch count is ${c.batchCount}, the file has ${batches.length}`);
  if (c.entryAddendaCount !== count) problem(c.line, `entry/addenda count is ${c.entryAddendaCount}, the file has ${count}`);
  if (c.entryHash !== hash10) problem(c.line, `entry hash is ${c.entryHash}, the batches add up to ${hash10}`);
  if (c.totalDebitMinor !== debit) problem(c.line, `total debit amount is ${c.totalDebitMinor}, the batches add up to ${debit}`);
  if (c.totalCreditMinor !== credit) problem(c.line, `total credit amount is ${c.totalCreditMinor}, the batches add up to ${credit}`);
  const records = c.line; // the file control is the last record before the padding
  const blocks = Math.ceil(records / BLOCKING_FACTOR);
  if (c.blockCount !== blocks) problem(c.line, `block count is ${c.blockCount}, the file's ${records} records make ${blocks} blocks of ${BLOCKING_FACTOR}`);
  if (physicalLines % BLOCKING_FACTOR !== 0) problem(physicalLines, `the file has ${physicalLines} records: it must be padded with records of 94 nines to a multiple of ${BLOCKING_FACTOR}`);
  else if (physicalLines !== blocks * BLOCKING_FACTOR) problem(paddingFrom ?? physicalLines, `the file is padded past its last block (${physicalLines} records for ${blocks} blocks)`);
}
