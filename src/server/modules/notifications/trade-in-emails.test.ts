import { describe, expectTypeOf, it } from 'vitest';
import type { TradeInEmailContext } from './trade-in-emails.ts';

describe('the trade-in e-mail context', () => {
  it('carries no protected field (checked by the type checker: a new field fails until it is listed here)', () => {
    // Short protected values (the SSN's or licence's last four) cannot be guarded at send time
    // without refusing innocent mail, so they are kept out by construction: none of these is a
    // bank, identity or date-of-birth value. Add a field only after checking it is not one.
    expectTypeOf<keyof TradeInEmailContext>().toEqualTypeOf<
      | 'tradeInId'
      | 'firstName'
      | 'deviceName'
      | 'price'
      | 'shipBy'
      | 'trackingNumber'
      | 'mandatoryAccessories'
      | 'inspectionDueAt'
      | 'daysBefore'
      | 'tradeInUrl'
      | 'newPrice'
      | 'respondBy'
      | 'refusalReason'
      | 'erasure'
      | 'returnTrackingNumber'
      | 'returnShipBy'
      | 'bankNote'
      // issue 11: the payout, its account masked only (last 4 at most), and the settings link
      | 'payout'
      | 'settingsUrl'
    >();
  });
});
