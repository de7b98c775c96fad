import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, input, makeOffer, shot, signIn, startE2E, type E2E } from './harness.ts';

/**
 * The refurbisher's side, end to end against the real server in demo mode: an operator opens a
 * refurbisher, its admin accepts the invitation from the demo mailbox, adds and then raises a
 * price in the portal, and the next seller's quote shows that price as the best offer.
 */
let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

describe('a new refurbisher outbids the market', () => {
  it('is opened by an operator, joined from the invitation e-mail, raises a price, and wins the next quote', async () => {
    const { baseUrl, browser } = e2e;
    const before = await makeOffer(baseUrl);
    const name = `Harbor Refurb ${Date.now().toString(36)}`;
    const adminEmail = `harbor-admin-${Date.now().toString(36)}@example.com`;

    // 1. The operator lands on the operator page and opens the refurbisher.
    const opContext = await browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1 });
    const op = await opContext.newPage();
    const opErrors = watchErrors(op);
    await signIn(op, baseUrl, 'operator@example.com', 'tradeloop-demo');
    await op.waitForURL(/\/operator$/);
    // The console opens on Payouts; the refurbishers have their own tab.
    await op.getByRole('tab', { name: 'Refurbishers' }).click();
    await op.getByRole('heading', { name: 'Open a refurbisher' }).waitFor();
    await input(op, 'Refurbisher name').fill(name);
    await input(op, "First admin's e-mail").fill(adminEmail);
    await input(op, 'Receiving address').fill('77 Pier Rd');
    await input(op, 'City').fill('Baltimore');
    await input(op, 'State').fill('MD');
    await input(op, 'ZIP').fill('21230');
    await op.getByRole('button', { name: 'Open and invite' }).click();
    await op.getByText(`${adminEmail} has been invited as its admin`).waitFor();
    await op.getByTestId('refurbisher-list').getByText(name).waitFor();
    await shot(op, 'operator-1280');
    expect(opErrors).toEqual([]);
    await opContext.close();

    // 2. The invited admin creates an account with the invited address; the demo mailbox shows
    //    each signed-in person their own e-mails, the invitation among them (its link is in the
    //    plain-text part).
    const context = await browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByRole('tab', { name: 'Create an account' }).click();
    await input(page, 'Your name').fill('Hana Harbor');
    await input(page, 'E-mail').fill(adminEmail);
    await input(page, 'Choose a password').fill('violet-harbour-tangent-42');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL((url) => url.pathname !== '/sign-in');
    await page.goto(`${baseUrl}/dev/mailbox`);
    const mail = page.getByTestId('mail-list').getByRole('link', { name: new RegExp(`join ${name}`) });
    await mail.waitFor({ timeout: 30_000 });
    await mail.click();
    await page.getByRole('tab', { name: 'Plain text' }).click();
    const text = await page.locator('pre').innerText();
    const link = /https?:\/\/\S+\/invitations\/[A-Za-z0-9_-]+/.exec(text)?.[0];
    expect(link, text).toBeDefined();

    // 3. The link, then join: the portal is the admin's home from now on.
    await page.goto(`${baseUrl}${new URL(link!).pathname}`);
    await page.getByRole('heading', { name: `Join ${name} on Tradeloop` }).waitFor();
    await page.getByRole('button', { name: `Join ${name}` }).click();
    await page.waitForURL(/\/portal$/);
    await page.getByRole('heading', { name }).waitFor();
    expect(await page.getByTestId('my-role').innerText()).toMatch(/admin/i);
    await page.getByRole('link', { name: 'Portal' }).first().waitFor();

    // 4. Add the seller's device below the market, then raise it above the best price.
    const quote = before.quote as { device: { variantId: string; variantLabel: string }; offer: { price: { amountMinor: number } } };
    const best = quote.offer.price.amountMinor;
    await input(page, 'Find a model').fill('iPhone 13');
    await page.getByLabel('Model', { exact: true }).filter({ visible: true }).click();
    await page.getByRole('option', { name: /^Apple iPhone 13$/ }).click();
    await page.getByLabel('Variants').filter({ visible: true }).click();
    await page.getByRole('option', { name: quote.device.variantLabel, exact: true }).click();
    await page.keyboard.press('Escape');
    await page.getByLabel('Grades').filter({ visible: true }).click();
    await page.getByRole('option', { name: 'Flawless', exact: true }).click();
    await page.keyboard.press('Escape');
    await input(page, 'Price ($)').fill('10');
    await input(page, 'Quantity').fill('5');
    await page.getByRole('button', { name: /^Add 1 entry$/ }).click();
    await page.getByText('1 added, 0 updated.').waitFor();
    const table = page.getByTestId('wishlist-table');
    const row = table.locator('tbody tr').first();
    await row.waitFor();
    // Below the market: ranked, not winning, with the price that would win.
    expect(await row.innerText()).toMatch(/\b(?:[2-9]|\d\d+)(?:st|nd|rd|th) of \d+/);
    expect(await row.innerText()).not.toContain('You win this');

    const raised = best + 100;
    const priceInput = row.getByRole('textbox', { name: /^Price of / });
    await priceInput.fill((raised / 100).toFixed(2));
    await row.getByRole('button', { name: 'Save' }).click();
    await table.getByText('You win this').waitFor();
    expect(await table.locator('tbody tr').first().innerText()).toMatch(/1st of \d+/);

    // The entry's history shows who changed it and the chart.
    await table.getByRole('button', { name: /^History of / }).first().click();
    await page.getByTestId('entry-changes').getByText('Hana Harbor').first().waitFor();
    await shot(page, 'portal-1280');
    await page.keyboard.press('Escape');

    // 5. The next seller's quote: the new best offer, from the new refurbisher.
    const after = await makeOffer(baseUrl);
    expect(after.refurbisher).toBe(name);
    expect((after.quote as { offer: { price: { amountMinor: number } } }).offer.price.amountMinor).toBe(raised);
    const seller = await context.newPage();
    await seller.goto(`${baseUrl}/offers/${after.offerId}`);
    await seller.getByText(after.price).first().waitFor();
    await seller.getByTestId('price-history').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("a refurbisher's receiving address", () => {
  it('is changed by an admin in the portal settings and saved on the server; a buyer only sees it', async () => {
    const { baseUrl, browser } = e2e;
    const context = await browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signIn(page, baseUrl, 'refurbisher@example.com', 'tradeloop-demo');
    await page.waitForURL(/\/portal$/);
    await page.getByRole('tab', { name: 'Settings' }).click();
    const form = page.getByRole('form', { name: 'Receiving address' });
    await form.waitFor();

    // The shared schema's message, on its input, before anything is sent.
    await input(page, 'ZIP code').fill('2123');
    await page.getByRole('button', { name: 'Save address' }).click();
    await form.getByText('ZIP code is 5 digits (or ZIP+4)').waitFor();
    expect(await input(page, 'ZIP code').getAttribute('aria-invalid')).toBe('true');

    const street = `${100 + (Date.now() % 800)} Canal St`;
    await input(page, 'Address line 1').fill(street);
    await input(page, 'Address line 2 (optional)').fill('Dock 4');
    await input(page, 'City').fill('New Orleans');
    await input(page, 'State').selectOption('LA');
    await input(page, 'ZIP code').fill('70130');
    await page.getByRole('button', { name: 'Save address' }).click();
    await page.getByText('Receiving address saved.').waitFor();

    // Saved on the server: a fresh page reads it back.
    await page.reload();
    await page.getByText(`Receiving: `, { exact: false }).filter({ hasText: street }).waitFor();
    const org = await page.evaluate(async () => (await fetch('/api/refurbisher/organisation')).json());
    expect(org.receivingAddress).toMatchObject({ line1: street, line2: 'Dock 4', city: 'New Orleans', state: 'LA', zip: '70130' });
    await shot(page, 'portal-settings-1280');
    expect(errors).toEqual([]);
    await context.close();

    // A buyer of the same organisation sees the address and no form.
    const buyerContext = await browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1 });
    const buyer = await buyerContext.newPage();
    await signIn(buyer, baseUrl, 'buyer@example.com', 'tradeloop-demo');
    await buyer.waitForURL(/\/portal$/);
    await buyer.getByRole('tab', { name: 'Settings' }).click();
    await buyer.getByTestId('receiving-address').filter({ hasText: street }).waitFor();
    expect(await buyer.getByRole('button', { name: 'Save address' }).count()).toBe(0);
    await buyerContext.close();
  });
});
