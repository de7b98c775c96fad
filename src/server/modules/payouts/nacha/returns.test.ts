import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bankReturnsFile } from '../../../../../test/ach-bank.ts';
import { CHANGE_CODES, nachaLines, parseNachaFile, parseReturnFile, RETURN_CODES, type NachaEntryInput } from './index.ts';

const GOLDEN = fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'golden-ppd.ach'), 'utf8');
const T1 = '021000020000001';
const T2 = '021000020000002';
const T3 = '021000020000003';

async function ourFile(n: number): Promise<string> {
  const entries: NachaEntryInput[] = Array.from({ length: n }, (_, i) => ({
    transactionCode: i % 2 ? 32 : 22,
    routingNumber: '011000015',
    accountNumber: String(5000 + i),
    amountMinor: 1000 + i,
    individualId: `T${i}`,
    individualName: 'Ann Smith',
    traceNumber: `02100002${String(i + 1).padStart(7, '0')}`,
  }));
  let out = '';
  const file = { odfiRouting: '021000021', odfiName: 'DEMO BANK', companyName: 'TRADELOOP DEMO', companyId: '1000000001', entryDescription: 'TRADE-IN', createdAt: new Date('2026-12-01T21:00:00Z'), fileIdModifier: 'A' };
  for await (const l of nachaLines(file, { effectiveDate: '2026-12-02' }, entries)) out += l;
  return out;
}

describe('the bank’s returns file', () => {
  it('reads the committed returns file of the golden file: a return R03 and a change C05', () => {
    const text = fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'bank-returns.ach'), 'utf8');
    const { items, problems } = parseReturnFile(text);
    expect(problems).toEqual([]);
    expect(items).toEqual([
      { kind: 'return', code: 'R03', originalTraceNumber: T1, amountMinor: 12345, traceNumber: '091000010000001', line: 3, dateOfDeath: null, originalReceivingDfi: '01100001', addendaInformation: 'NO ACCOUNT' },
      { kind: 'notification_of_change', code: 'C05', originalTraceNumber: T2, amountMinor: 0, correctedData: { field: 'account_type', accountType: 'checking' }, traceNumber: '091000010000002', line: 7, dateOfDeath: null, originalReceivingDfi: '02600959', addendaInformation: '' },
    ]);
    // The test bank writes it the same way (other tests rely on it).
    expect(bankReturnsFile(GOLDEN, [{ traceNumber: T1, code: 'R03', addendaInformation: 'NO ACCOUNT' }, { traceNumber: T2, code: 'C05', correctedData: { accountType: 'checking' } }], { date: '2026-11-30' })).toBe(text);
  });

  it('reads every return code Nacha lists, with its amount and original trace number', async () => {
    const codes = Object.keys(RETURN_CODES);
    expect(codes).toEqual(expect.arrayContaining(['R01', 'R02', 'R03', 'R04', 'R16', 'R20', 'R23', 'R29', 'R34', 'R37', 'R39', 'R50', 'R53', 'R61', 'R77', 'R85']));
    const ours = await ourFile(codes.length);
    const answers = codes.map((code, i) => ({ traceNumber: `02100002${String(i + 1).padStart(7, '0')}`, code }));
    const { items, problems } = parseReturnFile(bankReturnsFile(ours, answers));
    expect(problems).toEqual([]);
    expect(items.map((i) => [i.kind, i.code, i.originalTraceNumber, i.amountMinor])).toEqual(codes.map((code, i) => ['return', code, answers[i]!.traceNumber, 1000 + i]));
    for (const item of items) {
      expect(item.originalReceivingDfi).toBe('01100001');
      expect(item.correctedData).toBeUndefined();
    }
  });

  it('gives each return code a title, a reason the seller reads, and whether new details fix it', () => {
    for (const [code, r] of Object.entries(RETURN_CODES)) {
      expect(code).toMatch(/^R\d\d$/);
      expect(r.title.length).toBeGreaterThan(3);
      expect(r.reason.length).toBeGreaterThan(20);
    }
    expect(RETURN_CODES.R01!.title).toBe('Insufficient funds');
    expect(RETURN_CODES.R02).toMatchObject({ title: 'Account closed', sellerCanFix: true });
    expect(RETURN_CODES.R03).toMatchObject({ title: 'No account / unable to locate account', sellerCanFix: true });
    expect(RETURN_CODES.R04).toMatchObject({ title: 'Invalid account number structure', sellerCanFix: true });
    expect(RETURN_CODES.R15!.sellerCanFix).toBe(false);
  });

  it('reads the date of death and the bank’s information on a return', async () => {
    const text = bankReturnsFile(GOLDEN, [{ traceNumber: T2, code: 'R15', dateOfDeath: '2026-11-20', addendaInformation: 'ACCOUNT HOLDER DECEASED' }]);
    const { items, problems } = parseReturnFile(text);
    expect(problems).toEqual([]);
    expect(items).toEqual([
      expect.objectContaining({ kind: 'return', code: 'R15', originalTraceNumber: T2, amountMinor: 100000000, dateOfDeath: '2026-11-20', addendaInformation: 'ACCOUNT HOLDER DECEASED', line: 3 }),
    ]);
  });

  it('reads notifications of change and their corrected data, code by code', () => {
    const text = bankReturnsFile(GOLDEN, [
      { traceNumber: T1, code: 'C01', correctedData: { accountNumber: '99887766' } },
      { traceNumber: T1, code: 'C02', correctedData: { routingNumber: '026009593' } },
      { traceNumber: T1, code: 'C03', correctedData: { routingNumber: '121000358', accountNumber: '00123' } },
      { traceNumber: T2, code: 'C04', correctedData: { holderName: 'ZOE OBRIEN' } },
      { traceNumber: T2, code: 'C05', correctedData: { accountType: 'checking' } },
      { traceNumber: T2, code: 'C06', correctedData: { accountNumber: '55555', accountType: 'savings' } },
      { traceNumber: T3, code: 'C07', correctedData: { routingNumber: '011000015', accountNumber: '12345678901234567', accountType: 'savings' } },
    ]);
    const { items, problems } = parseReturnFile(text);
    expect(problems).toEqual([]);
    expect(items.map((i) => [i.kind, i.code, i.originalTraceNumber, i.amountMinor, i.correctedData])).toEqual([
      ['notification_of_change', 'C01', T1, 0, { field: 'account_number', accountNumber: '99887766' }],
      ['notification_of_change', 'C02', T1, 0, { field: 'routing_number', routingNumber: '026009593' }],
      ['notification_of_change', 'C03', T1, 0, { field: 'routing_and_account', routingNumber: '121000358', accountNumber: '00123' }],
      ['notification_of_change', 'C04', T2, 0, { field: 'holder_name', holderName: 'ZOE OBRIEN' }],
      ['notification_of_change', 'C05', T2, 0, { field: 'account_type', accountType: 'checking' }],
      ['notification_of_change', 'C06', T2, 0, { field: 'account_and_type', accountNumber: '55555', accountType: 'savings' }],
      ['notification_of_change', 'C07', T3, 0, { field: 'routing_and_account', routingNumber: '011000015', accountNumber: '12345678901234567', accountType: 'savings' }],
    ]);
  });

  it('reads returns and changes of one file together', () => {
    const { items, problems } = parseReturnFile(bankReturnsFile(GOLDEN, [{ traceNumber: T1, code: 'R03' }, { traceNumber: T2, code: 'C01', correctedData: { accountNumber: '1234' } }]));
    expect(problems).toEqual([]);
    expect(items.map((i) => `${i.kind}:${i.code}:${i.originalTraceNumber}`)).toEqual([`return:R03:${T1}`, `notification_of_change:C01:${T2}`]);
  });

  it('refuses a change a seller cannot confirm, and corrected data that does not read', () => {
    for (const code of ['C08', 'C09', 'C10', 'C11', 'C12', 'C13', 'C14']) {
      expect(CHANGE_CODES[code]!.field).toBeNull();
      const { problems } = parseReturnFile(bankReturnsFile(GOLDEN, [{ traceNumber: T1, code, correctedData: 'SOMETHING' }]));
      expect(problems, code).toEqual([{ line: 4, message: expect.stringMatching(new RegExp(`${code} .*not a correction a seller can confirm`)) }]);
    }
    const bad = [
      ['C02', '021000022', /fails the ABA check digit/],
      ['C02', '02100002', /9 digits/],
      ['C01', '', /account number/],
      ['C05', '27', /not a checking \(22\) or savings \(32\) credit code/],
      ['C05', '42', /not a checking/],
      ['C03', '011000015XXX1234', /positions 10–12/],
      ['C99', '1234', /unknown change code "C99"/],
    ] as const;
    for (const [code, data, message] of bad) {
      const { problems } = parseReturnFile(bankReturnsFile(GOLDEN, [{ traceNumber: T1, code, correctedData: data }]));
      expect(problems, `${code} ${data}`).toEqual([{ line: 4, message: expect.stringMatching(message) }]);
    }
  });

  it('refuses an unknown return code and a second return of one entry', () => {
    expect(parseReturnFile(bankReturnsFile(GOLDEN, [{ traceNumber: T1, code: 'R99' }])).problems).toEqual([{ line: 4, message: 'unknown return reason code "R99"' }]);
    expect(parseReturnFile(bankReturnsFile(GOLDEN, [{ traceNumber: T1, code: 'R03' }, { traceNumber: T1, code: 'R02' }])).problems).toEqual([
      { line: 5, message: expect.stringMatching(/returned a second time \(first on line 3\)/) },
    ]);
  });

  it('reports every bad line of a malformed file, not only the first', () => {
    const lines = bankReturnsFile(GOLDEN, [{ traceNumber: T1, code: 'R03' }, { traceNumber: T2, code: 'R02' }, { traceNumber: T3, code: 'R04' }]).split('\n');
    lines[3] = lines[3]!.slice(0, 80); // an addenda cut short
    lines[5] = lines[5]!.slice(0, 3) + 'R0X' + lines[5]!.slice(6); // a return code that is no code
    lines[6] = lines[6]!.slice(0, 29) + '00000000AB' + lines[6]!.slice(39); // an amount that is no number
    const { problems } = parseReturnFile(lines.join('\n'));
    const byLine = new Map<number, string>();
    for (const p of problems) byLine.set(p.line, `${byLine.get(p.line) ?? ''}${p.message}\n`);
    expect(byLine.get(4)).toMatch(/80 characters long/);
    expect(byLine.get(6)).toMatch(/unknown return reason code "R0X"/);
    expect(byLine.get(7)).toMatch(/amount must be digits/);
    // The entry that lost its addenda is reported too, and the batch totals no longer add up.
    expect(byLine.get(3)).toMatch(/has an addenda record .* none follows/);
    expect(problems.some((p) => /entry\/addenda count/.test(p.message))).toBe(true);
  });

  it('refuses text that is no ACH file at all, and a file with nothing in it', () => {
    const { items, problems } = parseReturnFile('hello,world\nR03,021000020000001\n');
    expect(items).toEqual([]);
    expect(problems.map((p) => p.line)).toEqual(expect.arrayContaining([1, 2]));
    expect(parseReturnFile(GOLDEN).problems).toContainEqual({ line: 3, message: expect.stringMatching(/no return \(99\) or notification of change \(98\) addenda/) });
  });

  it('never repeats a routing or account number in a problem (the operator sees them, logs may keep them)', () => {
    const { problems } = parseReturnFile(bankReturnsFile(GOLDEN, [{ traceNumber: T1, code: 'C03', correctedData: '021000022   12345 678' }]));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).not.toMatch(/021000022|12345/);
    const lines = GOLDEN.split('\n');
    lines[2] = lines[2]!.slice(0, 11) + '9' + lines[2]!.slice(12);
    const bad = parseNachaFile(lines.join('\n')).problems;
    expect(bad.map((p) => p.message).join(' ')).not.toMatch(/011000019|01100001|123456789/);
  });

  it('checks the addenda belongs to its entry', () => {
    const lines = bankReturnsFile(GOLDEN, [{ traceNumber: T1, code: 'R03' }]).split('\n');
    lines[3] = lines[3]!.slice(0, 79) + '091000010000009';
    expect(parseReturnFile(lines.join('\n')).problems).toEqual([{ line: 4, message: expect.stringMatching(/addenda trace number "091000010000009" differs/) }]);
  });
});
