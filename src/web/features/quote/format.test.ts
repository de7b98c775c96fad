import { describe, expect, it } from 'vitest';
import { ladderDifference, ladderPrice } from './format.ts';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
const offer = usd(21_300);

describe('the offer ladder', () => {
  it('never promises more for a better condition: the offer price is kept, as the inspection pays it', () => {
    expect(ladderDifference(offer, { grade: 'Flawless', price: usd(24_600) }, true)).toBe('Arrives as Flawless? You keep your offer price');
    expect(ladderPrice(offer, { price: usd(24_600) }, true)).toEqual(offer);
    expect(ladderPrice(offer, { price: null }, true)).toEqual(offer);
  });

  it('says what each worse condition costs, and never shows a worse grade above the offer', () => {
    expect(ladderDifference(offer, { grade: 'Fair', price: usd(15_000) }, false)).toBe('\u2212$63.00 if it arrives as Fair');
    expect(ladderPrice(offer, { price: usd(15_000) }, false)).toEqual(usd(15_000));
    expect(ladderDifference(offer, { grade: 'Broken', price: null }, false)).toBe('No offer if it arrives as Broken');
    expect(ladderPrice(offer, { price: null }, false)).toBeNull();
    // Another refurbisher may pay more for Good than this offer; a counteroffer never goes above the offer.
    expect(ladderDifference(offer, { grade: 'Good', price: usd(22_000) }, false)).toBe('Same price as Good');
    expect(ladderPrice(offer, { price: usd(22_000) }, false)).toEqual(offer);
  });

  it('with no offer, shows the market as it is and compares nothing', () => {
    expect(ladderDifference(null, { grade: 'Good', price: usd(9_000) }, true)).toBeNull();
    expect(ladderPrice(null, { price: usd(9_000) }, true)).toEqual(usd(9_000));
  });
});
