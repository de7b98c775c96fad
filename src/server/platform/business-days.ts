/**
 * US Federal Reserve business-day calendar, in the market's time zone.
 *
 * Only the Fed's 11 standing holidays are modelled. Ad-hoc closures (e.g. a national day
 * of mourning) are not: they are announced days ahead and would need an explicit list.
 * The rules are the current ones (Juneteenth from 2022, the first year the Fed closed
 * for it); dates before that are not guaranteed to match history.
 */

import { endOfLocalDay, localDateOf, MARKET_TIME_ZONE, type LocalDate } from '../../shared/market-time.ts';

// Time-zone arithmetic (date-fns with @date-fns/tz) lives with the market's zone in the shared module.
export { endOfLocalDay, localDateOf, startOfLocalDay, type LocalDate } from '../../shared/market-time.ts';

const DAY_MS = 86_400_000;
const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface Ymd {
  year: number;
  month: number; // 1-12
  day: number;
}

function parseLocalDate(d: LocalDate): Ymd {
  const m = LOCAL_DATE_RE.exec(d);
  if (m) {
    const ymd = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
    // Round-tripping through Date.UTC rejects 2026-02-30 and friends, which it would
    // otherwise silently roll over into March.
    if (formatYmd(fromEpochDay(toEpochDay(ymd))) === d) return ymd;
  }
  throw new RangeError(`invalid local date ${JSON.stringify(d)} (expected YYYY-MM-DD)`);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function formatYmd({ year, month, day }: Ymd): LocalDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

// Calendar arithmetic is done on days since the Unix epoch so that it never touches a
// time zone: a LocalDate has none.
function toEpochDay({ year, month, day }: Ymd): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

function fromEpochDay(n: number): Ymd {
  const dt = new Date(n * DAY_MS);
  return { year: dt.getUTCFullYear(), month: dt.getUTCMonth() + 1, day: dt.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
function weekdayOf(epochDay: number): number {
  return new Date(epochDay * DAY_MS).getUTCDay();
}

export function addCalendarDays(d: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`day count must be an integer, got ${n}`);
  return formatYmd(fromEpochDay(toEpochDay(parseLocalDate(d)) + n));
}

/** The nth (1-based) given weekday of a month, or the last one when nth is -1. */
function nthWeekday(year: number, month: number, weekday: number, nth: number): number {
  if (nth === -1) {
    const last = toEpochDay({ year, month: month + 1, day: 1 }) - 1;
    return last - ((weekdayOf(last) - weekday + 7) % 7);
  }
  const first = toEpochDay({ year, month, day: 1 });
  return first + ((weekday - weekdayOf(first) + 7) % 7) + (nth - 1) * 7;
}

const MON = 1;
const THU = 4;

/**
 * The Fed closes the Monday after a Sunday holiday but stays open on the Friday before a
 * Saturday one (unlike the federal government), so a Saturday holiday closes nothing.
 */
function observedFixed(year: number, month: number, day: number): number | undefined {
  const e = toEpochDay({ year, month, day });
  const wd = weekdayOf(e);
  if (wd === 6) return undefined;
  return wd === 0 ? e + 1 : e;
}

const holidayCache = new Map<number, ReadonlySet<LocalDate>>();

function holidaySet(year: number): ReadonlySet<LocalDate> {
  let set = holidayCache.get(year);
  if (!set) {
    const days = [
      observedFixed(year, 1, 1), // New Year's Day
      nthWeekday(year, 1, MON, 3), // Birthday of Martin Luther King, Jr.
      nthWeekday(year, 2, MON, 3), // Washington's Birthday
      nthWeekday(year, 5, MON, -1), // Memorial Day
      year >= 2022 ? observedFixed(year, 6, 19) : undefined, // Juneteenth
      observedFixed(year, 7, 4), // Independence Day
      nthWeekday(year, 9, MON, 1), // Labor Day
      nthWeekday(year, 10, MON, 2), // Columbus Day
      observedFixed(year, 11, 11), // Veterans Day
      nthWeekday(year, 11, THU, 4), // Thanksgiving Day
      observedFixed(year, 12, 25), // Christmas Day
    ];
    set = new Set(
      days
        .filter((e): e is number => e !== undefined)
        .sort((a, b) => a - b)
        .map((e) => formatYmd(fromEpochDay(e))),
    );
    holidayCache.set(year, set);
  }
  return set;
}

/** The dates on which the Fed is closed for a holiday in `year`, ascending. */
export function fedHolidays(year: number): LocalDate[] {
  if (!Number.isInteger(year) || year < 1 || year > 9999) {
    throw new RangeError(`invalid year ${year}`);
  }
  return [...holidaySet(year)];
}

export function isFedHoliday(d: LocalDate): boolean {
  // Observed dates never leave their holiday's year (Saturday holidays are not moved back
  // to 31 December), so the date's own year is the only one to look at.
  return holidaySet(parseLocalDate(d).year).has(d);
}

export function isBusinessDay(d: LocalDate): boolean {
  const wd = weekdayOf(toEpochDay(parseLocalDate(d)));
  return wd !== 0 && wd !== 6 && !isFedHoliday(d);
}

/**
 * The nth business day after `d` ("2 business days from delivery"). `d` itself never
 * counts, business day or not; n = 0 returns `d` unchanged.
 */
export function addBusinessDays(d: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`business day count must be a non-negative integer, got ${n}`);
  }
  parseLocalDate(d);
  let cur = d;
  for (let left = n; left > 0; ) {
    cur = addCalendarDays(cur, 1);
    if (isBusinessDay(cur)) left--;
  }
  return cur;
}

// Building an Intl.DateTimeFormat costs far more than using one.
/**
 * The deadline for "n business days" from `instant`: the end of the nth business day
 * after the instant's local date. Ending at local end of day (not n×24 h later) is what
 * people are told ("by Tuesday") and keeps the deadline stable across DST changes.
 */
export function addBusinessDaysToInstant(
  instant: Date,
  n: number,
  tz: string = MARKET_TIME_ZONE,
): Date {
  return endOfLocalDay(addBusinessDays(localDateOf(instant, tz), n), tz);
}
