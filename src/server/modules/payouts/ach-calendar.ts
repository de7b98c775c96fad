import { TZDate } from '@date-fns/tz';
import type { AchConfig } from '../../config.ts';
import { addBusinessDays, addCalendarDays, isBusinessDay, localDateOf, type LocalDate } from '../../platform/business-days.ts';
import { MARKET_TIME_ZONE } from '../../../shared/market-time.ts';
import { sameDayDescriptiveDate } from './nacha/index.ts';

/** The ACH settings the calendar reads. */
export type AchCalendarSettings = Pick<AchConfig, 'cutoff' | 'sameDay' | 'sameDayCutoffs'>;

/** One batch window of a business day: when it closes and when its entries settle. */
export interface AchWindow {
  /** 'standard' (next-day) or 'same_day_1', 'same_day_2', … in cutoff order. */
  name: string;
  businessDate: LocalDate;
  sameDay: boolean;
  /** 'HH:MM', America/New_York. */
  cutoff: string;
  /** The cutoff as an instant: payouts ready by then leave in this window. */
  cutoffAt: Date;
  /** The batch's effective entry date: the same business day (Same Day ACH) or the next one (standard). */
  effectiveDate: LocalDate;
  /** The file header's file id modifier: A, B, C… in cutoff order over the day's windows. */
  fileIdModifier: string;
  /** The batch header's company descriptive date: 'SD' + HHMM on a Same Day batch, blank on a standard one. */
  descriptiveDate: string;
}

/** The instant it is HH:MM in New York on `date` (DST included: 16:00 is 21:00 UTC in winter, 20:00 in summer). */
export function marketInstant(date: LocalDate, hhmm: string): Date {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!d || !t) throw new RangeError(`not a date and HH:MM time: ${JSON.stringify(date)} ${JSON.stringify(hhmm)}`);
  return new Date(new TZDate(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]), MARKET_TIME_ZONE).getTime());
}

/**
 * The windows of a business date in cutoff order: the Same Day windows (when `sameDay` is on;
 * configuration keeps their cutoffs ascending and before the standard one), then the standard
 * window. A day the Fed is closed has none.
 */
export function achWindows(ach: AchCalendarSettings, businessDate: LocalDate): AchWindow[] {
  if (!isBusinessDay(businessDate)) return [];
  const specs = [
    ...(ach.sameDay ? ach.sameDayCutoffs.map((cutoff, i) => ({ name: `same_day_${i + 1}`, cutoff, sameDay: true })) : []),
    { name: 'standard', cutoff: ach.cutoff, sameDay: false },
  ];
  return specs.map((s, i) => ({
    name: s.name,
    businessDate,
    sameDay: s.sameDay,
    cutoff: s.cutoff,
    cutoffAt: marketInstant(businessDate, s.cutoff),
    effectiveDate: s.sameDay ? businessDate : addBusinessDays(businessDate, 1),
    fileIdModifier: String.fromCharCode(65 + i),
    descriptiveDate: s.sameDay ? sameDayDescriptiveDate(s.cutoff) : '',
  }));
}

/** The first window whose cutoff is at or after `now`, on this business day or the next ones. */
export function nextWindow(ach: AchCalendarSettings, now: Date): AchWindow {
  let date = localDateOf(now);
  // A year of days without one business day is no calendar the Fed keeps.
  for (let i = 0; i < 366; i++, date = addCalendarDays(date, 1)) {
    const open = achWindows(ach, date).find((w) => w.cutoffAt.getTime() >= now.getTime());
    if (open) return open;
  }
  throw new Error(`no ACH window within a year of ${now.toISOString()}`);
}

/** When the money should be in the seller's account: from the effective date to the business day after it. */
export function expectedArrival(effectiveDate: LocalDate): { from: LocalDate; to: LocalDate } {
  return { from: effectiveDate, to: addBusinessDays(effectiveDate, 1) };
}
