import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_TYPE_TRANSACTION_CODE,
  MAX_ENTRY_AMOUNT_MINOR,
  nachaLines,
  NachaInputError,
  parseNachaFile,
  sameDayDescriptiveDate,
  type NachaBatchInput,
  type NachaEntryInput,
  type NachaFileInput,
} from './index.ts';
import { MAX_PRICE_MINOR } from '../../../../shared/api/wishlist.ts';

const GOLDEN = path.join(import.meta.dirname, 'fixtures', 'golden-ppd.ach');

const FILE: NachaFileInput = {
  odfiRouting: '021000021',
  odfiName: 'Demo Bank',
  companyName: 'Tradeloop Demo',
  companyId: '1000000001',
  entryDescription: 'TRADE-IN',
  // 16:05 in New York on Wednesday 25 November 2026 (Thanksgiving is the 26th).
  createdAt: new Date('2026-11-25T21:05:00Z'),
  fileIdModifier: 'A',
};
const BATCH: NachaBatchInput = { effectiveDate: '2026-11-27' };
const GOLDEN_ENTRIES: NachaEntryInput[] = [
  { transactionCode: 22, routingNumber: '011000015', accountNumber: '123456789', amountMinor: 12345, individualId: 'pay_0001', individualName: 'José Müller', traceNumber: '021000020000001' },
  { transactionCode: 32, routingNumber: '026009593', accountNumber: '000987654321', amountMinor: 100000000, individualId: 'pay_0002', individualName: 'Zoë O’Brien-Łukasz', traceNumber: '021000020000002' },
  { transactionCode: 22, routingNumber: '121000358', accountNumber: '4111-22', amountMinor: 1, individualId: 'pay_0003', individualName: 'Maximilian Alexander Featherstonehaugh', traceNumber: '021000020000003' },
];

async function write(file: NachaFileInput, batch: NachaBatchInput, entries: Iterable<NachaEntryInput> | AsyncIterable<NachaEntryInput>): Promise<string> {
  let out = '';
  for await (const line of nachaLines(file, batch, entries)) out += line;
  return out;
}

/** `n` entries to checking accounts at one bank, $1.00 more each. */
function entries(n: number, over: Partial<NachaEntryInput> = {}): NachaEntryInput[] {
  return Array.from({ length: n }, (_, i) => ({
    transactionCode: 22,
    routingNumber: '011000015',
    accountNumber: String(1000 + i),
    amountMinor: 100 * (i + 1),
    individualId: `T${i}`,
    individualName: 'Ann Smith',
    traceNumber: `02100002${String(i + 1).padStart(7, '0')}`,
    ...over,
  }));
}

/** The 1-based, inclusive columns of a record, as the Nacha layout tables number them. */
const col = (line: string, from: number, to: number) => line.slice(from - 1, to);

describe('NACHA writer: the golden file', () => {
  it('writes the committed golden file byte for byte', async () => {
    expect(await write(FILE, BATCH, GOLDEN_ENTRIES)).toBe(fs.readFileSync(GOLDEN, 'utf8'));
  });

  it('lays out every field where Nacha puts it', () => {
    const lines = fs.readFileSync(GOLDEN, 'utf8').split('\n');
    expect(lines.pop()).toBe(''); // ends with a newline
    expect(lines).toHaveLength(10);
    for (const l of lines) expect(l).toHaveLength(94);
    const [fh, bh, e1, e2, e3, bc, fc, ...pad] = lines as [string, string, string, string, string, string, string, ...string[]];

    // File header
    expect(col(fh, 1, 1)).toBe('1');
    expect(col(fh, 2, 3)).toBe('01'); // priority code
    expect(col(fh, 4, 13)).toBe(' 021000021'); // immediate destination: the ODFI
    expect(col(fh, 14, 23)).toBe('1000000001'); // immediate origin: the company id
    expect(col(fh, 24, 29)).toBe('261125'); // creation date, New York
    expect(col(fh, 30, 33)).toBe('1605'); // creation time, New York (21:05 UTC)
    expect(col(fh, 34, 34)).toBe('A'); // file id modifier
    expect(col(fh, 35, 37)).toBe('094'); // record size
    expect(col(fh, 38, 39)).toBe('10'); // blocking factor
    expect(col(fh, 40, 40)).toBe('1'); // format code
    expect(col(fh, 41, 63)).toBe('DEMO BANK'.padEnd(23));
    expect(col(fh, 64, 86)).toBe('TRADELOOP DEMO'.padEnd(23));
    expect(col(fh, 87, 94)).toBe(' '.repeat(8)); // reference code

    // Batch header
    expect(col(bh, 1, 1)).toBe('5');
    expect(col(bh, 2, 4)).toBe('220'); // credits only
    expect(col(bh, 5, 20)).toBe('TRADELOOP DEMO  ');
    expect(col(bh, 21, 40)).toBe(' '.repeat(20)); // discretionary data
    expect(col(bh, 41, 50)).toBe('1000000001');
    expect(col(bh, 51, 53)).toBe('PPD');
    expect(col(bh, 54, 63)).toBe('TRADE-IN  ');
    expect(col(bh, 64, 69)).toBe('      '); // descriptive date: blank on a standard batch
    expect(col(bh, 70, 75)).toBe('261127'); // effective entry date
    expect(col(bh, 76, 78)).toBe('   '); // settlement date: the ACH operator's
    expect(col(bh, 79, 79)).toBe('1'); // originator status
    expect(col(bh, 80, 87)).toBe('02100002'); // ODFI: routing without check digit
    expect(col(bh, 88, 94)).toBe('0000001'); // batch number

    // Entry details
    expect(col(e1, 1, 1)).toBe('6');
    expect(col(e1, 2, 3)).toBe('22'); // checking credit
    expect(col(e1, 4, 11)).toBe('01100001'); // receiving DFI
    expect(col(e1, 12, 12)).toBe('5'); // its check digit
    expect(col(e1, 13, 29)).toBe('123456789'.padEnd(17)); // account, left-justified
    expect(col(e1, 30, 39)).toBe('0000012345'); // $123.45
    expect(col(e1, 40, 54)).toBe('PAY_0001'.padEnd(15));
    expect(col(e1, 55, 76)).toBe('JOSE MULLER'.padEnd(22)); // accents removed
    expect(col(e1, 77, 78)).toBe('  ');
    expect(col(e1, 79, 79)).toBe('0'); // no addenda
    expect(col(e1, 80, 94)).toBe('021000020000001');
    expect(col(e2, 2, 3)).toBe('32'); // savings credit
    expect(col(e2, 4, 12)).toBe('026009593');
    expect(col(e2, 13, 29)).toBe('000987654321     '); // leading zeros kept
    expect(col(e2, 30, 39)).toBe('0100000000'); // $1,000,000.00
    expect(col(e2, 55, 76)).toBe("ZOE O'BRIEN-LUKASZ    ");
    expect(col(e3, 30, 39)).toBe('0000000001');
    expect(col(e3, 55, 76)).toBe('MAXIMILIAN ALEXANDER F'); // cut to 22

    // Batch control
    expect(col(bc, 1, 1)).toBe('8');
    expect(col(bc, 2, 4)).toBe('220');
    expect(col(bc, 5, 10)).toBe('000003'); // entry/addenda count
    expect(col(bc, 11, 20)).toBe('0015800995'); // 01100001 + 02600959 + 12100035
    expect(col(bc, 21, 32)).toBe('000000000000'); // no debits
    expect(col(bc, 33, 44)).toBe('000100012346'); // 12345 + 100000000 + 1
    expect(col(bc, 45, 54)).toBe('1000000001');
    expect(col(bc, 55, 79)).toBe(' '.repeat(25)); // MAC and reserved
    expect(col(bc, 80, 87)).toBe('02100002');
    expect(col(bc, 88, 94)).toBe('0000001');

    // File control
    expect(col(fc, 1, 1)).toBe('9');
    expect(col(fc, 2, 7)).toBe('000001'); // batch count
    expect(col(fc, 8, 13)).toBe('000001'); // block count: 7 records → one block of 10
    expect(col(fc, 14, 21)).toBe('00000003');
    expect(col(fc, 22, 31)).toBe('0015800995');
    expect(col(fc, 32, 43)).toBe('000000000000');
    expect(col(fc, 44, 55)).toBe('000100012346');
    expect(col(fc, 56, 94)).toBe(' '.repeat(39));

    expect(pad).toEqual(['9'.repeat(94), '9'.repeat(94), '9'.repeat(94)]);
  });

  it('reads the golden file back with the product’s own reader', () => {
    const parsed = parseNachaFile(fs.readFileSync(GOLDEN, 'utf8'));
    expect(parsed.problems).toEqual([]);
    expect(parsed.header).toMatchObject({ immediateDestination: '021000021', immediateOrigin: '1000000001', creationDate: '2026-11-25', creationTime: '1605', fileIdModifier: 'A', immediateDestinationName: 'DEMO BANK', immediateOriginName: 'TRADELOOP DEMO' });
    expect(parsed.batches).toHaveLength(1);
    const [batch] = parsed.batches;
    expect(batch!.header).toMatchObject({ serviceClassCode: '220', companyName: 'TRADELOOP DEMO', companyId: '1000000001', secCode: 'PPD', entryDescription: 'TRADE-IN', effectiveDate: '2026-11-27', odfiIdentification: '02100002', batchNumber: 1 });
    expect(batch!.entries.map((e) => [e.transactionCode, e.routingNumber, e.accountNumber, e.amountMinor, e.individualId, e.individualName, e.traceNumber])).toEqual([
      ['22', '011000015', '123456789', 12345, 'PAY_0001', 'JOSE MULLER', '021000020000001'],
      ['32', '026009593', '000987654321', 100000000, 'PAY_0002', "ZOE O'BRIEN-LUKASZ", '021000020000002'],
      ['22', '121000358', '4111-22', 1, 'PAY_0003', 'MAXIMILIAN ALEXANDER F', '021000020000003'],
    ]);
    expect(batch!.control).toMatchObject({ entryAddendaCount: 3, entryHash: '0015800995', totalDebitMinor: 0, totalCreditMinor: 100012346 });
    expect(parsed.control).toMatchObject({ batchCount: 1, blockCount: 1, entryAddendaCount: 3, entryHash: '0015800995', totalCreditMinor: 100012346 });
  });
});

describe('NACHA writer: counts, blocks and totals', () => {
  it('pads with 9s to a multiple of 10 records and counts the blocks', async () => {
    for (const [n, blocks] of [[1, 1], [6, 1], [7, 2], [16, 2], [17, 3], [250, 26]] as const) {
      const text = await write(FILE, BATCH, entries(n));
      const lines = text.split('\n').slice(0, -1);
      expect(lines.length, `${n} entries`).toBe(blocks * 10);
      for (const l of lines) expect(l).toHaveLength(94);
      const records = n + 4;
      expect(lines.slice(records)).toEqual(Array(blocks * 10 - records).fill('9'.repeat(94)));
      expect(col(lines[records - 1]!, 8, 13)).toBe(String(blocks).padStart(6, '0'));
      expect(parseNachaFile(text).problems).toEqual([]);
    }
  });

  it('keeps the low 10 digits of the entry hash when the routing prefixes overflow it', async () => {
    // 101 × 99,999,999 = 10,099,999,899: eleven digits, the leading 1 is dropped.
    const text = await write(FILE, BATCH, entries(101, { routingNumber: '999999992' }));
    const lines = text.split('\n');
    expect(lines[103]![0]).toBe('8');
    expect(col(lines[103]!, 11, 20)).toBe('0099999899');
    expect(col(lines[104]!, 22, 31)).toBe('0099999899');
    const parsed = parseNachaFile(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.control!.entryHash).toBe('0099999899');
  });

  it('carries amounts up to the field’s maximum and refuses anything above it, zero, negative or fractional', async () => {
    const top = await write(FILE, BATCH, entries(1, { amountMinor: MAX_ENTRY_AMOUNT_MINOR }));
    expect(col(top.split('\n')[2]!, 30, 39)).toBe('9999999999');
    expect(parseNachaFile(top).batches[0]!.entries[0]!.amountMinor).toBe(9_999_999_999);
    // The largest price a trade-in can have is far below it.
    expect(col((await write(FILE, BATCH, entries(1, { amountMinor: MAX_PRICE_MINOR }))).split('\n')[2]!, 30, 39)).toBe(String(MAX_PRICE_MINOR).padStart(10, '0'));
    for (const bad of [MAX_ENTRY_AMOUNT_MINOR + 1, 0, -100, 12.5, Number.NaN]) {
      await expect(write(FILE, BATCH, entries(1, { amountMinor: bad })), String(bad)).rejects.toThrow(NachaInputError);
    }
    // 101 entries of the maximum: more than the 12-digit control total can carry.
    await expect(write(FILE, BATCH, entries(101, { amountMinor: MAX_ENTRY_AMOUNT_MINOR }))).rejects.toThrow(/batch total/);
  });

  it('writes names as uppercase ASCII: accents dropped, a few letters spelled out, the rest left out', async () => {
    const names: [string, string][] = [
      ['Ñandú Straße', 'NANDU STRASSE'],
      ['Ærøskøbing  Œuvre', 'AEROSKOBING OEUVRE'],
      ['Anne-Marie\tO’Neil', "ANNE-MARIE O'NEIL"],
      ['Jürgen 李 Weiß', 'JURGEN WEISS'],
      ['ann smith', 'ANN SMITH'],
    ];
    const text = await write(FILE, BATCH, names.map(([name], i) => ({ ...entries(i + 1)[i]!, individualName: name })));
    const lines = text.split('\n');
    names.forEach(([, expected], i) => expect(col(lines[2 + i]!, 55, 76)).toBe(expected.padEnd(22)));
  });

  it('uses transaction code 22 for checking and 32 for savings, nothing else', async () => {
    expect(ACCOUNT_TYPE_TRANSACTION_CODE).toEqual({ checking: 22, savings: 32 });
    const text = await write(FILE, BATCH, [
      ...entries(1, { transactionCode: ACCOUNT_TYPE_TRANSACTION_CODE.checking }),
      ...entries(2, { transactionCode: ACCOUNT_TYPE_TRANSACTION_CODE.savings }).slice(1),
    ]);
    const lines = text.split('\n');
    expect(col(lines[2]!, 2, 3)).toBe('22');
    expect(col(lines[3]!, 2, 3)).toBe('32');
    await expect(write(FILE, BATCH, entries(1, { transactionCode: 27 as 22 }))).rejects.toThrow(/transaction code/);
  });

  it('marks a Same Day batch with SD and the time in the descriptive date', async () => {
    expect(sameDayDescriptiveDate('10:30')).toBe('SD1030');
    expect(() => sameDayDescriptiveDate('25:00')).toThrow(NachaInputError);
    const text = await write({ ...FILE, fileIdModifier: 'B' }, { effectiveDate: '2026-11-25', descriptiveDate: sameDayDescriptiveDate('14:45') }, entries(1));
    const bh = text.split('\n')[1]!;
    expect(col(bh, 64, 69)).toBe('SD1445');
    expect(col(bh, 70, 75)).toBe('261125');
    expect(parseNachaFile(text).batches[0]!.header.descriptiveDate).toBe('SD1445');
  });

  it('consumes the entries as a stream: a line leaves before the next entry is asked for', async () => {
    const log: string[] = [];
    async function* source() {
      for (const e of entries(3)) {
        log.push(`pull ${e.traceNumber.slice(-1)}`);
        yield e;
      }
    }
    for await (const line of nachaLines(FILE, BATCH, source())) log.push(`line ${line[0]}`);
    expect(log).toEqual(['line 1', 'line 5', 'pull 1', 'line 6', 'pull 2', 'line 6', 'pull 3', 'line 6', 'line 8', 'line 9', 'line 9', 'line 9', 'line 9']);
  });

  it('writes 100,000 entries without keeping them (a lazy source, a running total)', async () => {
    async function* source() {
      for (let i = 0; i < 100_000; i++) {
        yield { transactionCode: 22, routingNumber: '011000015', accountNumber: String(10_000 + i), amountMinor: 1_000_000, individualId: `T${i}`, individualName: 'Ann Smith', traceNumber: `02100002${String(i + 1).padStart(7, '0')}` } as const;
      }
    }
    let lines = 0;
    let last = '';
    let fileControl = '';
    for await (const line of nachaLines(FILE, BATCH, source())) {
      lines++;
      if (line[0] === '9' && line !== '9'.repeat(94) + '\n') fileControl = line;
      last = line;
    }
    expect(lines).toBe(100_010);
    expect(last).toBe('9'.repeat(94) + '\n');
    expect(col(fileControl, 8, 13)).toBe('010001'); // 100,004 records → 10,001 blocks
    expect(col(fileControl, 14, 21)).toBe('00100000');
    expect(col(fileControl, 44, 55)).toBe('100000000000'); // 100,000 × $10,000.00
    expect(col(fileControl, 22, 31)).toBe(String((1_100_001 * 100_000) % 10_000_000_000).padStart(10, '0'));
  });
});

describe('NACHA writer and reader agree', () => {
  // Valid routing numbers: any 8 digits and their ABA check digit.
  const routing = fc.stringMatching(/^\d{8}$/).map((p8) => {
    const w = [3, 7, 1, 3, 7, 1, 3, 7];
    const sum = [...p8].reduce((s, d, i) => s + w[i]! * Number(d), 0);
    return p8 + String((10 - (sum % 10)) % 10);
  });
  const entry = fc.record({
    transactionCode: fc.constantFrom(22 as const, 32 as const),
    routingNumber: routing,
    accountNumber: fc.stringMatching(/^[0-9]{1,17}$/),
    amountMinor: fc.integer({ min: 1, max: MAX_ENTRY_AMOUNT_MINOR }),
    individualId: fc.stringMatching(/^[A-Z0-9]{1,15}$/),
    individualName: fc.stringMatching(/^[A-Z][A-Z ]{0,21}$/).map((n) => n.replace(/ +/g, ' ').trimEnd()),
  });

  it('any batch reads back to the same entries, with controls that add up', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 40 }), async (list) => {
        const withTraces = list.map((e, i) => ({ ...e, traceNumber: `02100002${String(i + 1).padStart(7, '0')}` }));
        const totals = withTraces.reduce((s, e) => s + e.amountMinor, 0);
        fc.pre(totals <= 999_999_999_999);
        const text = await write(FILE, BATCH, withTraces);
        const parsed = parseNachaFile(text);
        expect(parsed.problems).toEqual([]);
        expect(text.split('\n').length - 1).toBe(Math.ceil((list.length + 4) / 10) * 10);
        expect(parsed.batches[0]!.entries.map((e) => ({ transactionCode: Number(e.transactionCode), routingNumber: e.routingNumber, accountNumber: e.accountNumber, amountMinor: e.amountMinor, individualId: e.individualId, individualName: e.individualName, traceNumber: e.traceNumber }))).toEqual(withTraces);
        expect(parsed.control!.totalCreditMinor).toBe(totals);
        const hash = withTraces.reduce((s, e) => s + BigInt(e.routingNumber.slice(0, 8)), 0n) % 10_000_000_000n;
        expect(parsed.control!.entryHash).toBe(String(hash).padStart(10, '0'));
      }),
      { numRuns: 60 },
    );
  });
});

describe('NACHA writer: refuses bad input', () => {
  const cases: [string, Partial<NachaFileInput>, Partial<NachaBatchInput>, Partial<NachaEntryInput>, RegExp][] = [
    ['ODFI routing with a bad check digit', { odfiRouting: '021000022' }, {}, {}, /ODFI routing number .* check digit/],
    ['ODFI routing of 8 digits', { odfiRouting: '02100002' }, {}, {}, /9 digits/],
    ['company id of 9 characters', { companyId: '100000001' }, {}, {}, /exactly 10/],
    ['company name of 17 characters', { companyName: 'A'.repeat(17) }, {}, {}, /company name/],
    ['entry description of 11 characters', { entryDescription: 'TRADE-IN-XX' }, {}, {}, /entry description/],
    ['a lowercase file id modifier', { fileIdModifier: 'a' }, {}, {}, /modifier/],
    ['an effective date on a Saturday', {}, { effectiveDate: '2026-11-28' }, {}, /not a business day/],
    ['an effective date on Thanksgiving', {}, { effectiveDate: '2026-11-26' }, {}, /not a business day/],
    ['a descriptive date of 7 characters', {}, { descriptiveDate: 'SD10300' }, {}, /descriptive date/],
    ['a receiving routing number with a bad check digit', {}, {}, { routingNumber: '011000016' }, /receiving routing number/],
    ['an account number of 18 digits', {}, {}, { accountNumber: '1'.repeat(18) }, /account number/],
    ['an account number with a space', {}, {}, { accountNumber: '12 34' }, /account number/],
    ['an individual id of 16 characters', {}, {}, { individualId: 'X'.repeat(16) }, /individual identification/],
    ['a name with no ASCII letters', {}, {}, { individualName: '李小龍' }, /individual name/],
    ['a trace number of another bank', {}, {}, { traceNumber: '011000010000001' }, /ODFI routing prefix/],
    ['a trace number of 14 digits', {}, {}, { traceNumber: '02100002000001' }, /15 digits/],
  ];
  for (const [what, file, batch, entry, message] of cases) {
    it(`refuses ${what}`, async () => {
      await expect(write({ ...FILE, ...file }, { ...BATCH, ...batch }, entries(1, entry))).rejects.toThrow(message);
    });
  }

  it('refuses trace numbers that repeat or go down (they must be unique in the file)', async () => {
    const [a, b] = entries(2);
    await expect(write(FILE, BATCH, [a!, { ...b!, traceNumber: a!.traceNumber }])).rejects.toThrow(/unique and ascending/);
    await expect(write(FILE, BATCH, [b!, a!])).rejects.toThrow(/unique and ascending/);
  });

  it('refuses an empty batch', async () => {
    await expect(write(FILE, BATCH, [])).rejects.toThrow(/at least one entry/);
  });

  it('checks the header before writing any line', async () => {
    const gen = nachaLines({ ...FILE, odfiRouting: 'x' }, BATCH, entries(1));
    await expect(gen.next()).rejects.toThrow(NachaInputError);
  });
});

describe('NACHA reader: reports every line it cannot read', () => {
  const golden = () => fs.readFileSync(GOLDEN, 'utf8').split('\n').slice(0, -1);
  const join = (lines: string[]) => lines.map((l) => l + '\n').join('');
  const replaceAt = (line: string, from: number, value: string) => line.slice(0, from - 1) + value + line.slice(from - 1 + value.length);

  it('reports a short line, an unknown record type and a wrong total, each with its line number', () => {
    const lines = golden();
    lines[2] = lines[2]!.slice(0, 90);
    lines[3] = 'X' + lines[3]!.slice(1);
    lines[5] = replaceAt(lines[5]!, 33, '000100012347');
    const { problems } = parseNachaFile(join(lines));
    expect(problems.find((p) => p.line === 3)?.message).toMatch(/90 characters long, not 94/);
    expect(problems.find((p) => p.line === 4)?.message).toMatch(/unknown record type "X"/);
    expect(problems.some((p) => p.line === 6 && /total credit amount is 100012347/.test(p.message))).toBe(true);
  });

  it('checks the entry hash, the block count and the padding', () => {
    let lines = golden();
    lines[5] = replaceAt(lines[5]!, 11, '0015800996');
    lines[6] = replaceAt(lines[6]!, 8, '000002');
    expect(parseNachaFile(join(lines)).problems.map((p) => p.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/entry hash is 0015800996/), expect.stringMatching(/block count is 2/)]),
    );
    lines = golden().slice(0, 8);
    expect(parseNachaFile(join(lines)).problems).toEqual([{ line: 8, message: expect.stringMatching(/padded .* multiple of 10/) }]);
    lines = golden();
    lines[8] = '9'.repeat(93) + '8';
    expect(parseNachaFile(join(lines)).problems).toEqual([{ line: 9, message: expect.stringMatching(/only padding records/) }]);
  });

  it('checks the record order and a bad check digit', () => {
    const lines = golden();
    [lines[1], lines[2]] = [lines[2]!, lines[1]!];
    const problems = parseNachaFile(join(lines)).problems;
    expect(problems.some((p) => p.line === 2 && /outside a batch/.test(p.message))).toBe(true);
    const other = golden();
    other[2] = replaceAt(other[2]!, 12, '6');
    expect(parseNachaFile(join(other)).problems).toContainEqual({ line: 3, message: expect.stringMatching(/check digit does not match the receiving DFI/) });
  });

  it('refuses an empty file and one without a header', () => {
    expect(parseNachaFile('').problems).toContainEqual({ line: 1, message: 'the file is empty' });
    expect(parseNachaFile(join(golden().slice(1))).problems.some((p) => /no file header/.test(p.message))).toBe(true);
  });

  it('reads a file with CRLF line ends the same way', () => {
    expect(parseNachaFile(fs.readFileSync(GOLDEN, 'utf8').replaceAll('\n', '\r\n')).problems).toEqual([]);
  });
});
