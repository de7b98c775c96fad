import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addBusinessDays,
  addBusinessDaysToInstant,
  addCalendarDays,
  endOfLocalDay,
  fedHolidays,
  isBusinessDay,
  localDateOf,
  startOfLocalDay,
} from './business-days.ts';

// Written out by hand from the Federal Reserve's published holiday schedule
// (federalreserve.gov "Holidays Observed by the Federal Reserve System"), not derived
// from the rules in the code. Saturday holidays are absent on purpose: the Fed is open
// the Friday before.
const FED_CLOSED: Record<number, string[]> = {
  2022: [
    // Jan 1 2022 is a Saturday: no closing (Dec 31 2021 open).
    '2022-01-17', '2022-02-21', '2022-05-30',
    '2022-06-20', // Juneteenth on Sunday
    '2022-07-04', '2022-09-05', '2022-10-10', '2022-11-11', '2022-11-24',
    '2022-12-26', // Christmas on Sunday
  ],
  2023: [
    '2023-01-02', // New Year's Day on Sunday
    '2023-01-16', '2023-02-20', '2023-05-29', '2023-06-19', '2023-07-04', '2023-09-04',
    '2023-10-09',
    // Nov 11 2023 is a Saturday: Nov 10 open.
    '2023-11-23', '2023-12-25',
  ],
  2025: [
    '2025-01-01', '2025-01-20', '2025-02-17', '2025-05-26', '2025-06-19', '2025-07-04',
    '2025-09-01', '2025-10-13', '2025-11-11', '2025-11-27', '2025-12-25',
  ],
  2026: [
    '2026-01-01', '2026-01-19', '2026-02-16', '2026-05-25', '2026-06-19',
    // Jul 4 2026 is a Saturday: Jul 3 open.
    '2026-09-07', '2026-10-12', '2026-11-11', '2026-11-26', '2026-12-25',
  ],
  2027: [
    '2027-01-01', '2027-01-18', '2027-02-15', '2027-05-31',
    // Jun 19 2027 is a Saturday: Jun 18 open.
    '2027-07-05', // Independence Day on Sunday
    '2027-09-06', '2027-10-11', '2027-11-11', '2027-11-25',
    // Dec 25 2027 is a Saturday: Dec 24 open.
  ],
  2028: [
    // Jan 1 2028 is a Saturday: Dec 31 2027 open.
    '2028-01-17', '2028-02-21', '2028-05-29', '2028-06-19', '2028-07-04', '2028-09-04',
    '2028-10-09',
    // Nov 11 2028 is a Saturday: Nov 10 open.
    '2028-11-23', '2028-12-25',
  ],
};

describe('fedHolidays', () => {
  for (const [year, expected] of Object.entries(FED_CLOSED)) {
    it(`matches the Fed's published closings for ${year}`, () => {
      expect(fedHolidays(Number(year))).toEqual(expected);
    });
  }

  it('has no Juneteenth before the Fed first observed it in 2022', () => {
    expect(fedHolidays(2021)).not.toContain('2021-06-18');
    expect(fedHolidays(2021)).toHaveLength(9); // Jan 1 and Dec 25 2021 were Friday/Saturday
  });
});

describe('isBusinessDay', () => {
  it.each([
    ['2026-07-03', true], // Friday before a Saturday Independence Day
    ['2027-07-05', false], // Monday after a Sunday Independence Day
    ['2027-12-24', true], // Friday before a Saturday Christmas
    ['2027-12-31', true], // Friday before a Saturday New Year's Day
    ['2027-06-18', true], // Friday before a Saturday Juneteenth
    ['2028-11-10', true], // Friday before a Saturday Veterans Day
    ['2028-12-25', false], // Christmas on a Monday
    ['2022-12-26', false], // Monday after a Sunday Christmas
    ['2026-11-26', false], // Thanksgiving
    ['2026-11-27', true], // the day after Thanksgiving is not a Fed holiday
    ['2026-03-07', false], // Saturday
    ['2026-03-08', false], // Sunday
    ['2026-03-09', true],
  ])('%s → %s', (d, expected) => {
    expect(isBusinessDay(d)).toBe(expected);
  });

  it('closes exactly the weekends and the published holidays, day by day, 2025–2028', () => {
    const closed = new Set([2025, 2026, 2027, 2028].flatMap((y) => FED_CLOSED[y] ?? []));
    const wrong: string[] = [];
    for (let d = '2025-01-01'; d <= '2028-12-31'; d = addCalendarDays(d, 1)) {
      const weekday = new Date(`${d}T12:00:00Z`).getUTCDay();
      const expected = weekday !== 0 && weekday !== 6 && !closed.has(d);
      if (isBusinessDay(d) !== expected) wrong.push(d);
    }
    expect(wrong).toEqual([]);
  });

  it.each(['2026-02-30', '2026-13-01', '26-01-01', '2026-1-1', ''])('rejects %j', (d) => {
    expect(() => isBusinessDay(d)).toThrow(RangeError);
  });
});

describe('addBusinessDays', () => {
  it.each([
    ['2026-11-25', 2, '2026-11-30'], // over Thanksgiving and a weekend
    ['2027-12-23', 2, '2027-12-27'], // Dec 24 2027 is open
    ['2026-07-02', 1, '2026-07-03'], // Jul 3 2026 is open
    ['2027-07-02', 1, '2027-07-06'], // over the observed Jul 5
    ['2026-12-24', 1, '2026-12-28'],
    ['2026-03-07', 1, '2026-03-09'], // a Saturday start counts from Monday
    ['2026-11-26', 0, '2026-11-26'], // n = 0 returns the date, holiday or not
    ['2026-11-20', 5, '2026-11-30'],
  ])('%s + %i = %s', (d, n, expected) => {
    expect(addBusinessDays(d, n)).toBe(expected);
  });

  it('rejects negative and fractional counts', () => {
    expect(() => addBusinessDays('2026-01-05', -1)).toThrow(RangeError);
    expect(() => addBusinessDays('2026-01-05', 1.5)).toThrow(RangeError);
  });

  const anyDate = fc
    .integer({ min: 0, max: 365 * 15 })
    .map((offset) => addCalendarDays('2020-01-01', offset));

  it('lands on a business day and is strictly increasing in n (property)', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 40 }), (d, n) => {
        const r = addBusinessDays(d, n);
        expect(isBusinessDay(r)).toBe(true);
        expect(r > d).toBe(true);
        expect(addBusinessDays(d, n + 1) > r).toBe(true);
        // Exactly n business days lie in (d, r].
        let count = 0;
        for (let x = addCalendarDays(d, 1); x <= r; x = addCalendarDays(x, 1)) {
          if (isBusinessDay(x)) count++;
        }
        expect(count).toBe(n);
      }),
    );
  });
});

describe('time zone', () => {
  it('takes the local date in New York, not UTC', () => {
    expect(localDateOf(new Date('2026-01-01T04:59:59.999Z'))).toBe('2025-12-31');
    expect(localDateOf(new Date('2026-01-01T05:00:00.000Z'))).toBe('2026-01-01');
    expect(localDateOf(new Date('2026-07-01T03:59:59.999Z'))).toBe('2026-06-30'); // EDT
    expect(localDateOf(new Date('2026-07-01T04:00:00.000Z'))).toBe('2026-07-01');
    expect(localDateOf(new Date('2026-01-01T04:59:59Z'), 'UTC')).toBe('2026-01-01');
  });

  it('gives 23- and 25-hour days on the DST transitions', () => {
    expect(startOfLocalDay('2026-03-08').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(endOfLocalDay('2026-03-08').toISOString()).toBe('2026-03-09T03:59:59.999Z');
    expect(startOfLocalDay('2026-11-01').toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(endOfLocalDay('2026-11-01').toISOString()).toBe('2026-11-02T04:59:59.999Z');
  });

  it('finds the start of a day whose midnight does not exist', () => {
    // Cuba springs forward at 00:00, so 2024-03-10 begins at 01:00 CDT = 05:00Z.
    expect(startOfLocalDay('2024-03-10', 'America/Havana').toISOString()).toBe(
      '2024-03-10T05:00:00.000Z',
    );
  });

  it('puts deadlines at 23:59:59.999 New York time across the March change', () => {
    // Fri 6 Mar 2026 10:00 EST; +2 business days = Tue 10 Mar, after clocks moved to EDT.
    expect(addBusinessDaysToInstant(new Date('2026-03-06T15:00:00Z'), 2).toISOString()).toBe(
      '2026-03-11T03:59:59.999Z',
    );
    // Fri 6 Mar 23:30 EST is already Saturday in UTC; it still counts from Friday.
    expect(addBusinessDaysToInstant(new Date('2026-03-07T04:30:00Z'), 1).toISOString()).toBe(
      '2026-03-10T03:59:59.999Z',
    );
  });

  it('puts deadlines at 23:59:59.999 New York time across the November change', () => {
    // Fri 30 Oct 2026 10:00 EDT; +1 business day = Mon 2 Nov, in EST.
    expect(addBusinessDaysToInstant(new Date('2026-10-30T14:00:00Z'), 1).toISOString()).toBe(
      '2026-11-03T04:59:59.999Z',
    );
    expect(addBusinessDaysToInstant(new Date('2026-10-30T14:00:00Z'), 0).toISOString()).toBe(
      '2026-10-31T03:59:59.999Z',
    );
    // Tue 10 Nov 2026 + 3, over Veterans Day (Wed) and a weekend = Mon 16 Nov.
    expect(addBusinessDaysToInstant(new Date('2026-11-10T20:00:00Z'), 3).toISOString()).toBe(
      '2026-11-17T04:59:59.999Z',
    );
  });

  it('always ends a deadline on the last millisecond of a New York business day (property)', () => {
    const from = Date.parse('2024-01-01T00:00:00Z');
    const to = Date.parse('2032-12-31T00:00:00Z');
    fc.assert(
      fc.property(fc.integer({ min: from, max: to }), fc.integer({ min: 1, max: 10 }), (t, n) => {
        const deadline = addBusinessDaysToInstant(new Date(t), n);
        const day = localDateOf(deadline);
        expect(isBusinessDay(day)).toBe(true);
        expect(day).toBe(addBusinessDays(localDateOf(new Date(t)), n));
        expect(localDateOf(new Date(deadline.getTime() + 1))).toBe(addCalendarDays(day, 1));
        const hhmmss = new Intl.DateTimeFormat('en-GB', {
          timeZone: 'America/New_York',
          hourCycle: 'h23',
          hour: '2-digit',
          minute: '2-digit',
          second: '2-digit',
        }).format(deadline);
        expect(hhmmss).toBe('23:59:59');
      }),
    );
  });
});
