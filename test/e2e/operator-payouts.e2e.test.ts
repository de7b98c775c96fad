import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bankReturnsFile } from '../ach-bank.ts';
import { DESKTOP, apiSignIn, input, makeOffer, shot, startE2E, type E2E } from './harness.ts';

/**
 * The operator console against the real server in demo mode: a trade-in of the demo seller is
 * approved at inspection (its payout is ready), the operator creates the batch, downloads its
 * NACHA file, uploads the bank's return of that payout (R03, made from the downloaded file by
 * test/ach-bank.ts playing the bank) and sees the payout returned and the trade-in on hold.
 */
let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

type Json = Record<string, unknown>;

async function call(baseUrl: string, cookie: string, method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${baseUrl}${url}`, {
    method,
    headers: { origin: baseUrl, cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Json) : {} };
}

/** A trade-in of the demo seller, delivered to the demo refurbisher and approved by its inspector: its payout is ready. */
async function approvedTradeIn(baseUrl: string): Promise<string> {
  const admin = await apiSignIn(baseUrl, 'refurbisher@example.com', 'tradeloop-demo');
  const before = await makeOffer(baseUrl);
  const device = (before.quote as { device: { variantId: string } }).device;
  const best = (before.quote as { offer: { price: { amountMinor: number } } }).offer.price.amountMinor;
  // Outbid the market so the demo refurbisher (the inspector's organisation) wins the offer.
  const upsert = await call(baseUrl, admin, 'PUT', '/api/refurbisher/wishlist', {
    entries: [{ variantId: device.variantId, grade: 'Flawless', price: { amountMinor: best + 900, currency: 'USD' }, quantity: 5 }],
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
  // The inspector finds it as declared: approved, and the payout starts.
  const inspector = await apiSignIn(baseUrl, 'inspector@example.com', 'tradeloop-demo');
  const view = await call(baseUrl, seller, 'GET', `/api/trade-ins/${tradeInId}`);
  // The seller's answers as makeOffer gave them (the first option of each question: Flawless).
  const modelId = (offer.quote as { device: { modelId: string } }).device.modelId;
  const detail = (await (await fetch(`${baseUrl}/api/catalog/models/${modelId}`)).json()) as { questionnaire: { id: string; options: { id: string }[] }[] };
  const answers = Object.fromEntries(detail.questionnaire.map((q) => [q.id, q.options[0]!.id]));
  const filed = await call(baseUrl, inspector, 'POST', `/api/refurbisher/trade-ins/${tradeInId}/inspection`, {
    answers,
    accessories: ((view.json.mandatoryAccessories as string[] | undefined) ?? []).map((name) => ({ name, present: true })),
    stillLinked: false,
  });
  expect(filed.status, JSON.stringify(filed.json)).toBe(200);
  expect(filed.json.status).toBe('approved');
  return tradeInId;
}

async function signIn(page: Page, baseUrl: string, email: string) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByRole('tab', { name: 'Sign in' }).waitFor();
  await input(page, 'E-mail').fill(email);
  await input(page, 'Password').fill('tradeloop-demo');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

describe('the operator console: payouts, batches and bank returns', () => {
  it('creates the batch, downloads its file, uploads the bank’s return and sees the payout on hold', async () => {
    const { baseUrl, browser } = e2e;
    const tradeInId = await approvedTradeIn(baseUrl);
    const operatorApi = await apiSignIn(baseUrl, 'operator@example.com', 'tradeloop-demo');

    const context = await browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1, acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await signIn(page, baseUrl, 'operator@example.com');
    await page.waitForURL(/\/operator$/);

    // Payouts (the first tab): the new payout waits for the next batch.
    const payoutRow = page.getByTestId('payouts').getByRole('row').filter({ hasText: tradeInId });
    await payoutRow.waitFor();
    expect(await payoutRow.innerText()).toContain('Leaves with the next batch');
    await shot(page, 'operator-payouts-1280');

    // Batches: create the batch now, then download its NACHA file.
    await page.getByRole('tab', { name: 'Batches' }).click();
    await page.waitForURL(/tab=batches/);
    await page.getByTestId('create-batch').click();
    await page.getByTestId('create-batch-result').waitFor();
    expect(await page.getByTestId('create-batch-result').innerText()).toMatch(/Created|Already created/);
    const fileLink = page.getByTestId('batches').locator('a[data-testid^="batch-file-"]').first();
    await fileLink.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), fileLink.click()]);
    const nacha = fs.readFileSync((await download.path())!, 'utf8');
    expect(nacha.split('\n')[0]).toMatch(/^101/);
    await shot(page, 'operator-batches-1280');

    // The bank returns our payout: R03, no account.
    const sent = await call(baseUrl, operatorApi, 'GET', '/api/admin/payouts?status=sent&limit=200');
    const payout = (sent.json.items as { tradeInId: string; traceNumber: string; id: string }[]).find((p) => p.tradeInId === tradeInId);
    expect(payout?.traceNumber).toMatch(/^\d{15}$/);
    const returnsFile = bankReturnsFile(nacha, [{ traceNumber: payout!.traceNumber, code: 'R03' }]);

    await page.getByRole('tab', { name: 'Bank returns' }).click();
    await page.getByTestId('return-file').waitFor();
    await page.locator('input[type="file"]').setInputFiles({ name: 'returns-r03.ach', mimeType: 'text/plain', buffer: Buffer.from(returnsFile) });
    await page.getByTestId('upload-returns').click();
    await page.getByTestId('return-result').waitFor();
    expect(await page.getByTestId('return-result').innerText()).toContain('1 returns');
    await page.getByTestId('ach-returns').getByRole('row').filter({ hasText: payout!.id }).waitFor();
    await shot(page, 'operator-returns-1280');

    // A file the parser cannot read changes nothing and lists its lines.
    await page.locator('input[type="file"]').setInputFiles({ name: 'garbage.ach', mimeType: 'text/plain', buffer: Buffer.from('not a NACHA file\n') });
    await page.getByTestId('upload-returns').click();
    await page.getByTestId('return-problems').waitFor();
    expect(await page.getByTestId('return-problems').innerText()).toMatch(/Line 1/);

    // The payout is returned and waits for the seller's corrected details; the trade-in is on hold.
    await page.getByRole('tab', { name: 'Payouts' }).click();
    const returnedRow = page.getByTestId('payouts').getByRole('row').filter({ hasText: tradeInId }).first();
    await expect.poll(() => returnedRow.innerText()).toContain('Returned: waiting for corrected details');
    expect(await returnedRow.innerText()).toContain('R03');
    await page.getByRole('tab', { name: 'Trade-ins' }).click();
    const held = page.getByTestId('trade-ins').getByRole('row').filter({ hasText: tradeInId });
    await held.waitFor();
    expect(await held.innerText()).toContain('on hold');
    const seller = await apiSignIn(baseUrl, 'seller@example.com', 'tradeloop-demo');
    expect((await call(baseUrl, seller, 'GET', `/api/trade-ins/${tradeInId}`)).json.status).toBe('payout_on_hold');
    expect(errors).toEqual([]);
    await context.close();
  });
});
