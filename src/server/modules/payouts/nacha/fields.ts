/**
 * Field formatting shared by the NACHA writer and reader: every record is 94 characters of
 * printable ASCII, numbers right-justified and zero-filled, text left-justified and
 * space-filled. Nothing here rounds or truncates silently: a value that does not fit throws.
 */

export const RECORD_LENGTH = 94;
export const BLOCKING_FACTOR = 10;
/** The amount field of an entry detail record: 10 digits of cents. */
export const MAX_ENTRY_AMOUNT_MINOR = 9_999_999_999;
/** The total fields of the batch and file control records: 12 digits of cents. */
export const MAX_TOTAL_MINOR = 999_999_999_999;
export const PADDING_LINE = '9'.repeat(RECORD_LENGTH);

/** A caller handed the writer something a NACHA file cannot carry: a programming error, never a user's. Messages never repeat the value (it may be a routing or account number). */
export class NachaInputError extends Error {
  override name = 'NachaInputError';
}

const PRINTABLE = /^[\x20-\x7e]*$/;

export function isPrintableAscii(s: string): boolean {
  return PRINTABLE.test(s);
}

/** Right-justified, zero-filled; throws when the number does not fit or is not a non-negative integer. */
export function num(value: number, width: number, what: string): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new NachaInputError(`${what} must be a non-negative integer, got ${value}`);
  const s = String(value);
  if (s.length > width) throw new NachaInputError(`${what} ${value} does not fit in ${width} digits`);
  return s.padStart(width, '0');
}

/** Left-justified, space-filled text; throws when longer than the field or not printable ASCII. */
export function alpha(value: string, width: number, what: string): string {
  if (!isPrintableAscii(value)) throw new NachaInputError(`${what} must be printable ASCII`);
  if (value.length > width) throw new NachaInputError(`${what} is ${value.length} characters, longer than ${width}`);
  return value.padEnd(width, ' ');
}

/** Exactly `width` digits (a routing prefix, a trace number): no padding, no truncation. */
const DIGITS = new Map<number, RegExp>();

export function digits(value: string, width: number, what: string): string {
  let re = DIGITS.get(width);
  if (!re) DIGITS.set(width, (re = new RegExp(`^\\d{${width}}$`)));
  if (!re.test(value)) throw new NachaInputError(`${what} must be exactly ${width} digits`);
  return value;
}

/** The ABA check digit of an 8-digit routing prefix (weights 3, 7, 1). */
export function abaCheckDigit(prefix8: string): number {
  const weights = [3, 7, 1, 3, 7, 1, 3, 7];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += weights[i]! * (prefix8.charCodeAt(i) - 48);
  return (10 - (sum % 10)) % 10;
}

/** 'YYYY-MM-DD' → 'YYMMDD'. */
export function yymmdd(date: string, what: string): string {
  const m = /^\d{2}(\d{2})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new NachaInputError(`${what} must be a YYYY-MM-DD date, got ${JSON.stringify(date)}`);
  return `${m[1]}${m[2]}${m[3]}`;
}

/** 'YYMMDD' → 'YYYY-MM-DD' (20YY), or null when it is not a calendar date. */
export function fromYymmdd(s: string): string | null {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [2000 + Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${m[2]}-${m[3]}`;
}

/** Uppercase ASCII for a name field: accents removed (É → E), a few letters spelled out (ß → SS), anything else left out. */
export function asciiUpper(raw: string): string {
  // Most names are plain ASCII already: skip the transliteration.
  if (PRINTABLE.test(raw)) return raw.toUpperCase().replace(/ {2,}/g, ' ').trim();
  const spelled = raw
    .replace(/ß/g, 'ss')
    .replace(/[Ææ]/g, 'AE')
    .replace(/[Œœ]/g, 'OE')
    .replace(/[Øø]/g, 'O')
    .replace(/[Łł]/g, 'L')
    .replace(/[Đđ]/g, 'D')
    .replace(/[Þþ]/g, 'TH')
    .replace(/[‘’‚‛`´]/g, "'")
    .replace(/[“”„]/g, '"')
    .replace(/[‐‑‒–—―]/g, '-')
    .replace(/\s+/g, ' ');
  return spelled
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}
