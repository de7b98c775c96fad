import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { luhnValid, parseDeviceIdentity } from './device-identity.ts';

describe('device identity', () => {
  it('checks an IMEI by its Luhn digit', () => {
    expect(luhnValid('490154203237518')).toBe(true);
    expect(luhnValid('490154203237519')).toBe(false);
    expect(luhnValid('35693803564380a')).toBe(false);
    expect(luhnValid('')).toBe(false);
  });

  it('exactly one check digit completes any 14 digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{14}$/), (body) => {
        const valid = '0123456789'.split('').filter((d) => luhnValid(body + d));
        expect(valid).toHaveLength(1);
      }),
    );
  });

  it('normalises what people type, and says what is wrong', () => {
    expect(parseDeviceIdentity({ kind: 'imei', value: '49-015420 323751-8' })).toEqual({ ok: true, identity: { kind: 'imei', value: '490154203237518' } });
    expect(parseDeviceIdentity({ kind: 'imei', value: '490154203237519' })).toMatchObject({ ok: false, message: expect.stringMatching(/last digit/) });
    expect(parseDeviceIdentity({ kind: 'imei', value: '4901542032375' })).toMatchObject({ ok: false, message: expect.stringMatching(/15 digits/) });
    expect(parseDeviceIdentity({ kind: 'serial', value: ' c02xk1abjhd5 ' })).toEqual({ ok: true, identity: { kind: 'serial', value: 'C02XK1ABJHD5' } });
    expect(parseDeviceIdentity({ kind: 'serial', value: 'ab' })).toMatchObject({ ok: false });
  });
});
