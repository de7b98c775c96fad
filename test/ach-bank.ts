import { parseNachaFile } from '../src/server/modules/payouts/index.ts';

/**
 * Plays the bank: given a NACHA file we wrote and what the bank has to say about some of its
 * entries, writes the returns file the bank would send back — one PPD batch of returns (each
 * entry followed by an addenda 99) and one COR batch of notifications of change (addenda 98),
 * with the control totals, entry hashes, block count and 9-padding a real file has.
 */
export interface BankAnswer {
  /** The trace number of our entry. */
  traceNumber: string;
  /** R01…R85 (a return) or C01…C14 (a notification of change). */
  code: string;
  /** A change's corrected data: the fields (laid out per change code), or the raw 29 characters. */
  correctedData?: { routingNumber?: string; accountNumber?: string; accountType?: 'checking' | 'savings'; holderName?: string } | string;
  /** 'YYYY-MM-DD' (R14, R15). */
  dateOfDeath?: string;
  addendaInformation?: string;
}

export interface BankFileOptions {
  /** The returning bank's routing number: the trace prefix of its entries. */
  bankRouting?: string;
  /** 'YYYY-MM-DD' of the returns file; defaults to our batch's effective date. */
  date?: string;
}

const pad = (s: string, n: number) => {
  if (s.length > n) throw new Error(`test bank: ${JSON.stringify(s)} is longer than ${n}`);
  return s.padEnd(n, ' ');
};
const zero = (v: number, n: number) => String(v).padStart(n, '0');
const yymmdd = (d: string) => d.slice(2).replaceAll('-', '');

function correctedField(code: string, data: BankAnswer['correctedData']): string {
  if (typeof data === 'string') return pad(data, 29);
  const d = data ?? {};
  const tx = d.accountType === 'savings' ? '32' : '22';
  const need = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`test bank: ${code} needs ${what}`);
    return v;
  };
  switch (code) {
    case 'C01':
      return pad(need(d.accountNumber, 'accountNumber'), 29);
    case 'C02':
      return pad(need(d.routingNumber, 'routingNumber'), 29);
    case 'C03':
      return pad(need(d.routingNumber, 'routingNumber') + '   ' + need(d.accountNumber, 'accountNumber'), 29);
    case 'C04':
      return pad(need(d.holderName, 'holderName'), 29);
    case 'C05':
      return pad(need(d.accountType, 'accountType') && tx, 29);
    case 'C06':
      return pad(pad(need(d.accountNumber, 'accountNumber'), 17) + '    ' + (need(d.accountType, 'accountType') && tx), 29);
    case 'C07':
      return pad(need(d.routingNumber, 'routingNumber') + pad(need(d.accountNumber, 'accountNumber'), 17) + (need(d.accountType, 'accountType') && tx), 29);
    default:
      return pad('', 29);
  }
}

export function bankReturnsFile(ourFile: string, answers: readonly BankAnswer[], opts: BankFileOptions = {}): string {
  const ours = parseNachaFile(ourFile);
  if (ours.problems.length) throw new Error(`test bank: our file does not read back: ${JSON.stringify(ours.problems)}`);
  const entries = new Map(ours.batches.flatMap((b) => b.entries.map((e) => [e.traceNumber, { entry: e, batch: b }] as const)));
  const first = ours.batches[0]!;
  const odfiRouting = ours.header!.immediateDestination;
  const bankRouting = opts.bankRouting ?? '091000019';
  const date = opts.date ?? first.header.effectiveDate!;
  const header = first.header;

  const lines: string[] = [];
  lines.push(
    '1' + '01' + ' ' + odfiRouting + ' ' + bankRouting + yymmdd(date) + '0600' + 'A' + '094' + '10' + '1' + pad(ours.header!.immediateDestinationName, 23) + pad('FEDERAL RESERVE BANK', 23) + pad('', 8),
  );
  let seq = 0;
  let batchNumber = 0;
  let fileCount = 0;
  let fileHash = 0;
  let fileCredit = 0;
  const batches = [
    { sec: 'PPD', answers: answers.filter((a) => a.code.startsWith('R')) },
    { sec: 'COR', answers: answers.filter((a) => !a.code.startsWith('R')) },
  ].filter((b) => b.answers.length > 0);
  for (const b of batches) {
    batchNumber++;
    const batchNo = zero(batchNumber, 7);
    const bank8 = bankRouting.slice(0, 8);
    lines.push(
      '5' + '220' + pad(header.companyName, 16) + pad('', 20) + header.companyId + b.sec + pad(header.entryDescription, 10) + pad('', 6) + yymmdd(date) + '   ' + '1' + bank8 + batchNo,
    );
    let count = 0;
    let hash = 0;
    let credit = 0;
    for (const a of b.answers) {
      const found = entries.get(a.traceNumber);
      if (!found) throw new Error(`test bank: no entry with trace number ${a.traceNumber} in our file`);
      const e = found.entry;
      seq++;
      const trace = bank8 + zero(seq, 7);
      const returnCode = e.transactionCode === '32' ? '31' : '21';
      const amount = b.sec === 'COR' ? 0 : e.amountMinor;
      lines.push('6' + returnCode + odfiRouting + pad(e.accountNumber, 17) + zero(amount, 10) + pad(e.individualId, 15) + pad(e.individualName, 22) + '  ' + '1' + trace);
      if (b.sec === 'COR') {
        lines.push('7' + '98' + a.code + e.traceNumber + pad('', 6) + e.routingNumber.slice(0, 8) + correctedField(a.code, a.correctedData) + pad('', 15) + trace);
      } else {
        lines.push('7' + '99' + a.code + e.traceNumber + (a.dateOfDeath ? yymmdd(a.dateOfDeath) : pad('', 6)) + e.routingNumber.slice(0, 8) + pad(a.addendaInformation ?? '', 44) + trace);
      }
      count += 2;
      hash = (hash + Number(odfiRouting.slice(0, 8))) % 10_000_000_000;
      credit += amount;
    }
    lines.push('8' + '220' + zero(count, 6) + zero(hash, 10) + zero(0, 12) + zero(credit, 12) + header.companyId + pad('', 19) + pad('', 6) + bank8 + batchNo);
    fileCount += count;
    fileHash = (fileHash + hash) % 10_000_000_000;
    fileCredit += credit;
  }
  const records = lines.length + 1;
  const blocks = Math.ceil(records / 10);
  lines.push('9' + zero(batches.length, 6) + zero(blocks, 6) + zero(fileCount, 8) + zero(fileHash, 10) + zero(0, 12) + zero(fileCredit, 12) + pad('', 39));
  while (lines.length < blocks * 10) lines.push('9'.repeat(94));
  for (const l of lines) if (l.length !== 94) throw new Error(`test bank: a record of ${l.length} characters: ${l}`);
  return lines.map((l) => l + '\n').join('');
}
