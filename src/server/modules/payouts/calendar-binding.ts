import type { Config } from '../../config.ts';
import { expectedArrival, nextWindow } from './ach-calendar.ts';
import { RETURN_CODES } from './nacha/index.ts';
import type { PayoutCalendar } from './seller-payout.presenter.ts';

/** The ACH calendar (ach-calendar.ts) as the seller's view reads it: the next window under these settings, and the arrival dates. */
export function payoutCalendar(ach: Config['ach']): PayoutCalendar {
  return {
    nextWindow: (now) => nextWindow(ach, now),
    expectedArrival,
  };
}

/** What a return code means for the seller (the Nacha code table's seller-facing reason). */
export const returnReason = (code: string) =>
  RETURN_CODES[code]?.reason ?? 'Your bank sent the payment back. Please check your bank details, correct them in your account, and we will send the payment again.';
