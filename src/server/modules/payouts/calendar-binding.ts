import type { Config } from '../../config.ts';
import { addBusinessDays, isBusinessDay, localDateOf, startOfLocalDay, type LocalDate } from '../../platform/business-days.ts';
import { RETURN_CODES } from './nacha/index.ts';
import type { PayoutCalendar } from './seller-payout.presenter.ts';

// TEMPORARY until helper 1's ach-calendar.ts is merged: the standard window only.
export function payoutCalendar(ach: Config['ach']): PayoutCalendar {
  return {
    nextWindow(now) {
      let day: LocalDate = localDateOf(now);
      for (;;) {
        if (isBusinessDay(day)) {
          const [h, m] = ach.cutoff.split(':').map(Number);
          const cutoffAt = new Date(startOfLocalDay(day).getTime() + (h! * 60 + m!) * 60_000);
          if (cutoffAt > now) return { cutoffAt, effectiveDate: addBusinessDays(day, 1) };
        }
        day = addBusinessDays(day, 1);
      }
    },
    expectedArrival: (effectiveDate) => ({ from: effectiveDate, to: addBusinessDays(effectiveDate, 1) }),
  };
}

/** What a return code means for the seller (the Nacha code table's seller-facing reason). */
export const returnReason = (code: string) => RETURN_CODES[code]?.reason ?? 'Your bank sent the payment back. Please check your bank details, correct them in your account, and we will send the payment again.';
