import { describe, expect, it } from 'vitest';
import { achWindows, expectedArrival, marketInstant, nextWindow } from './ach-calendar.ts';

const STANDARD = { cutoff: '16:00', sameDay: false, sameDayCutoffs: ['10:30', '14:45'] };
const SAME_DAY = { ...STANDARD, sameDay: true };

const brief = (w: ReturnType<typeof nextWindow>) => [w.name, w.businessDate, w.cutoffAt.toISOString(), w.effectiveDate, w.fileIdModifier, w.descriptiveDate];

describe('ACH calendar', () => {
  it('a business day has the standard window, effective the next business day', () => {
    // Wednesday before Thanksgiving (Thursday 26 November 2026): effective Friday.
    expect(achWindows(STANDARD, '2026-11-25').map(brief)).toEqual([['standard', '2026-11-25', '2026-11-25T21:00:00.000Z', '2026-11-27', 'A', '']]);
    // Friday: effective Monday.
    expect(achWindows(STANDARD, '2026-11-27').map(brief)).toEqual([['standard', '2026-11-27', '2026-11-27T21:00:00.000Z', '2026-11-30', 'A', '']]);
    // Friday before Martin Luther King Day (Monday 18 January 2027): effective Tuesday.
    expect(achWindows(STANDARD, '2027-01-15')[0]!.effectiveDate).toBe('2027-01-19');
    // Christmas Eve, a Thursday: Christmas Friday, the weekend, effective Monday the 28th.
    expect(achWindows(STANDARD, '2026-12-24')[0]!.effectiveDate).toBe('2026-12-28');
  });

  it('with Same Day ACH on, the same-day windows come first, effective the same day, marked SD and lettered in order', () => {
    expect(achWindows(SAME_DAY, '2026-11-25').map(brief)).toEqual([
      ['same_day_1', '2026-11-25', '2026-11-25T15:30:00.000Z', '2026-11-25', 'A', 'SD1030'],
      ['same_day_2', '2026-11-25', '2026-11-25T19:45:00.000Z', '2026-11-25', 'B', 'SD1445'],
      ['standard', '2026-11-25', '2026-11-25T21:00:00.000Z', '2026-11-27', 'C', ''],
    ]);
    expect(achWindows(SAME_DAY, '2026-11-25').every((w) => w.sameDay === w.name.startsWith('same_day'))).toBe(true);
  });

  it('weekends and Fed holidays have no windows', () => {
    for (const day of ['2026-11-28', '2026-11-29', '2026-11-26', '2026-12-25', '2026-06-19', '2027-01-01', '2026-10-12', '2026-11-11']) {
      expect(achWindows(SAME_DAY, day), day).toEqual([]);
    }
  });

  it('follows New York time across the DST changes', () => {
    // 16:00 EDT is 20:00 UTC, 16:00 EST is 21:00 UTC.
    expect(achWindows(STANDARD, '2026-03-06')[0]!.cutoffAt.toISOString()).toBe('2026-03-06T21:00:00.000Z'); // Friday, EST
    expect(achWindows(STANDARD, '2026-03-09')[0]!.cutoffAt.toISOString()).toBe('2026-03-09T20:00:00.000Z'); // Monday after 8 March, EDT
    expect(achWindows(STANDARD, '2026-10-30')[0]!.cutoffAt.toISOString()).toBe('2026-10-30T20:00:00.000Z'); // Friday, EDT
    expect(achWindows(STANDARD, '2026-11-02')[0]!.cutoffAt.toISOString()).toBe('2026-11-02T21:00:00.000Z'); // Monday after 1 November, EST
    expect(marketInstant('2026-07-01', '00:00').toISOString()).toBe('2026-07-01T04:00:00.000Z');
    expect(marketInstant('2026-12-31', '23:59').toISOString()).toBe('2027-01-01T04:59:00.000Z');
    // Over the spring-forward weekend, Friday after the cutoff leads to Monday's window, an hour earlier in UTC.
    expect(brief(nextWindow(STANDARD, new Date('2026-03-06T21:30:00Z')))).toEqual(['standard', '2026-03-09', '2026-03-09T20:00:00.000Z', '2026-03-10', 'A', '']);
    // Over the fall-back weekend, an hour later.
    expect(nextWindow(STANDARD, new Date('2026-10-30T20:00:01Z')).cutoffAt.toISOString()).toBe('2026-11-02T21:00:00.000Z');
  });

  it('nextWindow: the first window whose cutoff is at or after now', () => {
    expect(nextWindow(SAME_DAY, new Date('2026-11-25T13:00:00Z')).name).toBe('same_day_1'); // 08:00 in New York
    expect(nextWindow(SAME_DAY, new Date('2026-11-25T15:30:00Z')).name).toBe('same_day_1'); // at the cutoff: still open
    expect(nextWindow(SAME_DAY, new Date('2026-11-25T15:30:00.001Z')).name).toBe('same_day_2');
    expect(nextWindow(SAME_DAY, new Date('2026-11-25T19:46:00Z')).name).toBe('standard');
    expect(nextWindow(STANDARD, new Date('2026-11-25T13:00:00Z')).name).toBe('standard');
    // After Wednesday's last cutoff: Thanksgiving is closed, so Friday's first window.
    expect(brief(nextWindow(SAME_DAY, new Date('2026-11-25T21:00:00.001Z')))).toEqual(['same_day_1', '2026-11-27', '2026-11-27T15:30:00.000Z', '2026-11-27', 'A', 'SD1030']);
    // Saturday: Monday.
    expect(nextWindow(STANDARD, new Date('2026-11-28T15:00:00Z')).businessDate).toBe('2026-11-30');
    // 23:30 UTC on Tuesday is 18:30 in New York, after Tuesday's cutoff (a UTC date would say Tuesday's window is today).
    expect(nextWindow(STANDARD, new Date('2026-11-24T23:30:00Z')).businessDate).toBe('2026-11-25');
    // 03:00 UTC on Wednesday is still Tuesday evening in New York: Wednesday's window.
    expect(nextWindow(STANDARD, new Date('2026-11-25T03:00:00Z')).businessDate).toBe('2026-11-25');
    // Christmas Eve after the cutoff: Christmas and the weekend are skipped.
    expect(nextWindow(STANDARD, new Date('2026-12-24T22:00:00Z')).businessDate).toBe('2026-12-28');
  });

  it('expected arrival: the effective date to the next business day', () => {
    expect(expectedArrival('2026-11-25')).toEqual({ from: '2026-11-25', to: '2026-11-27' });
    expect(expectedArrival('2026-11-27')).toEqual({ from: '2026-11-27', to: '2026-11-30' });
    expect(expectedArrival('2026-12-24')).toEqual({ from: '2026-12-24', to: '2026-12-28' });
    // A seller approved Wednesday morning with Same Day ACH on is paid that day or Friday; standard, Friday or Monday.
    expect(expectedArrival(nextWindow(SAME_DAY, new Date('2026-11-25T14:00:00Z')).effectiveDate)).toEqual({ from: '2026-11-25', to: '2026-11-27' });
    expect(expectedArrival(nextWindow(STANDARD, new Date('2026-11-25T14:00:00Z')).effectiveDate)).toEqual({ from: '2026-11-27', to: '2026-11-30' });
  });
});
