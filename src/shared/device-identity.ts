import type { TDeviceIdentity } from './api/inspection.ts';

/**
 * A device's identity as a seller or an inspector types it (docs/product.md §9, the pre-label
 * check): an IMEI (15 digits, the last a Luhn check digit) or a manufacturer's serial number.
 * Pure, shared by the server (accept, inspection) and the web app (the same check as you type).
 */

/** The Luhn mod-10 check over a string of digits (the last digit is the check digit). False for anything but digits. */
export function luhnValid(digits: string): boolean {
  if (!/^[0-9]+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // Every second digit from the right, check digit excluded, is doubled.
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

/** Spaces and dashes are how people copy an IMEI off a box or a screen (`35-209900-176148-1`). */
const strip = (s: string) => s.replace(/[\s-]+/g, '');

/**
 * Normalises and checks an identity: an IMEI loses spaces and dashes and must be exactly 15
 * digits with a valid check digit; a serial number loses spaces and dashes, is upper-cased and must be
 * 4–30 letters or digits.
 */
export function parseDeviceIdentity(input: { kind: TDeviceIdentity['kind']; value: string }): ParsedDeviceIdentity {
  if (input.kind === 'imei') {
    const value = strip(input.value);
    if (value === '') return { ok: false, message: 'Enter the IMEI (dial *#06# on the phone to see it)' };
    if (!/^[0-9]+$/.test(value)) return { ok: false, message: 'An IMEI has digits only' };
    if (value.length !== 15) return { ok: false, message: `An IMEI has 15 digits; this one has ${value.length}` };
    if (!luhnValid(value)) return { ok: false, message: 'This IMEI is not valid: check it for a typo (its last digit is a check digit)' };
    return { ok: true, identity: { kind: 'imei', value } };
  }
  // Dashes go too, so the serial a seller typed and the one an inspector reads compare equal.
  const value = strip(input.value).toUpperCase();
  if (value === '') return { ok: false, message: 'Enter the serial number' };
  if (!/^[A-Z0-9]+$/.test(value)) return { ok: false, message: 'A serial number has letters and digits only' };
  if (value.length < 4 || value.length > 30) return { ok: false, message: 'A serial number has 4 to 30 characters' };
  return { ok: true, identity: { kind: 'serial', value } };
}

/**
 * Whether a device of this category and variant has an IMEI: every smartphone, and a tablet or
 * a watch sold with a cellular modem (its variant says "Cellular" or "LTE"). Wi-Fi-only
 * devices, laptops, consoles and headphones have a serial number only.
 */
export function hasImei(device: { categoryId: string; variantLabel: string }): boolean {
  if (device.categoryId === 'smartphones') return true;
  if (device.categoryId === 'tablets' || device.categoryId === 'smartwatches') return /cellular|lte/i.test(device.variantLabel);
  return false;
}
