import { describe, expect, it } from 'vitest';
import { luhnValid, parseDeviceIdentity } from './device-identity.ts';

describe('device identity', () => {
  it('checks an IMEI’s Luhn digit', () => {
    expect(luhnValid('490154203237518')).toBe(true);
    expect(luhnValid('490154203237517')).toBe(false);
    expect(luhnValid('35-209900-176148-1')).toBe(false);
    expect(luhnValid('')).toBe(false);
  });

  it('reads 15 digits as an IMEI and anything else as a serial', () => {
    expect(parseDeviceIdentity(' 49-015420-323751-8 ')).toEqual({ kind: 'imei', value: '490154203237518' });
    expect(parseDeviceIdentity('c02xk1zyjgh5')).toEqual({ kind: 'serial', value: 'C02XK1ZYJGH5' });
    expect(parseDeviceIdentity('  ')).toBeNull();
  });
});
