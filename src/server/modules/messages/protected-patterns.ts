import { isValidRoutingNumber } from '../../../shared/seller-details.ts';

/**
 * Bank and identity details never travel in a message (docs/product.md: protected seller
 * fields). The server cannot know every seller's numbers, so it refuses what looks like one:
 * a routing number (9 digits passing the ABA checksum and prefix rule), an account number
 * (4–17 digits next to a word that names it) or a Social Security number (ddd-dd-dddd).
 * Returns what the message seems to carry, or undefined.
 */
export function protectedPatternIn(body: string): string | undefined {
  if (/(?<![\d-])\d{3}[- ]\d{2}[- ]\d{4}(?![\d-])/.test(body)) return 'a Social Security number';
  for (const m of body.matchAll(/(?<![\d])\d(?:[ -]?\d){3,16}(?![\d])/g)) {
    const digits = m[0].replace(/[ -]/g, '');
    if (digits.length === 9 && isValidRoutingNumber(digits)) return 'a bank routing number';
    const around = body.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40).toLowerCase();
    if (!/\b(?:account|acct|a\/c|routing|aba)\b/.test(around)) continue;
    // A year ("my iCloud account since 2019") or a device's IMEI is not a bank account.
    if (digits.length === 4 && /^(?:19|20)\d\d$/.test(digits)) continue;
    if (digits.length === 15 && /\bimei\b/.test(around) && luhnOk(digits)) continue;
    return 'a bank account number';
  }
  return undefined;
}

function luhnOk(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}
