import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasImei, luhnValid, parseDeviceIdentity } from './device-identity.ts';

// Widely published example IMEIs (490154203237518 is the worked example of the IMEI article on Wikipedia).
const KNOWN_GOOD = ['490154203237518', '356938035643809', '352099001761481'];

/** The check digit that makes `body` (14 digits) a valid IMEI. */
function withCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new Error('unreachable: one digit always fits');
}

describe('luhnValid', () => {
  it('accepts known-good IMEIs', () => {
    for (const imei of KNOWN_GOOD) expect(luhnValid(imei), imei).toBe(true);
  });

  it('refuses every single-digit corruption of a valid IMEI', () => {
    for (const imei of KNOWN_GOOD) {
      for (let i = 0; i < imei.length; i++) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === imei[i]) continue;
          const bad = imei.slice(0, i) + d + imei.slice(i + 1);
          expect(luhnValid(bad), bad).toBe(false);
        }
      }
    }
  });

  it('refuses any single-digit change of any valid IMEI (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{14}$/), fc.nat(14), fc.integer({ min: 1, max: 9 }), (body, at, delta) => {
        const imei = withCheckDigit(body);
        const changed = imei.slice(0, at) + ((Number(imei[at]) + delta) % 10) + imei.slice(at + 1);
        return luhnValid(imei) && !luhnValid(changed);
      }),
    );
  });

  it('refuses non-digits and the empty string', () => {
    for (const s of ['', '49015420323751a', ' 490154203237518', '4901-5420']) expect(luhnValid(s), s).toBe(false);
  });
});

describe('parseDeviceIdentity', () => {
  it('normalises an IMEI typed with spaces or dashes', () => {
    expect(parseDeviceIdentity({ kind: 'imei', value: ' 49-015420-323751-8 ' })).toEqual({ ok: true, identity: { kind: 'imei', value: '490154203237518' } });
    expect(parseDeviceIdentity({ kind: 'imei', value: '35 693803 564380 9' })).toEqual({ ok: true, identity: { kind: 'imei', value: '356938035643809' } });
  });

  it('says what is wrong with a bad IMEI', () => {
    const cases: [string, RegExp][] = [
      ['', /Enter the IMEI/],
      ['49015420323751', /15 digits; this one has 14/],
      ['4901542032375180', /15 digits; this one has 16/],
      ['49015420323751O', /digits only/],
      ['490154203237519', /not valid/],
    ];
    for (const [value, message] of cases) {
      const r = parseDeviceIdentity({ kind: 'imei', value });
      expect(r.ok, value).toBe(false);
      if (!r.ok) expect(r.message, value).toMatch(message);
    }
  });

  it('normalises a serial number (upper case, no spaces or dashes) and bounds it to 4–30 characters', () => {
    expect(parseDeviceIdentity({ kind: 'serial', value: 'c02x-d1 abjgh5' })).toEqual({ ok: true, identity: { kind: 'serial', value: 'C02XD1ABJGH5' } });
    expect(parseDeviceIdentity({ kind: 'serial', value: 'ABCD' })).toMatchObject({ ok: true });
    expect(parseDeviceIdentity({ kind: 'serial', value: 'A'.repeat(30) })).toMatchObject({ ok: true });
    for (const value of ['', 'ABC', 'A'.repeat(31), 'C02X/D1', 'ÄBCD1', 'AB<script>']) {
      expect(parseDeviceIdentity({ kind: 'serial', value }).ok, value).toBe(false);
    }
  });
});

describe('hasImei', () => {
  it('is true for phones and cellular tablets and watches, false for the rest', () => {
    expect(hasImei({ categoryId: 'smartphones', variantLabel: '128 GB' })).toBe(true);
    expect(hasImei({ categoryId: 'tablets', variantLabel: '64 GB · Wi-Fi + Cellular' })).toBe(true);
    expect(hasImei({ categoryId: 'tablets', variantLabel: '64 GB · Wi-Fi' })).toBe(false);
    expect(hasImei({ categoryId: 'smartwatches', variantLabel: '45 mm · GPS + Cellular' })).toBe(true);
    expect(hasImei({ categoryId: 'smartwatches', variantLabel: '45 mm · GPS' })).toBe(false);
    expect(hasImei({ categoryId: 'laptops', variantLabel: 'M2 · 256 GB · Cellular' })).toBe(false);
  });
});
