import { describe, expect, it } from 'vitest';
import { InvalidDurationError, parseIsoDuration } from './iso-duration.ts';

const H = 3_600_000;

describe('parseIsoDuration', () => {
  it.each([
    ['P3D', 72 * H],
    ['PT2H', 2 * H],
    ['P1DT30M', 24 * H + 30 * 60_000],
    ['PT90S', 90_000],
    ['P1W', 7 * 24 * H],
    ['P21DT1S', 21 * 24 * H + 1000],
    ['pt15m', 15 * 60_000],
    ['PT0S', 0],
  ])('%s → %i ms', (input, ms) => {
    expect(parseIsoDuration(input)).toBe(ms);
  });

  it.each(['', 'P', 'PT', 'P1DT', '3D', 'P-1D', 'P1.5D', 'PT1.5H', 'P1D2H', 'P1Y', 'P2M', 'P1H', 'P1DT1H1M1S1', ' P 1D', 'P5000D'])(
    'refuses %j',
    (input) => {
      expect(() => parseIsoDuration(input)).toThrow(InvalidDurationError);
    },
  );

  it('says why years and months are refused', () => {
    expect(() => parseIsoDuration('P1M')).toThrow(/no fixed length/);
  });
});
