import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedTradeIn } from './approved.ts';
import { DESKTOP, PHONE, expectNoHorizontalScroll, shot, signIn, startE2E, type E2E } from './harness.ts';

/**
 * The seller's payment after approval (issue 11) in the browser: the demo refurbisher's inspector
 * approves a delivered trade-in (a match, through the API), and the seller's trade-in page shows
 * the payment card — scheduled, the account masked, when it leaves and the dates it should arrive.
 */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe('the payment card', () => {
  it('shows an approved trade-in’s payment as scheduled: amount, masked account, when it leaves, arrival dates', async () => {
    const { baseUrl, browser } = e2e;
    const { tradeInId } = await approvedTradeIn(baseUrl);
    const context = await browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await signIn(page, baseUrl, 'seller@example.com');
    await page.goto(`${baseUrl}/trade-ins/${tradeInId}`);
    const card = page.getByTestId('payment-card');
    await card.waitFor({ timeout: 15_000 });
    expect(await card.getAttribute('data-status')).toBe('ready');
    await page.getByRole('heading', { name: 'Your payment' }).waitFor();
    const text = await card.innerText();
    expect(text).toMatch(/scheduled/i);
    expect(text).toContain('•••• 6789');
    expect(text).not.toContain('000123456789');
    expect(await page.getByTestId('payment-schedule').innerText()).toMatch(/leaves with the bank transfer of .+ and should reach your bank (on|between) \w+day, \w+ \d{1,2}, \d{4}/);
    await shot(page, 'payment-card-1280');
    await page.setViewportSize(PHONE);
    await expectNoHorizontalScroll(page, 'payment card');
    await shot(page, 'payment-card-390');
    expect(errors).toEqual([]);
    await context.close();
  });
});
