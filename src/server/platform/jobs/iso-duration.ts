const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Ten years: far past any deadline the product has, near enough that a typo (P3000D for
// P30D) is refused rather than silently flinging the demo clock into the next decade.
const MAX_MS = 3660 * DAY;

const DURATION_RE = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

export class InvalidDurationError extends RangeError {
  override name = 'InvalidDurationError';
}

/**
 * An ISO 8601 duration of weeks, days, hours, minutes and seconds ('P3D', 'PT2H', 'P1DT30M')
 * in milliseconds. A day is 24 hours: this moves the application clock, a physical
 * instant, not a calendar date. Years and months are refused because they have no fixed
 * length; fractions and negative durations are refused because the clock moves forward in
 * whole steps.
 */
export function parseIsoDuration(input: string): number {
  const text = input.trim().toUpperCase();
  const m = DURATION_RE.exec(text);
  // 'P' and 'PT' alone match the pattern with every group empty; a duration needs a number.
  if (!m || text.endsWith('T') || m.slice(1).every((g) => g === undefined)) {
    const hint = /^P.*\d+[YM]/.test(text.split('T')[0] ?? '')
      ? ' (years and months have no fixed length; use days)'
      : '';
    throw new InvalidDurationError(
      `${JSON.stringify(input)} is not a duration like P3D, PT2H or P1DT30M${hint}`,
    );
  }
  const [, w, d, h, min, s] = m.map((g) => (g === undefined ? 0 : Number(g)));
  const ms = w! * 7 * DAY + d! * DAY + h! * HOUR + min! * MINUTE + s! * SECOND;
  if (ms > MAX_MS) throw new InvalidDurationError(`${JSON.stringify(input)} is longer than ${MAX_MS / DAY} days`);
  return ms;
}
