import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bankReturnsFile } from '../ach-bank.ts';
import { apiCall as call, approvedTradeIn } from './approved.ts';
import { DESKTOP, apiSignIn, input, shot, signIn, startE2E, type E2E } from './harness.ts';

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


describe('the operator console: payouts, batches and bank returns', () => {
  it('creates the batch, downloads its file, uploads the bank’s return and sees the payout on hold', async () => {
    const { baseUrl, browser } = e2e;
    const { tradeInId } = await approvedTradeIn(baseUrl);
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
