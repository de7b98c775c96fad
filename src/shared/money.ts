/**
 * Money is an integer number of minor units (cents) and an ISO 4217 currency.
 * Never a float, never major units: arithmetic on amounts stays exact.
 */
export interface Money {
  amountMinor: number;
  currency: string;
}

const MINOR_DIGITS: Record<string, number> = { USD: 2 };

/** "$1,234.50" — formatting only; never parse this back. */
export function formatMoney(m: Money, locale = 'en-US'): string {
  const digits = MINOR_DIGITS[m.currency] ?? 2;
  const major = m.amountMinor / 10 ** digits;
  return new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency, minimumFractionDigits: digits }).format(major);
}
