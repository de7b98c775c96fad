/** A UPS "1Z" tracking number: 1Z + 6-char shipper + 2-digit service + 7-digit reference + check digit. */
export const UPS_TRACKING_NUMBER_RE = /^1Z[0-9A-Z]{16}$/;

/**
 * "1Z 999 AA1 01 2345 678 4": the grouping UPS prints under its barcodes, used wherever a person
 * reads the number (the label, the page, e-mails). Anything that is not a 1Z number is left as is.
 */
export function formatTrackingNumber(s: string): string {
  if (!UPS_TRACKING_NUMBER_RE.test(s)) return s;
  return [s.slice(0, 2), s.slice(2, 5), s.slice(5, 8), s.slice(8, 10), s.slice(10, 14), s.slice(14, 17), s.slice(17)].join(' ');
}
