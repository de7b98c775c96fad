/**
 * Validators for the details a seller gives when accepting an offer (docs/product.md §3):
 * legal name, date of birth, address, phone, identity and payout bank details.
 *
 * Shared by the server (request parsing, OpenAPI) and the web app (form checks), so this
 * file must stay browser-safe: no Node imports, no clock reads — callers pass `now`.
 */
import { z } from 'zod';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { localDateOf, MARKET_TIME_ZONE } from './market-time.ts';
import { statesOfZip } from './zip-prefixes.ts';

/** A field check either yields the normalised value or a message naming the field. */
export type FieldCheck<T = string> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): FieldCheck<T> => ({ ok: true, value });
const fail = (message: string): FieldCheck<never> => ({ ok: false, message });

// Control characters in a name or address line are never intended and break label printing.
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

function checkText(label: string, raw: string, min: number, max: number): FieldCheck {
  const value = raw.trim();
  if (value.length < min) return fail(min <= 1 ? `${label} is required` : `${label} must be at least ${min} characters`);
  if (value.length > max) return fail(`${label} must be at most ${max} characters`);
  if (CONTROL_CHARS.test(value)) return fail(`${label} contains characters that are not allowed`);
  return ok(value);
}

// ---------------------------------------------------------------------------------------
// Routing numbers

export type RoutingProblem = 'format' | 'prefix' | 'checksum';
export type RoutingCheck = { ok: true; value: string } | { ok: false; reason: RoutingProblem; message: string };

/**
 * First two digits the Fed assigns to institutions that can receive ACH credits:
 * 01–12 banks, 21–32 thrifts, 61–72 electronic (ACH-only) numbers. 00 is the U.S.
 * government and 80 traveler's cheques: neither is an account a payout can land in.
 */
function routingPrefixAllowed(prefix: number): boolean {
  return (prefix >= 1 && prefix <= 12) || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72);
}

/** ABA check: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10). */
export function routingChecksumOk(digits: string): boolean {
  const weights = [3, 7, 1, 3, 7, 1, 3, 7, 1];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += weights[i]! * (digits.charCodeAt(i) - 48);
  return sum % 10 === 0;
}

/**
 * Checks format, then the prefix, then the checksum, so the reason says what is wrong first:
 * a number outside the Fed's ranges is not a bank routing number whatever its checksum.
 */
export function checkRoutingNumber(input: string): RoutingCheck {
  const s = input.trim();
  if (!/^\d{9}$/.test(s)) return { ok: false, reason: 'format', message: 'Routing number must be exactly 9 digits' };
  if (!routingPrefixAllowed(Number(s.slice(0, 2)))) {
    return {
      ok: false,
      reason: 'prefix',
      message: 'Routing number is not a US bank routing number (its first two digits must be 01–12, 21–32 or 61–72)',
    };
  }
  if (!routingChecksumOk(s)) {
    return { ok: false, reason: 'checksum', message: 'Routing number is not valid (check digit does not match); please re-check it' };
  }
  return { ok: true, value: s };
}

export function isValidRoutingNumber(input: string): boolean {
  return checkRoutingNumber(input).ok;
}

// ---------------------------------------------------------------------------------------
// Account numbers, type, holders

/** Kept as a string: leading zeros are part of an account number. */
export function checkAccountNumber(input: string, label = 'Account number'): FieldCheck {
  const s = input.trim();
  if (s.length === 0) return fail(`${label} is required`);
  if (!/^\d+$/.test(s)) return fail(`${label} must contain digits only`);
  if (s.length < 4 || s.length > 17) return fail(`${label} must be 4 to 17 digits`);
  if (/^0+$/.test(s)) return fail(`${label} cannot be all zeros`);
  return ok(s);
}

export const ACCOUNT_TYPES = ['checking', 'savings'] as const;

export function checkHolderName(input: string): FieldCheck {
  return checkText('Account holder name', input, 2, 100);
}

// ---------------------------------------------------------------------------------------
// States, ZIP codes

export const US_STATES = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY',
  'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND',
  'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY', 'DC',
] as const;

/**
 * Inhabited territories are accepted: the carrier ships there, they have USPS ZIP codes,
 * NANP (+1) phones, ABA-routed banks and issue their own driver's licences.
 * Not accepted: military AA/AE/AP (APO/FPO/DPO) addresses, which only the military postal
 * service reaches, with customs forms and transit times that do not fit a prepaid label and
 * the 21-day shipping window, and which issue no driver's licences; nor the freely
 * associated states (FM, MH, PW), which are not US jurisdictions.
 */
export const US_TERRITORIES = ['PR', 'GU', 'VI', 'AS', 'MP'] as const;

export const STATE_CODES: readonly string[] = [...US_STATES, ...US_TERRITORIES];
export type StateCode = (typeof US_STATES)[number] | (typeof US_TERRITORIES)[number];
const STATE_SET = new Set<string>(STATE_CODES);

export function checkStateCode(input: string, label = 'State'): FieldCheck<StateCode> {
  const s = input.trim().toUpperCase();
  if (s.length === 0) return fail(`${label} is required`);
  if (!STATE_SET.has(s)) return fail(`${label} must be a US state, DC or territory code such as NY or PR`);
  return ok(s as StateCode);
}

export function isValidStateCode(input: string): boolean {
  return checkStateCode(input).ok;
}

export function checkZip(input: string): FieldCheck {
  const s = input.trim();
  if (!/^\d{5}(-\d{4})?$/.test(s)) return fail('ZIP code must be 5 digits, or ZIP+4 like 12345-6789');
  return ok(s);
}

// ---------------------------------------------------------------------------------------
// Phone

/** Region codes libphonenumber gives the US and the territories accepted above. */
const PHONE_COUNTRIES = new Set(['US', 'PR', 'GU', 'VI', 'AS', 'MP']);

/** Returns the number in E.164 (+12125550199), the one form stored and sent to SMS providers. */
export function checkPhone(input: string): FieldCheck {
  const s = input.trim();
  if (s.length === 0) return fail('Phone is required');
  const parsed = parsePhoneNumberFromString(s, 'US');
  if (!parsed || !parsed.isValid()) return fail('Phone must be a valid US phone number, like (212) 555-0199');
  if (!parsed.country || !PHONE_COUNTRIES.has(parsed.country)) return fail('Phone must be a US number');
  // E.164 has no room for an extension; dropping it silently would store a number that does not reach the seller.
  if (parsed.ext) return fail('Phone must not include an extension');
  return ok(parsed.number);
}

// ---------------------------------------------------------------------------------------
// Dates of birth and age

// "Today" for an age check is today in the market's time zone (New York), not in UTC.

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

/** 'YYYY-MM-DD' that names a real day of the Gregorian calendar, else null. */
export function parseCalendarDate(s: string): CalendarDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** The calendar date it is at `now` in `timeZone`. */
export function calendarDateIn(now: Date, timeZone: string = MARKET_TIME_ZONE): CalendarDate {
  return parseCalendarDate(localDateOf(now, timeZone))!;
}

function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/**
 * Completed years of age on the market's calendar date at `now`.
 * Someone born on 29 February turns a year older on 1 March in non-leap years: a birthday
 * that has not yet occurred on 28 February has not passed, and that is the rule most US
 * statutes on coming of age follow, so we never call someone 18 a day early.
 * Throws RangeError for a dob that is not a real 'YYYY-MM-DD' date.
 */
export function ageOn(dob: string, now: Date, tz: string = MARKET_TIME_ZONE): number {
  const birth = parseCalendarDate(dob);
  if (!birth) throw new RangeError(`Date of birth must be a real date in YYYY-MM-DD form, got ${JSON.stringify(dob)}`);
  const today = calendarDateIn(now, tz);
  let age = today.year - birth.year;
  if (today.month < birth.month || (today.month === birth.month && today.day < birth.day)) age -= 1;
  return age;
}

export const ADULT_AGE = 18;

export function isAdult(dob: string, now: Date, tz: string = MARKET_TIME_ZONE): boolean {
  return parseCalendarDate(dob) !== null && ageOn(dob, now, tz) >= ADULT_AGE;
}

// Older dates are typos (1901 for 1991), not sellers: nobody alive is older.
const MAX_AGE_YEARS = 120;

/** Format and calendar only: what can be checked without knowing today's date. */
export function checkDateOfBirthFormat(input: string): FieldCheck {
  const s = input.trim();
  const d = parseCalendarDate(s);
  if (!d) return fail('Date of birth must be a real date in the form YYYY-MM-DD');
  return ok(s);
}

/** Full check, including "not in the future" and "18 or older", both on the market's calendar. */
export function checkDateOfBirth(input: string, now: Date, tz: string = MARKET_TIME_ZONE): FieldCheck {
  const format = checkDateOfBirthFormat(input);
  if (!format.ok) return format;
  const birth = parseCalendarDate(format.value)!;
  if (compareDates(birth, calendarDateIn(now, tz)) > 0) return fail('Date of birth cannot be in the future');
  const age = ageOn(format.value, now, tz);
  if (age < ADULT_AGE) return fail(`Date of birth shows you are under ${ADULT_AGE}; sellers must be ${ADULT_AGE} or older`);
  if (age > MAX_AGE_YEARS) return fail(`Date of birth would make you ${age}: check the year`);
  return format;
}

// ---------------------------------------------------------------------------------------
// Identity

/** Licence numbers are printed with spaces and dashes that are not part of the number. */
export function checkLicenceNumber(input: string): FieldCheck {
  const s = input.replace(/[\s-]/g, '').toUpperCase();
  if (s.length === 0) return fail("Driver's license number is required");
  if (!/^[A-Z0-9]+$/.test(s)) return fail("Driver's license number may contain only letters and digits");
  if (s.length > 20) return fail("Driver's license number must be at most 20 letters and digits");
  return ok(s);
}

export function checkSsnLast4(input: string): FieldCheck {
  const s = input.trim();
  if (!/^\d{4}$/.test(s)) return fail('Last 4 digits of the SSN must be exactly 4 digits');
  // No SSN is issued with serial number 0000.
  if (s === '0000') return fail('Last 4 digits of the SSN cannot be 0000');
  return ok(s);
}

// ---------------------------------------------------------------------------------------
// Zod schemas

function requiredString(label: string) {
  return z.string({
    error: (iss) => (iss.input === undefined || iss.input === null ? `${label} is required` : `${label} must be text`),
  });
}

/**
 * A string field validated by `check` (issues land on the field's own path) and
 * transformed to the check's normalised value.
 */
function checkedString<T extends string>(label: string, check: (s: string) => FieldCheck<T>) {
  return requiredString(label)
    .superRefine((s, ctx) => {
      const r = check(s);
      if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
    })
    .transform((s) => {
      const r = check(s);
      return r.ok ? r.value : (s as T);
    });
}

const ZStateCode = (label: string) => checkedString(label, (s) => checkStateCode(s, label));

export const ZLegalName = z.object(
  {
    first: checkedString('First name', (s) => checkText('First name', s, 1, 100)),
    last: checkedString('Last name', (s) => checkText('Last name', s, 1, 100)),
  },
  { error: 'Legal name is required' },
);

export const ZAddress = z.object(
  {
    line1: checkedString('Address line 1', (s) => checkText('Address line 1', s, 1, 100)),
    // An empty second line from a form means "none".
    line2: z
      .string({ error: 'Address line 2 must be text' })
      .optional()
      .superRefine((s, ctx) => {
        if (s === undefined) return;
        const r = checkText('Address line 2', s, 0, 100);
        if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
      })
      .transform((s) => (s === undefined || s.trim() === '' ? undefined : s.trim())),
    city: checkedString('City', (s) => checkText('City', s, 1, 100)),
    state: ZStateCode('State'),
    zip: checkedString('ZIP code', checkZip),
  },
  { error: 'Address is required' },
).superRefine((a, ctx) => {
  // Only a well-formed pair is compared: a bad state or ZIP already has its own message.
  if (!STATE_SET.has(a.state) || !/^\d{5}(-\d{4})?$/.test(a.zip)) return;
  const states = statesOfZip(a.zip);
  if (!states.includes(a.state)) {
    const where = states.length ? `is in ${states.join(' or ')}` : 'is not a ZIP code we can ship from';
    ctx.addIssue({ code: 'custom', path: ['zip'], message: `ZIP code ${a.zip.slice(0, 5)} ${where}, not ${a.state}` });
  }
});

const profileShape = {
  legalName: ZLegalName,
  dateOfBirth: checkedString('Date of birth', checkDateOfBirthFormat),
  address: ZAddress,
  phone: checkedString('Phone', checkPhone),
};

/**
 * Shape, formats and calendar validity. Age and "not in the future" depend on today, so
 * the server (with its Clock) and the browser use `zProfileInputAt(now)` to parse input.
 */
export const ZProfileInput = z.object(profileShape);
export type TProfileInput = z.output<typeof ZProfileInput>;

export function zProfileInputAt(now: Date, tz: string = MARKET_TIME_ZONE) {
  return ZProfileInput.superRefine((v, ctx) => {
    const r = checkDateOfBirth(v.dateOfBirth, now, tz);
    if (!r.ok) ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: r.message });
  });
}

export const ZIdentityInput = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('drivers_license'),
      number: checkedString("Driver's license number", checkLicenceNumber),
      state: ZStateCode("Driver's license state"),
    }),
    z.object({
      kind: z.literal('ssn_last4'),
      last4: checkedString('Last 4 digits of the SSN', checkSsnLast4),
    }),
  ],
  {
    error: (iss) =>
      iss.code === 'invalid_union' ? "Identity kind must be 'drivers_license' or 'ssn_last4'" : 'Identity is required',
  },
);
export type TIdentityInput = z.output<typeof ZIdentityInput>;

export const ZPayoutMethodInput = z
  .object({
    routingNumber: requiredString('Routing number')
      .superRefine((s, ctx) => {
        const r = checkRoutingNumber(s);
        if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message, params: { reason: r.reason } });
      })
      .transform((s) => s.trim()),
    accountNumber: checkedString('Account number', (s) => checkAccountNumber(s)),
    accountNumberConfirmation: requiredString('Account number confirmation').transform((s) => s.trim()),
    accountType: z.enum(ACCOUNT_TYPES, { error: "Account type must be 'checking' or 'savings'" }),
    holderNames: z
      .array(checkedString('Account holder name', checkHolderName), { error: 'Account holder names are required' })
      .min(1, 'Give at least one account holder name')
      .max(2, 'Give at most two account holder names'),
    // Not trimmed: whitespace can be part of a password.
    currentPassword: requiredString('Current password').min(1, 'Current password is required'),
  })
  .superRefine((v, ctx) => {
    // A mismatch is only worth saying once the account number itself is acceptable.
    const account = checkAccountNumber(v.accountNumber);
    if (account.ok && v.accountNumberConfirmation !== account.value) {
      ctx.addIssue({
        code: 'custom',
        path: ['accountNumberConfirmation'],
        message: 'Account number confirmation does not match the account number',
      });
    }
  });
export type TPayoutMethodInput = z.output<typeof ZPayoutMethodInput>;
