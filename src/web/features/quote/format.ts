import type { Grade } from '../../../shared/grade.ts';
import { MARKET_TIME_ZONE } from '../../../shared/market-time.ts';
import { formatMoney, type Money } from '../../../shared/money.ts';

// Deadlines are kept in the market's time zone (docs/product.md §7), whatever the browser's zone is.
const MARKET_DATE = new Intl.DateTimeFormat('en-US', {
  timeZone: MARKET_TIME_ZONE,
  weekday: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
});

/** "Thursday, December 17, 2026" */
export function formatMarketDate(iso: string): string {
  return MARKET_DATE.format(new Date(iso));
}

/**
 * How a rung of the ladder compares to the offer: "−$120.00 if it arrives as Fair". Null when there
 * is nothing to compare (no offer, or this is the offer's own grade).
 */
export function ladderDifference(offer: Money | null, rung: { grade: Grade; price: Money | null }, better: boolean): string | null {
  if (!offer) return null;
  // A device in better shape than declared is a match at inspection: it is paid the offer price,
  // never the better grade's market price (promising that would be promising money no one pays).
  if (better) return `Arrives as ${rung.grade}? You keep your offer price`;
  if (!rung.price) return `No offer if it arrives as ${rung.grade}`;
  if (rung.price.currency !== offer.currency) return null;
  const delta = rung.price.amountMinor - offer.amountMinor;
  if (delta >= 0) return `Same price as ${rung.grade}`;
  const amount = formatMoney({ amountMinor: -delta, currency: offer.currency });
  // U+2212 MINUS SIGN: a hyphen reads as a dash next to a price.
  return `\u2212${amount} if it arrives as ${rung.grade}`;
}

/**
 * The price a rung shows: a better grade than the seller's is paid the offer price (when there
 * is one); a worse one its own price, but never more than the offer (a counteroffer is never
 * above the offer).
 */
export function ladderPrice(offer: Money | null, rung: { price: Money | null }, better: boolean): Money | null {
  if (!offer || !rung.price) return better && offer ? offer : rung.price;
  if (better || (rung.price.currency === offer.currency && rung.price.amountMinor > offer.amountMinor)) return offer;
  return rung.price;
}

const MARKET_DATE_TIME = new Intl.DateTimeFormat('en-US', {
  timeZone: MARKET_TIME_ZONE,
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
});

/** "Nov 26, 2026, 3:49 PM EST": when something happened, on the market's clock. */
export function formatMarketDateTime(iso: string): string {
  return MARKET_DATE_TIME.format(new Date(iso));
}

const MARKET_SHORT_DATE = new Intl.DateTimeFormat('en-US', {
  timeZone: MARKET_TIME_ZONE,
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  year: 'numeric',
});

/** "Thu, Dec 17, 2026": a deadline in a list, where the long form does not fit. */
export function formatMarketShortDate(iso: string): string {
  return MARKET_SHORT_DATE.format(new Date(iso));
}
