import { describe, expect, it } from 'vitest';
import { readDeviceId } from './device-id.ts';

const phone = { categoryId: 'smartphones', variantLabel: '128 GB' };
const laptop = { categoryId: 'laptops', variantLabel: 'M2 · 256 GB' };

describe('readDeviceId', () => {
  it('reads digits on a phone as an IMEI, checked like the server does', () => {
    expect(readDeviceId('49 015420 323751 8', phone)).toEqual({ deviceId: { kind: 'imei', value: '490154203237518' }, error: null });
    expect(readDeviceId('490154203237519', phone).error).toMatch(/not valid/);
    expect(readDeviceId('4901542032', phone).error).toMatch(/15 digits/);
  });

  it('reads anything else as a serial number, and nothing as nothing', () => {
    expect(readDeviceId('c02x d1ab', phone)).toEqual({ deviceId: { kind: 'serial', value: 'C02XD1AB' }, error: null });
    expect(readDeviceId('12345678', laptop)).toEqual({ deviceId: { kind: 'serial', value: '12345678' }, error: null });
    expect(readDeviceId('  ', phone)).toEqual({ deviceId: null, error: null });
    expect(readDeviceId('AB', laptop).error).toMatch(/4 to 30/);
  });
});
