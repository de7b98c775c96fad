import type { TDeviceIdentity } from './api/inspection.ts';

/**
 * A device's identity as people type it: an IMEI (15 digits whose last is a Luhn check digit,
 * ISO/IEC 7812 as GSMA uses it) or a manufacturer's serial number. Pure, shared by the server
 * (accept, inspection) and the web app's forms.
 */

/** The Luhn check over a string of digits (the last one is the check digit). False for anything but digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
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

export type ParsedDeviceIdentity = { ok: true; identity: TDeviceIdentity } | { ok: false; message: string };

/**
 * Normalises a typed identity: an IMEI loses its spaces and dashes and must be 15 digits with a
 * valid check digit; a serial number is trimmed, upper-cased and 4–30 letters or digits.
 */
export function parseDeviceIdentity(input: { kind: 'imei' | 'serial'; value: string }): ParsedDeviceIdentity {
  if (input.kind === 'imei') {
    const digits = input.value.replace(/[\s-]/g, '');
    if (!/^\d{15}$/.test(digits)) return { ok: false, message: 'An IMEI is 15 digits (dial *#06# on the device to show it)' };
    if (!luhnValid(digits)) return { ok: false, message: 'This IMEI is not valid: its last digit does not match (check for a typo)' };
    return { ok: true, identity: { kind: 'imei', value: digits } };
  }
  const serial = input.value.trim().toUpperCase();
  if (!/^[A-Z0-9]{4,30}$/.test(serial)) return { ok: false, message: 'A serial number is 4–30 letters or digits' };
  return { ok: true, identity: { kind: 'serial', value: serial } };
}
