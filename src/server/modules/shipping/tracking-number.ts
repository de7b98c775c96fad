import { randomInt } from 'node:crypto';
import { UPS_TRACKING_NUMBER_RE } from '../../../shared/tracking-number.ts';

/**
 * UPS "1Z" tracking numbers: 1Z + 6-char shipper number + 2-digit service code +
 * 7-digit package reference + 1 check digit = 18 characters.
 */

/** Service code carried inside the tracking number for UPS Ground. */
export const UPS_GROUND_SERVICE_CODE = '03';

const BODY_RE = /^[0-9A-Z]{15}$/;
const SHIPPER_RE = /^[0-9A-Z]{6}$/;
const SERVICE_RE = /^[0-9]{2}$/;
const REFERENCE_SPACE = 10_000_000; // 7 digits

/**
 * Check digit over the 15 characters between "1Z" and the check digit itself.
 * Letters count as (charCode - 63) % 10 (A→2 … H→9, I→0, J→1 …), as UPS does; odd
 * positions (1st, 3rd …) count once, even positions twice.
 */
export function upsCheckDigit(body: string): number {
  if (!BODY_RE.test(body)) {
    throw new RangeError(`UPS check digit body must be 15 of [0-9A-Z], got ${JSON.stringify(body)}`);
  }
  let total = 0;
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    const value = code <= 57 ? code - 48 : (code - 63) % 10;
    total += i % 2 === 0 ? value : value * 2;
  }
  return (10 - (total % 10)) % 10;
}

/** Upper-cases and drops the spaces people type or copy from printed labels. */
export function normalizeTrackingNumber(s: string): string {
  return s.replace(/\s+/g, '').toUpperCase();
}

/** Strict: expects the normalized form (see normalizeTrackingNumber). */
export function isValidUpsTrackingNumber(s: string): boolean {
  if (!UPS_TRACKING_NUMBER_RE.test(s)) return false;
  return upsCheckDigit(s.slice(2, 17)) === Number(s[17]);
}

/**
 * A fresh tracking number for `shipper` and `serviceCode`. `random` returns a float in
 * [0, 1) like Math.random; the default draws from the OS CSPRNG so references are not
 * guessable. Only 10^7 references exist per shipper and service, so callers must still
 * enforce uniqueness (a unique index) and retry on a clash.
 */
export function generateUpsTrackingNumber(
  shipper: string,
  serviceCode: string,
  random: () => number = () => randomInt(REFERENCE_SPACE) / REFERENCE_SPACE,
): string {
  if (!SHIPPER_RE.test(shipper)) {
    throw new RangeError(`UPS shipper number must be 6 of [0-9A-Z], got ${JSON.stringify(shipper)}`);
  }
  if (!SERVICE_RE.test(serviceCode)) {
    throw new RangeError(`UPS service code must be 2 digits, got ${JSON.stringify(serviceCode)}`);
  }
  const r = random();
  if (!(r >= 0 && r < 1)) throw new RangeError(`random() must return a number in [0, 1), got ${r}`);
  const reference = String(Math.floor(r * REFERENCE_SPACE)).padStart(7, '0');
  const body = `${shipper}${serviceCode}${reference}`;
  return `1Z${body}${upsCheckDigit(body)}`;
}
