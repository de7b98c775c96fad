import type { AchCorrectedField } from '../payouts.tables.ts';
import { abaCheckDigit, fromYymmdd } from './fields.ts';
import { parseNachaFile, type NachaEntry, type NachaProblem } from './reader.ts';
import { CHANGE_CODES, RETURN_CODES } from './return-codes.ts';

/** What a notification of change says the details should be (only the fields its code corrects are set). */
export interface AchCorrectedData {
  field: AchCorrectedField;
  routingNumber?: string;
  accountNumber?: string;
  accountType?: 'checking' | 'savings';
  holderName?: string;
}

/** One entry of the bank's returns file: a return (addenda 99) or a notification of change (addenda 98). */
export interface AchFileItem {
  kind: 'return' | 'notification_of_change';
  /** R01…R85 or C01…C14. */
  code: string;
  /** The trace number of our entry the bank answers: it finds the payout. */
  originalTraceNumber: string;
  /** The returned amount in cents (0 on a notification of change). */
  amountMinor: number;
  correctedData?: AchCorrectedData;
  /** The bank's own trace number of the return entry. */
  traceNumber: string;
  /** The line of the entry detail record. */
  line: number;
  /** 'YYYY-MM-DD' (R14, R15), else null. */
  dateOfDeath: string | null;
  /** The 8-digit routing prefix of the receiving bank of our original entry. */
  originalReceivingDfi: string;
  /** Free text the bank added (returns only). */
  addendaInformation: string;
}

export interface AchFileParse {
  items: AchFileItem[];
  /** Every line that could not be read. ANY problem means the caller changes nothing. */
  problems: NachaProblem[];
}

const cut = (s: string, from: number, to: number) => s.slice(from - 1, to);

function accountTypeOf(code: string): 'checking' | 'savings' | null {
  // The corrected code of a credit: 22 (or its prenote 23, zero-dollar 24) for checking, 32–34 for savings.
  if (/^2[234]$/.test(code)) return 'checking';
  if (/^3[234]$/.test(code)) return 'savings';
  return null;
}

/** The corrected data field (29 characters) of a change code, laid out as Nacha's Appendix Five says. */
function correctedDataOf(code: string, data: string): { value: AchCorrectedData } | { error: string } {
  const field = CHANGE_CODES[code]?.field;
  if (!field) return { error: `change code ${code} (${CHANGE_CODES[code]?.title ?? 'unknown'}) is not a correction a seller can confirm: take it up with the bank` };
  const routing = (s: string) => {
    if (!/^\d{9}$/.test(s)) return 'corrected routing number must be 9 digits';
    if (abaCheckDigit(s.slice(0, 8)) !== Number(s[8])) return 'corrected routing number fails the ABA check digit';
    return null;
  };
  const account = (s: string) => (/^[0-9A-Z-]{1,17}$/.test(s.trim()) ? null : 'corrected account number must be 1–17 digits or letters');
  const type = (s: string) => (accountTypeOf(s) ? null : `corrected transaction code ${JSON.stringify(s)} is not a checking (22) or savings (32) credit code`);
  const rest = (from: number, what: string) => (data.slice(from).trim() ? `unexpected characters after the ${what} in the corrected data` : null);
  const fail = (...errors: (string | null)[]) => errors.find((e) => e !== null) ?? null;
  switch (code) {
    case 'C01': {
      const a = data.slice(0, 17);
      const e = fail(account(a), rest(17, 'account number'));
      return e ? { error: e } : { value: { field, accountNumber: a.trim() } };
    }
    case 'C02': {
      const r = data.slice(0, 9);
      const e = fail(routing(r), rest(9, 'routing number'));
      return e ? { error: e } : { value: { field, routingNumber: r } };
    }
    case 'C03': {
      const r = data.slice(0, 9);
      const a = data.slice(12, 29);
      const e = fail(routing(r), data.slice(9, 12).trim() ? 'positions 10–12 of the corrected data must be blank' : null, account(a));
      return e ? { error: e } : { value: { field, routingNumber: r, accountNumber: a.trim() } };
    }
    case 'C04': {
      const name = data.slice(0, 22).trim();
      const e = fail(name ? null : 'corrected name is blank', rest(22, 'name'));
      return e ? { error: e } : { value: { field, holderName: name } };
    }
    case 'C05': {
      const t = data.slice(0, 2);
      const e = fail(type(t), rest(2, 'transaction code'));
      return e ? { error: e } : { value: { field, accountType: accountTypeOf(t)! } };
    }
    case 'C06': {
      const a = data.slice(0, 17);
      const t = data.slice(21, 23);
      const e = fail(account(a), data.slice(17, 21).trim() ? 'positions 18–21 of the corrected data must be blank' : null, type(t), rest(23, 'transaction code'));
      return e ? { error: e } : { value: { field, accountNumber: a.trim(), accountType: accountTypeOf(t)! } };
    }
    case 'C07': {
      const r = data.slice(0, 9);
      const a = data.slice(9, 26);
      const t = data.slice(26, 28);
      const e = fail(routing(r), account(a), type(t), rest(28, 'transaction code'));
      return e ? { error: e } : { value: { field, routingNumber: r, accountNumber: a.trim(), accountType: accountTypeOf(t)! } };
    }
    default:
      return { error: `change code ${code} is not supported` };
  }
}

/** The entry's item, or null after reporting each of its problems. */
function itemOf(entry: NachaEntry, report: (line: number, message: string) => void): AchFileItem | null {
  let found = 0;
  const problem = (line: number, message: string) => {
    found++;
    report(line, message);
  };
  if (entry.addenda.length === 0) {
    problem(entry.line, 'the entry has no return (99) or notification of change (98) addenda record');
    return null;
  }
  const addenda = entry.addenda[0]!;
  const r = addenda.record;
  const kind = addenda.typeCode === '99' ? 'return' : addenda.typeCode === '98' ? 'notification_of_change' : null;
  if (!kind) {
    problem(addenda.line, `addenda type ${JSON.stringify(addenda.typeCode)} is neither a return (99) nor a notification of change (98)`);
    return null;
  }
  const code = cut(r, 4, 6);
  if (kind === 'return' && !RETURN_CODES[code]) problem(addenda.line, `unknown return reason code ${JSON.stringify(code)}`);
  if (kind === 'notification_of_change' && !CHANGE_CODES[code]) problem(addenda.line, `unknown change code ${JSON.stringify(code)}`);
  const originalTraceNumber = cut(r, 7, 21);
  if (!/^\d{15}$/.test(originalTraceNumber)) problem(addenda.line, `original entry trace number must be 15 digits, got ${JSON.stringify(originalTraceNumber)}`);
  const originalReceivingDfi = cut(r, 28, 35);
  if (!/^\d{8}$/.test(originalReceivingDfi)) problem(addenda.line, `original receiving DFI identification must be 8 digits, got ${JSON.stringify(originalReceivingDfi)}`);
  const trace = cut(r, 80, 94);
  if (trace !== entry.traceNumber) problem(addenda.line, `addenda trace number ${JSON.stringify(trace)} differs from its entry's ${entry.traceNumber}`);
  let dateOfDeath: string | null = null;
  let correctedData: AchCorrectedData | undefined;
  if (kind === 'return') {
    const raw = cut(r, 22, 27);
    if (raw.trim()) {
      dateOfDeath = fromYymmdd(raw);
      if (!dateOfDeath) problem(addenda.line, `date of death ${JSON.stringify(raw)} is not a YYMMDD date`);
    }
    if (entry.amountMinor <= 0) problem(entry.line, 'a returned entry must carry the returned amount');
  } else if (CHANGE_CODES[code]) {
    const parsed = correctedDataOf(code, cut(r, 36, 64));
    if ('error' in parsed) problem(addenda.line, parsed.error);
    else correctedData = parsed.value;
  }
  if (found > 0) return null;
  return {
    kind,
    code,
    originalTraceNumber,
    amountMinor: entry.amountMinor,
    ...(correctedData ? { correctedData } : {}),
    traceNumber: entry.traceNumber,
    line: entry.line,
    dateOfDeath,
    originalReceivingDfi,
    addendaInformation: kind === 'return' ? cut(r, 36, 79).trimEnd() : '',
  };
}

/**
 * The bank's returns file: each entry detail record followed by its addenda 99 (a return:
 * reason code, original trace, date of death, original receiving DFI, information) or 98 (a
 * notification of change: change code, original trace, corrected data). Every unreadable line
 * is reported; ANY problem means the caller records nothing from the file.
 */
export function parseReturnFile(text: string): AchFileParse {
  const parsed = parseNachaFile(text);
  const problems = [...parsed.problems];
  const problem = (line: number, message: string) => problems.push({ line, message });
  const items: AchFileItem[] = [];
  const seen = new Map<string, number>();
  for (const batch of parsed.batches) {
    for (const entry of batch.entries) {
      const item = itemOf(entry, problem);
      if (!item) continue;
      // One return per original entry, one change per (entry, code): a second one is the bank's mistake or a file joined twice.
      const key = item.kind === 'return' ? `R:${item.originalTraceNumber}` : `C:${item.originalTraceNumber}:${item.code}`;
      const first = seen.get(key);
      if (first !== undefined) {
        problem(item.line, `the entry ${item.originalTraceNumber} is ${item.kind === 'return' ? 'returned' : `changed (${item.code})`} a second time (first on line ${first})`);
        continue;
      }
      seen.set(key, item.line);
      items.push(item);
    }
  }
  if (!problems.length && items.length === 0) problems.push({ line: 1, message: 'the file has no returns and no notifications of change' });
  problems.sort((a, b) => a.line - b.line);
  return { items, problems };
}
