import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall as call } from './approved.ts';
import { DESKTOP, PHONE, apiSignIn, expectNoHorizontalScroll, makeOffer, shot, signIn, startE2E, input, type E2E } from './harness.ts';

/**
 * The second half of a trade-in in the browser (issue 10): an inspector of the demo refurbisher
 * files a counteroffer with a photo, the seller sees it with the photo and rejects it, and the
 * free return appears on both sides with its label. Real server in demo mode: the trade-in is
 * accepted, labelled and delivered through the real API and the demo carrier webhook.
 */
let e2e: E2E;
let work: string;

beforeAll(async () => {
  e2e = await startE2E();
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'tradeloop-e2e-photo-'));
});
afterAll(async () => {
  await e2e?.close();
  if (work) await fs.rm(work, { recursive: true, force: true });
});

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

/** A real PNG photo: a gradient, so it is not a trivially tiny file. */
async function writePhoto(file: string): Promise<void> {
  const png = new PNG({ width: 320, height: 240 });
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (png.width * y + x) << 2;
      png.data[i] = x % 256;
      png.data[i + 1] = y % 256;
      png.data[i + 2] = (x + y) % 256;
      png.data[i + 3] = 255;
    }
  }
  await fs.writeFile(file, PNG.sync.write(png));
}

/**
 * A trade-in of the demo seller with the demo refurbisher (the inspector's organisation),
 * delivered: its admin outbids the market for the device in Flawless and keeps a live Fair price
 * (the counteroffer's floor); the seller accepts; the label job runs; the carrier delivers.
 */
async function deliveredTradeIn(baseUrl: string): Promise<{ tradeInId: string; modelName: string; fairFloorCents: number; offerCents: number }> {
  const admin = await apiSignIn(baseUrl, 'refurbisher@example.com', 'tradeloop-demo');
  const before = await makeOffer(baseUrl);
  const device = (before.quote as { device: { variantId: string } }).device;
  const best = (before.quote as { offer: { price: { amountMinor: number } } }).offer.price.amountMinor;
  const offerCents = best + 700;
  // Far under the offer, so the counteroffer is a real downgrade; unique cents so no earlier run's price matches by chance.
  const fairFloorCents = Math.round(offerCents * 0.4) + (Date.now() % 97);
  const upsert = await call(baseUrl, admin, 'PUT', '/api/refurbisher/wishlist', {
    entries: [
      { variantId: device.variantId, grade: 'Flawless', price: { amountMinor: offerCents, currency: 'USD' }, quantity: 5 },
      { variantId: device.variantId, grade: 'Fair', price: { amountMinor: fairFloorCents, currency: 'USD' }, quantity: 5 },
    ],
  });
  expect(upsert.status, JSON.stringify(upsert.json)).toBe(200);
  const org = await call(baseUrl, admin, 'GET', '/api/refurbisher/organisation');
  const offer = await makeOffer(baseUrl);
  expect(offer.refurbisher).toBe(org.json.name);

  const seller = await apiSignIn(baseUrl, 'seller@example.com', 'tradeloop-demo');
  const accepted = await call(baseUrl, seller, 'POST', `/api/offers/${offer.offerId}/accept`, {}, { 'idempotency-key': crypto.randomUUID() });
  expect(accepted.status, JSON.stringify(accepted.json)).toBe(201);
  const tradeInId = accepted.json.id as string;
  // The label is issued by a job a moment after the accept.
  await expect
    .poll(async () => (await call(baseUrl, seller, 'GET', `/api/trade-ins/${tradeInId}`)).json.shipping, { timeout: 30_000, interval: 250 })
    .not.toBeNull();
  for (const type of ['picked_up', 'delivered']) {
    const sent = await call(baseUrl, seller, 'POST', '/api/dev/carrier-events', { tradeInId, type });
    expect(sent.status, JSON.stringify(sent.json)).toBeLessThan(300);
  }
  await expect.poll(async () => (await call(baseUrl, seller, 'GET', `/api/trade-ins/${tradeInId}`)).json.status, { timeout: 15_000 }).toBe('delivered');
  return { tradeInId, modelName: offer.modelName, fairFloorCents, offerCents };
}

const usd = (cents: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);

describe('an inspection that ends in a counteroffer the seller rejects', () => {
  it('is filed with a photo by the inspector, seen with the photo by the seller, rejected, and returned with a label', async () => {
    const { baseUrl, browser } = e2e;
    const t = await deliveredTradeIn(baseUrl);
    const photo = path.join(work, 'cracked-corner.png');
    await writePhoto(photo);

    // 1. The inspector's portal opens on the incoming devices; the delivered one is to inspect,
    //    with its deadline as a date and a time on New York's clock.
    const inspectorContext = await browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1 });
    const portal = await inspectorContext.newPage();
    const portalErrors = watchErrors(portal);
    await signIn(portal, baseUrl, 'inspector@example.com');
    await portal.goto(`${baseUrl}/portal`);
    await portal.getByRole('tab', { name: 'Incoming', selected: true }).waitFor();
    const list = portal.getByTestId('incoming-list');
    const row = list.locator(`[data-trade-in="${t.tradeInId}"]`);
    await row.waitFor();
    expect(await row.innerText()).toMatch(/\d{1,2}:\d{2}\s[AP]M\sE[SD]T/);
    expect(await portal.getByRole('radio', { name: /^To inspect \(\d+\)$/ }).isChecked()).toBe(true);
    await shot(portal, 'portal-incoming-1280');
    await portal.setViewportSize(PHONE);
    await expectNoHorizontalScroll(portal, 'incoming list at phone width');
    await portal.setViewportSize(DESKTOP);
    await row.getByRole('link', { name: t.modelName }).click();
    await portal.waitForURL(new RegExp(`/portal/trade-ins/${t.tradeInId}$`));
    await portal.getByRole('heading', { name: 'Inspect the device' }).waitFor();
    expect(await portal.getByTestId('declared-answers').innerText()).toContain('Like new: no scratches');
    expect(await portal.getByTestId('inspection-due').innerText()).toMatch(/\d{1,2}:\d{2}\s[AP]M/);

    // 2. The questionnaire again: everything as declared but the screen, which has visible
    //    scratches → Fair, live.
    const groups = portal.locator('[data-question]');
    const count = await groups.count();
    expect(count).toBeGreaterThan(2);
    for (let i = 0; i < count; i++) {
      const group = groups.nth(i);
      const id = await group.getAttribute('data-question');
      if (id === 'screen') await group.getByRole('radio', { name: 'Visible scratches or scuffs' }).check();
      else await group.getByRole('radio').first().check();
    }
    await expect.poll(() => portal.getByTestId('verified-grade').innerText()).toContain('Fair');
    await portal.getByRole('radio', { name: 'No, it is signed out of every account' }).check();
    for (const box of await portal.getByTestId('accessories').getByRole('checkbox').all()) await box.check();

    // A mistyped IMEI is caught as it is typed; a valid one is accepted.
    const imei = input(portal, 'IMEI read from the device');
    await imei.fill('490154203237517');
    await expect.poll(() => imei.getAttribute('aria-invalid')).toBe('true');
    await imei.fill('49 015420 323751 8');
    await expect.poll(() => imei.getAttribute('aria-invalid')).not.toBe('true');
    await portal.getByTestId('identity-check').filter({ hasText: 'Valid IMEI' }).waitFor();

    // 3. The photo is uploaded as soon as it is chosen and shown from the server's copy.
    await portal.locator('input[type="file"]').setInputFiles(photo);
    const thumb = portal.getByTestId('uploaded-photos').getByRole('img', { name: 'Evidence photo 1' });
    await thumb.waitFor({ timeout: 20_000 });
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

    // 4. The counteroffer: prefilled at the refurbisher's own Fair price (the floor), with the
    //    screen's reason; the outcome previewed in words.
    const fields = portal.getByTestId('counteroffer-fields');
    await fields.waitFor();
    const price = portal.getByLabel('New price (US dollars)');
    expect(await price.inputValue()).toBe(usd(t.fairFloorCents));
    expect(await fields.innerText()).toContain(`Your wishlist pays ${usd(t.fairFloorCents)}`);
    // Below the floor: named at the input, and nothing can be sent.
    // Typed as people type whole dollars ("87.00"): the input hands that over as a string.
    await price.fill(`${Math.floor((t.fairFloorCents - 100) / 100)}.00`);
    await fields.getByText(`No lower than ${usd(t.fairFloorCents)}`).waitFor();
    expect(await portal.getByRole('button', { name: 'Send the counteroffer' }).isDisabled()).toBe(true);
    const counterCents = t.fairFloorCents + 500;
    await price.fill((counterCents / 100).toFixed(2));
    const reason = fields.locator('textarea[data-subject="screen"]');
    expect(await reason.inputValue()).toBe('The screen has visible scratches.');
    await reason.fill('Two deep scratches across the top of the screen, visible with the screen on (photo 1).');
    expect(await portal.getByTestId('outcome-preview').innerText()).toContain(`Counteroffer of ${usd(counterCents)}`);
    await expectNoHorizontalScroll(portal, 'inspection form');
    await shot(portal, 'inspection-form-1280');
    await portal.getByRole('button', { name: 'Send the counteroffer' }).click();

    // The record replaces the form; the counteroffer waits for the seller.
    await portal.getByTestId('counteroffer-status').getByText('Waiting for the seller').waitFor();
    expect(await portal.getByRole('heading', { name: 'Inspect the device' }).count()).toBe(0);
    expect(await portal.getByTestId('inspection-record').innerText()).toContain('IMEI 490154203237518');

    // 5. The seller's trade-in page: the counteroffer with both answers side by side, the photo,
    //    the reason, the prices; the photo enlarges.
    const sellerContext = await browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1 });
    const page = await sellerContext.newPage();
    const sellerErrors = watchErrors(page);
    await signIn(page, baseUrl, 'seller@example.com');
    await page.goto(`${baseUrl}/trade-ins/${t.tradeInId}`);
    const card = page.getByTestId('counteroffer');
    await card.waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('trade-in-status').innerText()).toContain('Counteroffer');
    expect(await page.getByTestId('counteroffer-price').innerText()).toBe(usd(counterCents));
    expect(await card.innerText()).toContain(usd(t.offerCents));
    const differs = page.getByTestId('comparison').locator('tr[data-differs]');
    expect(await differs.count()).toBe(1);
    expect(await differs.innerText()).toContain('Like new: no scratches');
    expect(await differs.innerText()).toContain('Visible scratches or scuffs');
    expect(await page.getByTestId('defects').innerText()).toContain('Two deep scratches across the top');
    expect(await page.getByTestId('market-best').innerText()).toContain('Fair');
    const sellerPhoto = page.getByTestId('photos').getByRole('img').first();
    await expect.poll(() => sellerPhoto.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await page.getByRole('button', { name: /^Photo 1 of 1: enlarge$/ }).click();
    const large = page.getByTestId('photo-large');
    await expect.poll(() => large.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);
    await page.keyboard.press('Escape');
    await expectNoHorizontalScroll(page, 'counteroffer');
    await shot(page, 'counteroffer-1280');
    await page.setViewportSize(PHONE);
    await expectNoHorizontalScroll(page, 'counteroffer at phone width');
    await shot(page, 'counteroffer-390');
    await page.setViewportSize(DESKTOP);

    // 6. Reject, with a confirm step that says the return is free.
    await page.getByRole('button', { name: 'Reject and get it back' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reject the counteroffer?' });
    expect(await dialog.innerText()).toContain('free of charge');
    await dialog.getByRole('button', { name: 'Yes, reject and return it' }).click();
    await expect.poll(() => page.getByTestId('trade-in-status').innerText(), { timeout: 15_000 }).toContain('Being returned to you');
    expect(await page.getByTestId('counteroffer-answer').innerText()).toContain('You rejected it');
    await page.getByTestId('return-shipment').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('return-state').innerText()).toBe('Waiting to be shipped');
    await shot(page, 'counteroffer-rejected-1280');

    // 7. The refurbisher's page shows the rejection and, once the carrier issued it, the prepaid
    //    return label, a real PDF.
    await portal.reload();
    await portal.getByTestId('counteroffer-status').getByText('Rejected: return the device').waitFor();
    const label = portal.getByRole('link', { name: 'Download the return label (PDF)' });
    await label.waitFor({ timeout: 30_000 });
    const href = await label.getAttribute('href');
    const pdf = await portal.request.get(new URL(href!, baseUrl).toString());
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await shot(portal, 'return-label-1280');

    expect(portalErrors).toEqual([]);
    expect(sellerErrors).toEqual([]);
    await inspectorContext.close();
    await sellerContext.close();
  });
});
