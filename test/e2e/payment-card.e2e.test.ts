import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, apiSignIn, expectNoHorizontalScroll, input, makeOffer, shot, startE2E, type E2E } from './harness.ts';

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

async function call(baseUrl: string, cookie: string, method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${baseUrl}${url}`, {
    method,
    headers: { origin: baseUrl, cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

/** A trade-in of the demo seller with the demo refurbisher, delivered and approved by a match. */
async function approvedTradeIn(baseUrl: string): Promise<{ tradeInId: string; seller: string }> {
  const admin = await apiSignIn(baseUrl, 'refurbisher@example.com', 'tradeloop-demo');
  const before = await makeOffer(baseUrl);
  const device = (before.quote as { device: { variantId: string } }).device;
  const best = (before.quote as { offer: { price: { amountMinor: number } } }).offer.price.amountMinor;
  const upsert = await call(baseUrl, admin, 'PUT', '/api/refurbisher/wishlist', {
    entries: [{ variantId: device.variantId, grade: 'Flawless', price: { amountMinor: best + 700, currency: 'USD' }, quantity: 5 }],
  });
  expect(upsert.status, JSON.stringify(upsert.json)).toBe(200);
  const offer = await makeOffer(baseUrl);
  const seller = await apiSignIn(baseUrl, 'seller@example.com', 'tradeloop-demo');
  const accepted = await call(baseUrl, seller, 'POST', `/api/offers/${offer.offerId}/accept`, {}, { 'idempotency-key': crypto.randomUUID() });
  expect(accepted.status, JSON.stringify(accepted.json)).toBe(201);
  const tradeInId = accepted.json.id as string;
  await expect.poll(async () => (await call(baseUrl, seller, 'GET', `/api/trade-ins/${tradeInId}`)).json.shipping, { timeout: 30_000, interval: 250 }).not.toBeNull();
  for (const type of ['picked_up', 'delivered']) {
    const sent = await call(baseUrl, seller, 'POST', '/api/dev/carrier-events', { tradeInId, type });
    expect(sent.status, JSON.stringify(sent.json)).toBeLessThan(300);
  }
  await expect.poll(async () => (await call(baseUrl, seller, 'GET', `/api/trade-ins/${tradeInId}`)).json.status, { timeout: 15_000 }).toBe('delivered');

  // The same answers as the assessment (makeOffer's), every accessory present: a match.
  const t = (await call(baseUrl, seller, 'GET', `/api/trade-ins/${tradeInId}`)).json as { mandatoryAccessories: string[] };
  const inspector = await apiSignIn(baseUrl, 'inspector@example.com', 'tradeloop-demo');
  const filed = await call(baseUrl, inspector, 'POST', `/api/refurbisher/trade-ins/${tradeInId}/inspection`, {
    answers: await flawless(baseUrl, offer.quote),
    accessories: t.mandatoryAccessories.map((name) => ({ name, present: true })),
    stillLinked: false,
  });
  expect(filed.status, JSON.stringify(filed.json)).toBe(200);
  return { tradeInId, seller };
}

/** makeOffer's answers (the first option of each question), read again from the catalogue. */
async function flawless(baseUrl: string, quote: Record<string, unknown>): Promise<Record<string, string>> {
  const modelId = (quote as { device: { modelId: string } }).device.modelId;
  const detail = (await (await fetch(`${baseUrl}/api/catalog/models/${modelId}`)).json()) as { questionnaire: { id: string; options: { id: string }[] }[] };
  return Object.fromEntries(detail.questionnaire.map((q) => [q.id, q.options[0]!.id]));
}

async function signIn(page: Page, baseUrl: string, email: string) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByRole('tab', { name: 'Sign in' }).waitFor();
  await input(page, 'E-mail').fill(email);
  await input(page, 'Password').fill('tradeloop-demo');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
}

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
