import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { formatTrackingNumber } from '../../../shared/tracking-number.ts';
import {
  generateUpsTrackingNumber,
  isValidUpsTrackingNumber,
  normalizeTrackingNumber,
  upsCheckDigit,
} from './tracking-number.ts';

// Worked by hand for 1Z999AA10123456784: body 999AA1012345678 → 9 9 9 2 2 1 0 1 2 3 4 5 6 7 8;
// odd positions 9+9+2+0+2+4+6+8 = 40, even (9+2+1+1+3+5+7)×2 = 56; 96 → check 4.
// 1Z12345E6605272234: 22 + 32×2 = 86 → check 4.
// (UPS's sandbox number 1Z12345E0205271688 is left out: its last digit does not satisfy
// the check-digit rule, so it proves nothing here.)
const KNOWN_VALID = ['1Z999AA10123456784', '1Z12345E6605272234'];

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const alnum = (n: number) =>
  fc.array(fc.constantFrom(...ALNUM), { minLength: n, maxLength: n }).map((a) => a.join(''));
const digits = (n: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((a) => a.join(''));
const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('upsCheckDigit', () => {
  it('computes the published check digits', () => {
    expect(upsCheckDigit('999AA1012345678')).toBe(4);
    expect(upsCheckDigit('12345E660527223')).toBe(4);
  });

  it('maps letters the UPS way (A→2, I→0, J→1, Z→7)', () => {
    // A single character at an odd position contributes its value once, so
    // check = (10 - v) % 10 with zeros everywhere else.
    const single = (c: string) => upsCheckDigit(`${c}${'0'.repeat(14)}`);
    expect(single('A')).toBe(8);
    expect(single('I')).toBe(0);
    expect(single('J')).toBe(9);
    expect(single('Z')).toBe(3);
    // …and twice at an even position.
    expect(upsCheckDigit(`0A${'0'.repeat(13)}`)).toBe(6);
  });

  it('rejects bodies of the wrong shape', () => {
    expect(() => upsCheckDigit('999AA101234567')).toThrow(RangeError);
    expect(() => upsCheckDigit('999aa1012345678')).toThrow(RangeError);
  });
});

describe('isValidUpsTrackingNumber', () => {
  it.each(KNOWN_VALID)('accepts %s', (n) => {
    expect(isValidUpsTrackingNumber(n)).toBe(true);
  });

  it.each([
    ['1Z999AA10123456785', 'wrong check digit'],
    ['1Z999AA10123456794', 'one body digit changed'],
    ['1Z999AB10123456784', 'one letter changed'],
    ['1Z12345E6605272235', 'wrong check digit'],
    ['1Z999AA1012345678', 'too short'],
    ['1Z999AA101234567840', 'too long'],
    ['1z999aa10123456784', 'not normalized'],
    ['2Z999AA10123456784', 'wrong prefix'],
    ['', 'empty'],
  ])('rejects %s (%s)', (n) => {
    expect(isValidUpsTrackingNumber(n)).toBe(false);
  });

  it('accepts what people type once normalized', () => {
    expect(isValidUpsTrackingNumber(normalizeTrackingNumber('1z 999 aa1 01 2345 678 4'))).toBe(true);
  });

  it('rejects any other check digit (property)', () => {
    fc.assert(
      fc.property(alnum(6), digits(2), unit, fc.integer({ min: 1, max: 9 }), (s, svc, r, d) => {
        const n = generateUpsTrackingNumber(s, svc, () => r);
        const altered = n.slice(0, 17) + String((Number(n[17]) + d) % 10);
        expect(isValidUpsTrackingNumber(altered)).toBe(false);
      }),
    );
  });

  it('rejects a different digit in any singly-weighted position (property)', () => {
    fc.assert(
      fc.property(
        digits(6),
        digits(2),
        unit,
        fc.integer({ min: 0, max: 7 }),
        fc.integer({ min: 1, max: 9 }),
        (s, svc, r, k, d) => {
          const n = generateUpsTrackingNumber(s, svc, () => r);
          const i = 2 + 2 * k; // 1st, 3rd … 15th body character
          const altered = n.slice(0, i) + String((Number(n[i]) + d) % 10) + n.slice(i + 1);
          expect(isValidUpsTrackingNumber(altered)).toBe(false);
        },
      ),
    );
  });
});

describe('generateUpsTrackingNumber', () => {
  it('lays out 1Z + shipper + service + 7-digit reference + check digit', () => {
    expect(generateUpsTrackingNumber('999AA1', '01', () => 0.23456785)).toBe('1Z999AA10123456784');
    expect(generateUpsTrackingNumber('TRDLP1', '03', () => 0)).toMatch(/^1ZTRDLP1030000000\d$/);
  });

  it('always produces valid numbers (property)', () => {
    fc.assert(
      fc.property(alnum(6), digits(2), unit, (s, svc, r) => {
        const n = generateUpsTrackingNumber(s, svc, () => r);
        expect(n).toHaveLength(18);
        expect(n.slice(2, 10)).toBe(s + svc);
        expect(isValidUpsTrackingNumber(n)).toBe(true);
      }),
    );
  });

  it('draws references from the CSPRNG by default', () => {
    const seen = new Set(Array.from({ length: 50 }, () => generateUpsTrackingNumber('TRDLP1', '03')));
    expect(seen.size).toBeGreaterThan(45);
    for (const n of seen) expect(isValidUpsTrackingNumber(n)).toBe(true);
  });

  it('rejects bad shipper numbers, service codes and random values', () => {
    expect(() => generateUpsTrackingNumber('999AA', '01', () => 0)).toThrow(RangeError);
    expect(() => generateUpsTrackingNumber('999aa1', '01', () => 0)).toThrow(RangeError);
    expect(() => generateUpsTrackingNumber('999AA1', '1', () => 0)).toThrow(RangeError);
    expect(() => generateUpsTrackingNumber('999AA1', '01', () => 1)).toThrow(RangeError);
    expect(() => generateUpsTrackingNumber('999AA1', '01', () => Number.NaN)).toThrow(RangeError);
  });
});

describe('formatTrackingNumber', () => {
  it('groups the way UPS prints it, and leaves anything else alone', () => {
    expect(formatTrackingNumber('1Z999AA10123456784')).toBe('1Z 999 AA1 01 2345 678 4');
    expect(formatTrackingNumber('not-a-1z')).toBe('not-a-1z');
  });
});
