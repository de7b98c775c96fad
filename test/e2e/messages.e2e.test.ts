import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, apiSignIn, input, makeOffer, startE2E, type E2E } from './harness.ts';

/**
 * The seller's side of the messages on a trade-in, and the public certificate check, in a real
 * browser against the real server in demo mode.
 */
let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe('messages on the trade-in page', () => {
  it('refuses a message carrying a routing number with the reason, then sends a plain one', async () => {
    const { baseUrl, browser } = e2e;
    const offer = await makeOffer(baseUrl);
    const cookie = await apiSignIn(baseUrl, 'seller@example.com', 'tradeloop-demo');
    const accepted = await fetch(`${baseUrl}/api/offers/${offer.offerId}/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: baseUrl, cookie, 'idempotency-key': randomUUID() },
      body: '{}',
    });
    expect(accepted.status, await accepted.clone().text()).toBe(201);
    const tradeIn = (await accepted.json()) as { id: string };

    const context = await browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${baseUrl}/sign-in?next=${encodeURIComponent(`/trade-ins/${tradeIn.id}`)}`);
    await page.getByRole('tab', { name: 'Sign in' }).waitFor();
    await input(page, 'E-mail').fill('seller@example.com');
    await input(page, 'Password').fill('tradeloop-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === `/trade-ins/${tradeIn.id}`);

    await page.getByRole('heading', { name: 'Messages' }).waitFor();
    const box = page.getByLabel(`Write to ${offer.refurbisher}`);
    await box.fill('My routing number is 021000021');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('seems to contain a bank routing number').waitFor();

    await box.fill('Hi! Does the charger need to be the original one?');
    await page.getByRole('button', { name: 'Send' }).click();
    const list = page.getByRole('list', { name: 'Messages' });
    await list.getByText('Does the charger need to be the original one?').waitFor();
    expect(await list.getByRole('listitem').count()).toBe(1);
    expect(await box.inputValue()).toBe('');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the public certificate check', () => {
  it('says clearly that an unknown code is not a certificate', async () => {
    const { baseUrl, browser } = e2e;
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/verify/ABCD-EFGH-JKMN`);
    await page.getByRole('heading', { name: 'No certificate has this code' }).waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('not genuine');
    await page.close();
  });
});
