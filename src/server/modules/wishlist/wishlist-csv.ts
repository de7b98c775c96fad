import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { GRADES, type Grade } from '../../../shared/grade.ts';
import {
  CSV_COLUMNS,
  CSV_REQUIRED_COLUMNS,
  MAX_PRICE_MINOR,
  MAX_QUANTITY,
  WISHLIST_CURRENCY,
  type TCsvProblem,
} from '../../../shared/api/wishlist.ts';
import type { EntryRow } from './wishlist.repository.ts';
import type { UpsertItem } from './wishlist.service.ts';

/**
 * The wishlist as CSV, read and written by csv-parse / csv-stringify. Rows are numbered as a
 * spreadsheet shows them: the header is row 1, the first entry row 2.
 */

export function wishlistToCsv(entries: readonly EntryRow[]): string {
  return stringify(
    entries.map((e) => [e.variantId, e.brand, e.modelName, e.variantLabel, e.grade, e.priceMinor, e.currency, e.quantityWanted, e.active ? 'true' : 'false']),
    { header: true, columns: [...CSV_COLUMNS], record_delimiter: 'unix' },
  );
}

const TRUE = new Set(['true', 'yes', '1']);
const FALSE = new Set(['false', 'no', '0']);
const WHOLE = /^\d+$/;
const MAX_ROWS = 50_000;

export interface ParsedCsv {
  items: UpsertItem[];
  problems: TCsvProblem[];
}

/** Every row checked, every problem reported: the caller refuses the file if there is any. */
export function parseWishlistCsv(text: string): ParsedCsv {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    return { items: [], problems: [{ row: line ?? 1, column: '*', message: `Not readable as CSV: ${(err as Error).message.replace(/^Invalid [^:]*: /, '')}` }] };
  }
  if (records.length === 0) return { items: [], problems: [{ row: 1, column: '*', message: 'The file is empty: it needs a header row' }] };
  if (records.length - 1 > MAX_ROWS) return { items: [], problems: [{ row: MAX_ROWS + 2, column: '*', message: `At most ${MAX_ROWS} rows per file` }] };

  const header = records[0]!.map((h) => h.toLowerCase());
  const problems: TCsvProblem[] = [];
  const known = new Set<string>(CSV_COLUMNS);
  header.forEach((h, i) => {
    if (!known.has(h)) problems.push({ row: 1, column: h || `column ${i + 1}`, message: `Unknown column; the columns are ${CSV_COLUMNS.join(', ')}` });
    else if (header.indexOf(h) !== i) problems.push({ row: 1, column: h, message: 'Column appears twice' });
  });
  for (const c of CSV_REQUIRED_COLUMNS) if (!header.includes(c)) problems.push({ row: 1, column: c, message: 'Missing column' });
  if (problems.length) return { items: [], problems };

  const at = (c: string) => header.indexOf(c);
  const items: UpsertItem[] = [];
  records.slice(1).forEach((r, i) => {
    const row = i + 2;
    if (r.length !== header.length) {
      problems.push({ row, column: '*', message: `Has ${r.length} fields; the header has ${header.length}` });
      return;
    }
    const get = (c: string) => r[at(c)] ?? '';
    const bad = (column: string, message: string) => problems.push({ row, column, message });
    const variantId = get('variant_id');
    if (!variantId) bad('variant_id', 'Missing variant id');
    const gradeText = get('grade');
    const grade = GRADES.find((g) => g.toLowerCase() === gradeText.toLowerCase());
    if (!grade) bad('grade', `Grade must be one of ${GRADES.join(', ')}`);
    const priceText = get('price_cents');
    const price = WHOLE.test(priceText) ? Number(priceText) : NaN;
    if (!(price >= 1 && price <= MAX_PRICE_MINOR)) bad('price_cents', `Price must be a whole number of cents from 1 to ${MAX_PRICE_MINOR}`);
    const quantityText = get('quantity');
    const quantity = WHOLE.test(quantityText) ? Number(quantityText) : NaN;
    if (!(quantity >= 0 && quantity <= MAX_QUANTITY)) bad('quantity', `Quantity must be a whole number from 0 to ${MAX_QUANTITY}`);
    const activeText = get('active').toLowerCase();
    if (!TRUE.has(activeText) && !FALSE.has(activeText)) bad('active', 'Active must be true or false');
    if (at('currency') >= 0 && get('currency') !== '' && get('currency').toUpperCase() !== WISHLIST_CURRENCY) {
      bad('currency', `Currency must be ${WISHLIST_CURRENCY}`);
    }
    if (variantId && grade && price >= 1 && quantity >= 0) {
      items.push({ row, variantId, grade: grade as Grade, priceMinor: price, quantity, active: TRUE.has(activeText) });
    }
  });
  return { items, problems };
}
