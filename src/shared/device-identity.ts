import type { TDeviceIdentity } from './api/inspection.ts';

/**
 * The Luhn check digit of an IMEI (ISO/IEC 7812, as GSMA TS.06 uses it): every second digit from
 * the right doubled, digits summed, the total a multiple of 10. Digits only; anything else fails.
 */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits) || digits.length < 2) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * What a person typed as "IMEI or serial number", as a device identity: 15 digits (spaces, dashes
 * and dots as people write them) are an IMEI, anything else a manufacturer's serial, upper-cased
 * without spaces. Null when nothing was typed. It does not judge: an IMEI still has to pass
 * `luhnValid`.
 */
export function parseDeviceIdentity(raw: string): TDeviceIdentity | null {
  const compact = raw.replace(/[\s.-]/g, '');
  if (compact === '') return null;
  if (/^\d{15}$/.test(compact)) return { kind: 'imei', value: compact };
  return { kind: 'serial', value: compact.toUpperCase() };
}
