import { MARKET_TIME_ZONE } from '../../../shared/market-time.ts';
import { formatMoney, type Money } from '../../../shared/money.ts';
import { COUNTEROFFER_ANSWER_DAYS, INSPECTION_BUSINESS_DAYS, LOCK_HOLD_DAYS, RETURN_SHIP_BUSINESS_DAYS, SHIP_WITHIN_DAYS } from '../../../shared/deadlines.ts';
import { LOCK_REMOVAL_STEPS } from '../../../shared/lock-removal.ts';
import { PREP_CHECKLIST, QR_DROP_OFF_RULE } from '../../../shared/shipping-copy.ts';
import { formatTrackingNumber } from '../../../shared/tracking-number.ts';

export const TRADE_IN_EMAIL_TEMPLATES = [
  'accepted',
  'shipping_reminder',
  'expired',
  'delivered',
  // after the inspection (issue 10)
  'approved',
  'counteroffer',
  'counteroffer_reminder',
  'counteroffer_expired',
  'lock_hold',
  'refused',
  'erasure_certificate',
  'inspection_lapsed',
  'return_requested',
  'return_shipped',
  'return_delivered',
  // the bank's answers to a payout (issue 11)
  'payout_returned',
  'payout_change_notice',
  // getting paid (issue 11)
  'payout_details_needed',
  'payout_details_reminder',
  'payment_sent',
] as const;
export type TradeInEmailTemplate = (typeof TRADE_IN_EMAIL_TEMPLATES)[number];

/**
 * Everything a trade-in e-mail is written from. It has no protected field (no bank, identity or
 * date-of-birth value, not even masked) and must never get one: that is what keeps short values
 * such as the SSN's last four out of e-mails, which the send-time guard cannot search for
 * without refusing innocent mail (see MIN_GUARDED_LENGTH). trade-in-emails.test.ts pins the
 * field list, so adding one is a reviewed change.
 */
export interface TradeInEmailContext {
  tradeInId: string;
  firstName: string;
  deviceName: string;
  price: Money;
  shipBy: Date;
  trackingNumber: string | null;
  mandatoryAccessories: string[];
  inspectionDueAt: Date | null;
  daysBefore?: number;
  tradeInUrl: string;
  /** A counteroffer's price (the seller's answer decides whether it replaces `price`). */
  newPrice: Money | null;
  /** When the seller's answer is due: a counteroffer's, or a lock hold's. */
  respondBy: Date | null;
  /** Why the device was refused, in the seller's words (a fixed label, never the inspector's notes). */
  refusalReason: string | null;
  /** The data erasure certificate (its code is public by design: anyone may check it). */
  erasure?: { code: string; verifyUrl: string; methodLabel: string; erasedOn: string; refurbisherName: string };
  /** The free return's label (refurbisher → seller) and the date it ships by, when one is owed. */
  returnTrackingNumber: string | null;
  returnShipBy: Date | null;
  /** What the bank said about a payout (a return's or a notification of change's code and its seller-facing reason); never the bank details. */
  bankNote?: { code: string; reason: string; sellerCanFix?: boolean } | null;
  /**
   * The trade-in's payout (issue 11): its account only masked (the last 4 digits at most, what a
   * bank statement shows), never a full number; the dates come from the ACH calendar.
   */
  payout?: PayoutEmailFacts | null;
  /** Where the seller gives bank details (/settings). */
  settingsUrl?: string;
}

export interface PayoutEmailFacts {
  status: 'waiting_for_details' | 'ready' | 'sent' | 'returned';
  amount: Money;
  accountMasked: string | null;
  sentAt: Date | null;
  /** 'YYYY-MM-DD' market dates. */
  expectedArrival: { from: string; to: string } | null;
}

export interface EmailContent {
  subject: string;
  title: string;
  paragraphs: string[];
  list?: string[];
  cta: { label: string; url: string };
}

const DATE = new Intl.DateTimeFormat('en-US', { timeZone: MARKET_TIME_ZONE, weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });
export const formatDate = (d: Date) => DATE.format(d);
/** A market calendar date ('YYYY-MM-DD'), printed like formatDate (noon UTC is that day in New York). */
const formatLocalDate = (d: string) => formatDate(new Date(`${d}T17:00:00Z`));
const arrivalPhrase = (a: { from: string; to: string }) =>
  a.from === a.to ? `on ${formatLocalDate(a.from)}` : `between ${formatLocalDate(a.from)} and ${formatLocalDate(a.to)}`;

/** What an approval e-mail says about the money: when it arrives, or that bank details are needed first. */
function payoutLine(c: TradeInEmailContext): string {
  const p = c.payout;
  if (p?.status === 'waiting_for_details') {
    return `To send you ${formatMoney(p.amount)} we need your bank details: add them in your settings${c.settingsUrl ? ` (${c.settingsUrl})` : ''} and the payment leaves with the next bank transfer.`;
  }
  if (p?.expectedArrival) return `Payment of ${formatMoney(p.amount)} starts now${p.accountMasked ? ` to your account ${p.accountMasked}` : ''} and should reach your bank ${arrivalPhrase(p.expectedArrival)}.`;
  return `Payment of ${formatMoney(c.price)} starts now; the trade-in page shows the dates it should reach your bank.`;
}

/** The seller's Settings page (bank details), on the same site as the trade-in link. */
const settingsUrl = (tradeInUrl: string) => new URL('/settings', tradeInUrl).toString();

/**
 * What each e-mail says (docs/product.md §8). Pure: the same context always gives the same words,
 * and no protected field (bank, identity, date of birth) is ever part of the context.
 */
export function tradeInEmail(template: TradeInEmailTemplate, c: TradeInEmailContext): EmailContent {
  const cta = { label: 'View your trade-in', url: c.tradeInUrl };
  const accessories = c.mandatoryAccessories.length
    ? `Include in the box: ${c.mandatoryAccessories.join(', ')}.`
    : 'No accessories are required for this model.';
  switch (template) {
    case 'accepted':
      return {
        subject: `Your ${c.deviceName} trade-in: ship by ${formatDate(c.shipBy)}`,
        title: 'Offer accepted — here is your prepaid label',
        paragraphs: [
          `Hi ${c.firstName}, you accepted ${formatMoney(c.price)} for your ${c.deviceName}.`,
          `Ship it by ${formatDate(c.shipBy)} (${SHIP_WITHIN_DAYS} days from your offer). Your prepaid label is attached${c.trackingNumber ? ` (tracking ${formatTrackingNumber(c.trackingNumber)})` : ''}, and the QR code below lets you drop it off without printing.`,
          QR_DROP_OFF_RULE,
          accessories,
          'Before you ship:',
        ],
        list: PREP_CHECKLIST.map((p) => `${p.title}: ${p.detail}`),
        cta,
      };
    case 'shipping_reminder':
      return {
        subject: `Reminder: ship your ${c.deviceName} by ${formatDate(c.shipBy)}`,
        title: `${c.daysBefore ?? ''} days left to ship`.trim(),
        paragraphs: [
          `Hi ${c.firstName}, your ${formatMoney(c.price)} offer for your ${c.deviceName} needs the device to ship by ${formatDate(c.shipBy)}.`,
          'After that date the trade-in expires and the offer is released.',
          QR_DROP_OFF_RULE,
        ],
        cta,
      };
    case 'expired':
      return {
        subject: `Your ${c.deviceName} trade-in has expired`,
        title: 'Trade-in expired',
        paragraphs: [
          `Hi ${c.firstName}, we did not see a carrier scan for your ${c.deviceName} by ${formatDate(c.shipBy)}, so this trade-in has expired and its label no longer works.`,
          'You can run the assessment again at any time for a new offer.',
        ],
        cta,
      };
    case 'delivered':
      return {
        subject: `Your ${c.deviceName} has arrived`,
        title: 'Delivered to the refurbisher',
        paragraphs: [
          `Hi ${c.firstName}, your ${c.deviceName} was delivered.`,
          c.inspectionDueAt
            ? `The refurbisher will check it by ${formatDate(c.inspectionDueAt)} (${INSPECTION_BUSINESS_DAYS} business days). If it matches your assessment, payment of ${formatMoney(c.price)} starts right away and reaches your bank in 3–6 business days.`
            : `The refurbisher has ${INSPECTION_BUSINESS_DAYS} business days to check it. If it matches your assessment, payment of ${formatMoney(c.price)} starts right away.`,
          'If the condition differs, you will get a counteroffer you can accept or reject — rejecting means a free return.',
        ],
        cta,
      };
    case 'approved':
      return {
        subject: `Your ${c.deviceName} is approved: ${formatMoney(c.price)} is on its way`,
        title: 'Approved — payment starts now',
        paragraphs: [
          `Hi ${c.firstName}, the refurbisher checked your ${c.deviceName} and approved it.`,
          payoutLine(c),
        ],
        cta,
      };
    case 'counteroffer':
      return {
        subject: `Counteroffer for your ${c.deviceName}${c.newPrice ? `: ${formatMoney(c.newPrice)}` : ''}`,
        title: 'The condition differs: a counteroffer',
        paragraphs: [
          `Hi ${c.firstName}, the refurbisher found your ${c.deviceName} in a different condition than the assessment described.`,
          c.newPrice
            ? `They offer ${formatMoney(c.newPrice)} instead of ${formatMoney(c.price)}. The trade-in page shows each defect, the photos, and the best price the market pays for that condition.`
            : 'The trade-in page shows the new price, each defect, the photos, and the best price the market pays for that condition.',
          `Accept it, or reject it and get your device back for free.${c.respondBy ? ` Answer by ${formatDate(c.respondBy)}` : ` You have ${COUNTEROFFER_ANSWER_DAYS} days to answer`}: an unanswered counteroffer is never accepted for you — it expires and the device comes back to you.`,
        ],
        cta: { label: 'See the counteroffer', url: c.tradeInUrl },
      };
    case 'counteroffer_reminder':
      return {
        subject: `Reminder: answer the counteroffer for your ${c.deviceName}`,
        title: 'Your answer is needed',
        paragraphs: [
          `Hi ${c.firstName}, the counteroffer${c.newPrice ? ` of ${formatMoney(c.newPrice)}` : ''} for your ${c.deviceName} is waiting for your answer${c.respondBy ? ` until ${formatDate(c.respondBy)}` : ''}.`,
          'If you do not answer, it expires and the device is returned to you for free. It is never accepted for you.',
        ],
        cta: { label: 'See the counteroffer', url: c.tradeInUrl },
      };
    case 'counteroffer_expired':
      return {
        subject: `The counteroffer for your ${c.deviceName} expired: free return`,
        title: 'Counteroffer expired — your device comes back',
        paragraphs: [
          `Hi ${c.firstName}, we did not get your answer to the counteroffer for your ${c.deviceName}, so it expired. We did not accept it for you.`,
          'The refurbisher sends the device back to you for free; you will get the tracking number when it ships.',
        ],
        cta,
      };
    case 'lock_hold':
      return {
        subject: `Action needed: remove your account from your ${c.deviceName}`,
        title: 'Your device is still linked to your account',
        paragraphs: [
          `Hi ${c.firstName}, your ${c.deviceName} arrived but is still linked to your account, so the refurbisher cannot check or reuse it.`,
          `Remove it remotely${c.respondBy ? ` by ${formatDate(c.respondBy)}` : ` within ${LOCK_HOLD_DAYS} days`}, then press "I removed it" on the trade-in page so the refurbisher checks again. If it is still linked then, the device is returned to you.`,
          'How to remove it:',
        ],
        list: LOCK_REMOVAL_STEPS.map((s) => `${s.provider}: ${s.steps.join(' → ')}`),
        cta: { label: 'I removed it — open the trade-in', url: c.tradeInUrl },
      };
    case 'refused':
      return {
        subject: `Your ${c.deviceName} could not be accepted: free return`,
        title: 'Device refused — it comes back to you',
        paragraphs: [
          `Hi ${c.firstName}, the refurbisher could not accept your ${c.deviceName}${c.refusalReason ? `: ${c.refusalReason}` : ''}.`,
          'The device is returned to you for free; you will get the tracking number when it ships.',
        ],
        cta,
      };
    case 'erasure_certificate':
      return {
        subject: `Data erasure certificate for your ${c.deviceName}`,
        title: 'Your data was erased',
        paragraphs: [
          c.erasure
            ? `Hi ${c.firstName}, ${c.erasure.refurbisherName} erased all data on your ${c.deviceName} on ${c.erasure.erasedOn} (${c.erasure.methodLabel}).`
            : `Hi ${c.firstName}, the data on your ${c.deviceName} was erased.`,
          'Your certificate is attached as a PDF, and it stays on your trade-in page.',
          c.erasure ? `Anyone can check it with the code ${c.erasure.code} at ${c.erasure.verifyUrl}` : 'Anyone can check it with the code printed on it.',
        ],
        cta,
      };
    case 'inspection_lapsed':
      return {
        subject: `Your ${c.deviceName} is approved: ${formatMoney(c.price)}`,
        title: 'Approved at your offer price',
        paragraphs: [
          `Hi ${c.firstName}, the refurbisher did not inspect your ${c.deviceName} within its deadline${c.inspectionDueAt ? ` (${formatDate(c.inspectionDueAt)})` : ''}, so it was approved automatically at the offer price of ${formatMoney(c.price)}.`,
          payoutLine(c),
        ],
        cta,
      };
    case 'return_requested':
      return {
        subject: `Your ${c.deviceName} is coming back to you`,
        title: 'A free return is on its way',
        paragraphs: [
          `Hi ${c.firstName}, your ${c.deviceName} will be shipped back to you for free, at the refurbisher's cost.`,
          c.returnShipBy
            ? `The refurbisher must hand it to the carrier by ${formatDate(c.returnShipBy)} (${RETURN_SHIP_BUSINESS_DAYS} business days). We will e-mail you the tracking number when it ships.`
            : `The refurbisher must hand it to the carrier within ${RETURN_SHIP_BUSINESS_DAYS} business days. We will e-mail you the tracking number when it ships.`,
        ],
        cta,
      };
    case 'return_shipped':
      return {
        subject: `Your ${c.deviceName} has shipped back to you`,
        title: 'Return shipped',
        paragraphs: [
          `Hi ${c.firstName}, your ${c.deviceName} is on its way back to you${c.returnTrackingNumber ? ` (tracking ${formatTrackingNumber(c.returnTrackingNumber)})` : ''}.`,
          'You do not need to do anything: the return is prepaid.',
        ],
        cta,
      };
    case 'payout_returned':
      return {
        subject: `Action needed: your bank returned the payment for your ${c.deviceName}`,
        title: 'Your bank sent the payment back',
        paragraphs: [
          `Hi ${c.firstName}, we sent ${formatMoney(c.price)} for your ${c.deviceName}, but your bank returned it${c.bankNote ? ` (code ${c.bankNote.code})` : ''}. The money is safe with us.`,
          ...(c.bankNote ? [c.bankNote.reason] : []),
          ...(c.bankNote?.sellerCanFix === false ? [] : ['Correct your bank details in Settings (your password is asked again): we send the payment again as soon as you do.']),
          `Your trade-in: ${c.tradeInUrl}`,
        ],
        cta: { label: c.bankNote?.sellerCanFix === false ? 'See your bank details' : 'Correct your bank details', url: settingsUrl(c.tradeInUrl) },
      };
    case 'payout_change_notice':
      return {
        subject: 'Your bank updated your account details: please confirm',
        title: 'Confirm your updated bank details',
        paragraphs: [
          `Hi ${c.firstName}, your bank received the payment for your ${c.deviceName}, and told us that your account details have changed${c.bankNote ? ` (${c.bankNote.reason})` : ''}.`,
          'We do not change your details without you. Open Settings to see the update (masked) and confirm it with your password, or dismiss it.',
          `Your trade-in: ${c.tradeInUrl}`,
        ],
        cta: { label: 'Review the update', url: settingsUrl(c.tradeInUrl) },
      };
    case 'return_delivered':
      return {
        subject: `Your ${c.deviceName} is back with you`,
        title: 'Returned',
        paragraphs: [
          `Hi ${c.firstName}, the carrier delivered your ${c.deviceName} back to you, and this trade-in is closed.`,
          'You can run the assessment again at any time for a new offer.',
        ],
        cta,
      };
    case 'payout_details_needed':
    case 'payout_details_reminder':
      return {
        subject:
          template === 'payout_details_needed'
            ? `Add your bank details to get paid for your ${c.deviceName}`
            : `Reminder: add your bank details to get your ${formatMoney(c.payout?.amount ?? c.price)}`,
        title: 'Add your bank details to get paid',
        paragraphs: [
          `Hi ${c.firstName}, your ${c.deviceName} is approved and ${formatMoney(c.payout?.amount ?? c.price)} is waiting for you, but we do not have your bank details yet.`,
          'Add your bank account in your settings (your current password is asked again): the payment leaves with the next bank transfer after that.',
          `Your trade-in: ${c.tradeInUrl}`,
        ],
        cta: { label: 'Add your bank details', url: c.settingsUrl ?? c.tradeInUrl },
      };
    case 'payment_sent':
      return {
        subject: `Payment sent: ${formatMoney(c.payout?.amount ?? c.price)} for your ${c.deviceName}`,
        title: 'Payment sent',
        paragraphs: [
          `Hi ${c.firstName}, we sent ${formatMoney(c.payout?.amount ?? c.price)} for your ${c.deviceName}${c.payout?.accountMasked ? ` to your account ${c.payout.accountMasked}` : ''}${c.payout?.sentAt ? ` on ${formatDate(c.payout.sentAt)}` : ''}.`,
          c.payout?.expectedArrival
            ? `It should reach your bank ${arrivalPhrase(c.payout.expectedArrival)} (bank business days).`
            : 'The trade-in page shows the dates it should reach your bank.',
        ],
        cta,
      };
  }
}
