import { TZDate } from '@date-fns/tz';
import { endOfDay, format, startOfDay } from 'date-fns';

/**
 * The market's time zone, once: "today" for an age check, the end of a business day for a
 * deadline and every date the seller reads are New York's, not UTC's or the browser's.
 */
export const MARKET_TIME_ZONE = 'America/New_York';

/** A calendar date without time zone, 'YYYY-MM-DD'. */
export type LocalDate = string;

function checkedInstant(instant: Date): Date {
  if (Number.isNaN(instant.getTime())) throw new RangeError('invalid Date');
  return instant;
}

function dayIn(d: LocalDate, tz: string): TZDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(d)}`);
  // Noon: a day's middle exists in every zone, even where midnight is skipped.
  return new TZDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12, tz);
}

/** The calendar date it is at `instant` in `tz`. */
export function localDateOf(instant: Date, tz: string = MARKET_TIME_ZONE): LocalDate {
  return format(new TZDate(checkedInstant(instant), tz), 'yyyy-MM-dd');
}

/** The first instant whose local date in `tz` is `d` (later than midnight where midnight is skipped). */
export function startOfLocalDay(d: LocalDate, tz: string = MARKET_TIME_ZONE): Date {
  return new Date(startOfDay(dayIn(d, tz)).getTime());
}

/** The last millisecond whose local date in `tz` is `d` (23:59:59.999 on normal days). */
export function endOfLocalDay(d: LocalDate, tz: string = MARKET_TIME_ZONE): Date {
  return new Date(endOfDay(dayIn(d, tz)).getTime());
}
