import { INSPECTION_GRACE_BUSINESS_DAYS } from '../../../shared/deadlines.ts';
import { formatMoney, type Money } from '../../../shared/money.ts';
import { MARKET_TIME_ZONE } from '../../../shared/market-time.ts';
import type { EmailContent } from './trade-in-emails.ts';

/** What a refurbisher's team is told about one incoming device (docs/product.md §8: deadline approaching, breach). */
export const ORGANISATION_EMAIL_TEMPLATES = ['inspection_reminder', 'inspection_overdue', 'return_not_shipped'] as const;
export type OrganisationEmailTemplate = (typeof ORGANISATION_EMAIL_TEMPLATES)[number];

/** No seller field at all: the team identifies the device by its trade-in reference. */
export interface OrganisationEmailContext {
  tradeInId: string;
  refurbisherName: string;
  deviceName: string;
  price: Money;
  inspectionDueAt: Date | null;
  autoApproveAt: Date | null;
  returnShipBy: Date | null;
  portalUrl: string;
}

const DATE_TIME = new Intl.DateTimeFormat('en-US', {
  timeZone: MARKET_TIME_ZONE,
  weekday: 'long',
  month: 'long',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
});
const when = (d: Date | null) => (d ? DATE_TIME.format(d) : 'the deadline');

export function organisationEmail(template: OrganisationEmailTemplate, c: OrganisationEmailContext): EmailContent {
  const cta = { label: 'Open the portal', url: c.portalUrl };
  const ref = `Trade-in ${c.tradeInId}: ${c.deviceName}, offer ${formatMoney(c.price)}.`;
  switch (template) {
    case 'inspection_reminder':
      return {
        subject: `Inspection due ${when(c.inspectionDueAt)}: ${c.deviceName}`,
        title: 'Inspection due today',
        paragraphs: [
          `${c.refurbisherName}: this device is waiting for its inspection, due ${when(c.inspectionDueAt)}.`,
          ref,
          'A missed deadline is flagged to Tradeloop and counts against your scorecard.',
        ],
        cta,
      };
    case 'inspection_overdue':
      return {
        subject: `Inspection overdue: ${c.deviceName}`,
        title: 'Inspection deadline missed',
        paragraphs: [
          `${c.refurbisherName}: the inspection of this device was due ${when(c.inspectionDueAt)} and has not been filed.`,
          ref,
          `If it is still not inspected by ${when(c.autoApproveAt)} (${INSPECTION_GRACE_BUSINESS_DAYS} business days later), it is approved automatically at the offer price.`,
        ],
        cta,
      };
    case 'return_not_shipped':
      return {
        subject: `Return not shipped: ${c.deviceName}`,
        title: 'Free return not shipped in time',
        paragraphs: [
          `${c.refurbisherName}: this device had to be shipped back to its seller by ${when(c.returnShipBy)}, and the carrier has not scanned the return label.`,
          ref,
          'Print the return label from the portal and hand the parcel to the carrier today. Tradeloop has been told.',
        ],
        cta,
      };
  }
}
