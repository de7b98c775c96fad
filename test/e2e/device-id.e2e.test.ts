import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomImei } from '../factories.ts';
import { apiSignIn, DESKTOP, input, makeOffer, shot, signIn, startE2E, type E2E } from './harness.ts';

/**
 * The pre-label check (docs/product.md §9) in a real browser against the real server: the
 * operator puts an IMEI on the blocklist from the operator page; the seller's accept checks the
 * check digit as they type and shows the server's refusal of the listed IMEI; the seller's offer
 * page and the refurbisher's portal show the scorecard.
 */
let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe('IMEI at accept and the blocklist', () => {
  it('an operator blocklists an IMEI; the seller sees a typo caught at once and the listed IMEI refused, then accepts with another', async () => {
    const { baseUrl, browser } = e2e;
    const stolen = randomImei();
    const errors: string[] = [];

    const operatorContext = await browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1 });
    const operatorPage = await operatorContext.newPage();
    operatorPage.on('pageerror', (err) => errors.push(err.message));
    await signIn(operatorPage, baseUrl, 'operator@example.com');
    await operatorPage.waitForURL(/\/operator$/);
    // The console opens on Payouts; the blocklist has its own tab.
    await operatorPage.getByRole('tab', { name: 'Blocklist' }).click();
    await operatorPage.getByRole('heading', { name: 'Blocklist', exact: true }).waitFor();
    const section = operatorPage.getByRole('region', { name: 'Blocklist' });
    await section.getByLabel(/^IMEI/).fill(stolen.slice(0, 14) + ((Number(stolen[14]) + 1) % 10));
    await section.getByRole('button', { name: 'Add' }).click();
    await section.getByText(/not valid/).waitFor();
    await section.getByLabel(/^IMEI/).fill(stolen);
    await section.getByLabel(/^Reason/).fill('Reported stolen, police report 2026-4411');
    await section.getByRole('button', { name: 'Add' }).click();
    await section.getByTestId('blocklist').getByText(stolen).waitFor();
    await shot(operatorPage, 'operator-blocklist-1280');

    const offer = await makeOffer(baseUrl);
    const context = await browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1 });
    const page = await context.newPage();
    page.on('pageerror', (err) => errors.push(err.message));
    let acceptPosts = 0;
    page.on('request', (req) => {
      if (req.method() === 'POST' && /\/api\/offers\/[^/]+\/accept$/.test(new URL(req.url()).pathname)) acceptPosts += 1;
    });
    // The offer page shows the matched refurbisher's scorecard.
    await page.goto(`${baseUrl}/offers/${offer.offerId}`);
    await page.getByTestId('offer-scorecard').waitFor();
    // The demo refurbishers have no inspections yet: the card says so instead of showing zeros.
    expect(await page.getByTestId('offer-scorecard').innerText()).toMatch(/No inspections in the last 90 days yet/);
    await shot(page, 'offer-scorecard-1280');
    await page.getByRole('link', { name: 'Accept offer' }).click();
    await page.getByRole('tab', { name: 'Sign in' }).click();
    await input(page, 'E-mail').fill('seller@example.com');
    await input(page, 'Password').fill('tradeloop-demo');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Review and accept' }).waitFor();

    const field = page.getByTestId('device-id');
    const accept = page.getByRole('button', { name: `Accept offer for ${offer.price}` });
    // A typo: caught by the check digit before anything is sent.
    await field.fill(stolen.slice(0, 14) + ((Number(stolen[14]) + 1) % 10));
    await accept.click();
    await page.getByText(/This IMEI is not valid/).waitFor();
    expect(acceptPosts).toBe(0);

    // The listed IMEI: the server refuses, and says why.
    await field.fill(`${stolen.slice(0, 8)} ${stolen.slice(8)}`);
    await accept.click();
    const refusal = page.getByTestId('device-blocklisted');
    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(/reported lost or stolen/i);
    expect(await refusal.innerText()).not.toContain('2026-4411');
    await shot(page, 'accept-blocklisted-1280');

    // Operators have a flag naming the IMEI's last 4 digits only.
    const cookie = await apiSignIn(baseUrl, 'operator@example.com', 'tradeloop-demo');
    const flags = (await (await fetch(`${baseUrl}/api/admin/flags?kind=blocklisted_device`, { headers: { cookie } })).json()) as {
      flags: { details: { imeiLast4: string; offerId: string } }[];
    };
    expect(flags.flags.map((f) => f.details)).toContainEqual(expect.objectContaining({ imeiLast4: stolen.slice(-4), offerId: offer.offerId }));

    // The right IMEI goes through.
    const own = randomImei();
    await field.fill(own);
    await accept.click();
    await page.waitForURL(/\/trade-ins\/[^/]+\/accepted$/);
    expect(acceptPosts).toBe(2);

    // The refurbisher's portal has a Scorecard tab.
    const portalContext = await browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1 });
    const portal = await portalContext.newPage();
    portal.on('pageerror', (err) => errors.push(err.message));
    await signIn(portal, baseUrl, 'refurbisher@example.com');
    await portal.waitForURL(/\/portal$/);
    await portal.getByRole('tab', { name: 'Scorecard' }).click();
    await portal.getByTestId('scorecard').getByText('Median time to inspect').waitFor();
    await shot(portal, 'portal-scorecard-1280');

    expect(errors).toEqual([]);
    await Promise.all([context.close(), operatorContext.close(), portalContext.close()]);
  });
});
