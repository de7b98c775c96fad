import { describe, expect, it } from 'vitest';
import { tradeInEmail, type TradeInEmailContext } from './trade-in-emails.ts';

/** The payout e-mails (issue 11): dates from the ACH calendar, never a fixed "3–6 business days"; the account masked. */
const base: TradeInEmailContext = {
  tradeInId: 'tin_1',
  firstName: 'Ada',
  deviceName: 'iPhone 15 (128 GB)',
  price: { amountMinor: 45_000, currency: 'USD' },
  shipBy: new Date('2026-12-01T12:00:00Z'),
  trackingNumber: null,
  mandatoryAccessories: [],
  inspectionDueAt: null,
  tradeInUrl: 'https://tradeloop.test/trade-ins/tin_1',
  newPrice: null,
  respondBy: null,
  refusalReason: null,
  returnTrackingNumber: null,
  returnShipBy: null,
  settingsUrl: 'https://tradeloop.test/settings',
};
const text = (c: ReturnType<typeof tradeInEmail>) => [c.subject, c.title, ...c.paragraphs].join('\n');

describe('payout e-mails', () => {
  const ready = { status: 'ready' as const, amount: { amountMinor: 45_000, currency: 'USD' }, accountMasked: '•••• 3210', sentAt: null, expectedArrival: { from: '2026-12-02', to: '2026-12-03' } };

  it('"approved" gives the arrival dates of a ready payout', () => {
    const t = text(tradeInEmail('approved', { ...base, payout: ready }));
    expect(t).toContain('should reach your bank between Wednesday, December 2, 2026 and Thursday, December 3, 2026');
    expect(t).toContain('•••• 3210');
    expect(t).not.toContain('3–6');
  });

  it('"approved" and "approved automatically" ask for bank details when the payout waits for them', () => {
    const waiting = { ...ready, status: 'waiting_for_details' as const, accountMasked: null, expectedArrival: null };
    for (const template of ['approved', 'inspection_lapsed'] as const) {
      const t = text(tradeInEmail(template, { ...base, payout: waiting }));
      expect(t).toMatch(/we need your bank details/);
      expect(t).toContain('https://tradeloop.test/settings');
    }
  });

  it('"add your bank details" links to the settings', () => {
    const c = tradeInEmail('payout_details_needed', { ...base, payout: { ...ready, status: 'waiting_for_details', accountMasked: null, expectedArrival: null } });
    expect(c.subject).toBe('Add your bank details to get paid for your iPhone 15 (128 GB)');
    expect(c.cta.url).toBe('https://tradeloop.test/settings');
    expect(tradeInEmail('payout_details_reminder', base).subject).toBe('Reminder: add your bank details to get your $450.00');
  });

  it('"payment sent" gives the amount, the masked account, the day it left and the arrival dates', () => {
    const c = tradeInEmail('payment_sent', { ...base, payout: { ...ready, status: 'sent', sentAt: new Date('2026-12-01T21:05:00Z'), expectedArrival: { from: '2026-12-02', to: '2026-12-02' } } });
    expect(c.subject).toBe('Payment sent: $450.00 for your iPhone 15 (128 GB)');
    const t = text(c);
    expect(t).toContain('to your account •••• 3210 on Tuesday, December 1, 2026');
    expect(t).toContain('should reach your bank on Wednesday, December 2, 2026');
  });
});
