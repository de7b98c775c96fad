import fs from 'node:fs/promises';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, confirmEmailFromMailbox, descriptionOf, expectNoHorizontalScroll, input, makeOffer, shot, startE2E, takeEveryUnitAtOrAbove, type E2E } from './harness.ts';

/**
 * After the offer: a new seller signs up, gives their details and accepts (issue 3); a seller
 * with complete details accepts, downloads the label and watches carrier events move the
 * trade-in (issue 4). Real server in demo mode, real browser.
 */
let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});

afterAll(async () => {
  await e2e?.close();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

describe('accepting an offer as a new seller at phone width (issue 3)', () => {
  it('signs up, gives profile, identity and payout, accepts, and finds the trade-in in "My trade-ins"', async () => {
    const { baseUrl, browser } = e2e;
    const offer = await makeOffer(baseUrl);
    const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const pageErrors = watchErrors(page);
    const acceptRequests: Request[] = [];
    page.on('request', (req) => {
      if (req.method() === 'POST' && /\/api\/offers\/[^/]+\/accept$/.test(new URL(req.url()).pathname)) acceptRequests.push(req);
    });

    // The offer page's button leads to the accept flow.
    await page.goto(`${baseUrl}/offers/${offer.offerId}`);
    await page.getByRole('link', { name: 'Accept offer' }).click();
    await page.waitForURL(/\/offers\/[^/]+\/accept$/);
    await page.getByRole('heading', { name: 'Accept your offer' }).waitFor();
    expect(await page.getByTestId('accept-price').innerText()).toBe(offer.price);

    // 1. Account: a new seller, with a unique e-mail.
    await page.getByRole('heading', { name: 'Create an account or sign in' }).waitFor();
    await expectNoHorizontalScroll(page, 'accept: account');
    await shot(page, 'accept-account-390');
    const email = `e2e-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const password = 'plum orbit lantern 47';
    await input(page, 'Your name').fill('Alex Rivera');
    await input(page, 'E-mail').fill(email);
    await input(page, 'Choose a password').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();

    // The header now says who is signed in.
    await page.getByRole('button', { name: 'Account: Alex Rivera' }).waitFor();

    // 2. Profile. A bad ZIP is named at the input as soon as it is left, and tied to it for screen readers.
    await page.getByRole('heading', { name: 'Your legal name, date of birth and address' }).waitFor();
    await input(page, 'Legal first name').fill('Alex');
    await input(page, 'Legal last name').fill('Rivera');
    await input(page, 'Date of birth').fill('1990-04-15');
    await input(page, 'Address line 1').fill('350 Fifth Avenue');
    await input(page, 'City').fill('New York');
    await input(page, 'State').selectOption('NY');
    const zip = input(page, 'ZIP code');
    await zip.fill('1011');
    await zip.blur();
    await expect.poll(() => zip.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(page, 'ZIP code')).toContain('ZIP code must be 5 digits');
    await zip.fill('10118');
    await expect.poll(() => zip.getAttribute('aria-invalid')).not.toBe('true');
    await input(page, 'Phone').fill('(212) 555-0147');
    await expectNoHorizontalScroll(page, 'accept: profile');
    await shot(page, 'accept-profile-390');
    await page.getByRole('button', { name: 'Save and continue' }).click();

    // 3. Identity: the SSN option; 0000 is refused at the input, a real one accepted.
    await page.getByRole('heading', { name: 'Confirm who you are' }).waitFor();
    await page.getByRole('radio', { name: /Social Security number/ }).check();
    const ssn = input(page, 'Last 4 digits of your SSN');
    await ssn.fill('0000');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect.poll(() => ssn.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(page, 'Last 4 digits of your SSN')).toContain('cannot be 0000');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('last4');
    await ssn.fill('4821');
    await expectNoHorizontalScroll(page, 'accept: identity');
    await shot(page, 'accept-identity-390');
    await page.getByRole('button', { name: 'Save and continue' }).click();

    // 4. Payout: a mistyped confirmation is caught before anything is sent.
    await page.getByRole('heading', { name: 'Where should we send the money?' }).waitFor();
    await input(page, 'Routing number').fill('021000021');
    await input(page, 'Account number').fill('000123456789');
    const again = input(page, 'Account number again');
    await again.fill('000123456780');
    expect(await input(page, 'Account holder name').inputValue()).toBe('Alex Rivera');
    await input(page, 'Your Tradeloop password').fill(password);
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect.poll(() => again.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(page, 'Account number again')).toContain('does not match');
    await again.fill('000123456789');
    await expectNoHorizontalScroll(page, 'accept: payout');
    await shot(page, 'accept-payout-390');
    await page.getByRole('button', { name: 'Save and continue' }).click();

    // 5. The e-mail address is confirmed before accepting: the link sent at sign-up (and once
    //    more with "Send it again") lands in the demo mailbox, and opening it leads back here.
    await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor();
    expect(await page.getByTestId('confirm-email').innerText()).toContain(email);
    await page.getByRole('button', { name: 'Send it again' }).click();
    await page.getByRole('status').filter({ hasText: `A new link is on its way to ${email}` }).waitFor();
    await expectNoHorizontalScroll(page, 'accept: confirm e-mail');
    await shot(page, 'accept-confirm-email-390');
    await page.getByRole('link', { name: 'demo mailbox', exact: true }).click();
    await page.waitForURL(/\/dev\/mailbox$/);
    const confirmMail = page.getByTestId('mail-list').getByRole('link', { name: /Confirm your e-mail address for Tradeloop/ });
    await expect.poll(() => confirmMail.count(), { timeout: 30_000 }).toBe(2);
    await confirmMail.first().click();
    await page.getByRole('tab', { name: 'Plain text' }).click();
    const mailText = await page.locator('pre').innerText();
    const link = /https?:\/\/\S+\/api\/auth\/verify-email\?\S+/.exec(mailText)?.[0];
    expect(link, mailText).toBeDefined();
    await page.goto(link!);
    await page.getByRole('heading', { name: 'Your e-mail is confirmed' }).waitFor();
    await shot(page, 'email-confirmed-390');
    await page.getByRole('link', { name: 'Back to your offer' }).click();
    await page.waitForURL(/\/offers\/[^/]+\/accept$/);

    // 6. Review: protected values only masked, then accept.
    await page.getByRole('heading', { name: 'Review and accept' }).waitFor();
    const body = await page.locator('main').innerText();
    expect(body).toContain('•••• 6789');
    expect(body).not.toContain('000123456789');
    expect(body).not.toContain('021000021');
    expect(body).not.toContain('4821');
    await expectNoHorizontalScroll(page, 'accept: review');
    await shot(page, 'accept-review-390');
    await page.getByRole('button', { name: `Accept offer for ${offer.price}` }).click();

    // Confirmation: what happens next, with the label.
    await page.waitForURL(/\/trade-ins\/[^/]+\/accepted$/);
    await page.getByRole('heading', { name: 'Offer accepted' }).waitFor();
    await page.getByRole('heading', { name: 'What happens next' }).waitFor();
    expect(acceptRequests).toHaveLength(1);
    expect(acceptRequests[0]!.headers()['idempotency-key']).toMatch(UUID);
    const tradeInId = new URL(page.url()).pathname.split('/')[2]!;
    // The label is issued by a job a moment after the accept: wait for it as the seller would.
    await page.getByTestId('qr-code').waitFor();
    await expect.poll(() => page.getByTestId('qr-code').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await page.getByRole('link', { name: 'Download label (PDF)' }).waitFor();
    await expectNoHorizontalScroll(page, 'confirmation');
    await shot(page, 'accepted-390');

    // The offer, opened again (its page and its accept page): it says it was accepted and leads to
    // the trade-in; there is nothing left to accept.
    for (const url of [`/offers/${offer.offerId}`, `/offers/${offer.offerId}/accept`]) {
      await page.goto(`${baseUrl}${url}`);
      await page.getByTestId('offer-accepted').waitFor();
      const link = page.getByRole('link', { name: 'See your trade-in' });
      await link.waitFor();
      expect(await link.getAttribute('href'), url).toBe(`/trade-ins/${tradeInId}`);
      expect(await page.getByRole('link', { name: 'Accept offer' }).count(), url).toBe(0);
    }

    // My trade-ins, from the header.
    await page.getByRole('link', { name: 'My trade-ins' }).first().click();
    await page.waitForURL(/\/trade-ins$/);
    await page.getByRole('heading', { name: 'My trade-ins' }).waitFor();
    const item = page.getByTestId('trade-in-list').getByRole('link').filter({ hasText: offer.modelName });
    await item.waitFor();
    expect(await item.count()).toBe(1);
    const itemText = await item.innerText();
    expect(itemText).toContain(offer.price);
    expect(itemText).toContain('Waiting for you to ship');
    expect(itemText).toMatch(/Ship by \w{3}, \w{3} \d{1,2}, \d{4}/);
    await expectNoHorizontalScroll(page, 'my trade-ins');
    await shot(page, 'trade-ins-390');

    // …and open it.
    await item.click();
    await page.waitForURL(new RegExp(`/trade-ins/${tradeInId}$`));
    await page.getByRole('heading', { name: offer.modelName, level: 1 }).waitFor();
    expect(await page.getByTestId('trade-in-status').innerText()).toContain('Waiting for you to ship');
    expect(await page.getByTestId('trade-in-price').innerText()).toBe(offer.price);
    expect(await page.getByTestId('timeline').innerText()).toContain('Offer accepted');
    expect(await page.getByTestId('deadline-ship-by').innerText()).toMatch(/\d{4}/);
    await expect.poll(() => page.getByTestId('payout-banner').count()).toBe(0);
    await expectNoHorizontalScroll(page, 'trade-in');
    await shot(page, 'trade-in-390');

    // Settings show the saved details, masked.
    await page.getByRole('button', { name: 'Account: Alex Rivera' }).click();
    await page.getByRole('menuitem', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Payout method' }).waitFor();
    const settings = await page.locator('main').innerText();
    expect(settings).toContain('•••• 6789');
    expect(settings).not.toContain('000123456789');
    await expectNoHorizontalScroll(page, 'settings');
    await shot(page, 'settings-390');

    expect(pageErrors).toEqual([]);
    await context.close();
  });
});

describe('shipping and tracking at desktop width (issue 4)', () => {
  it('downloads the label, shows the QR code, and moves along the timeline with demo carrier events', async () => {
    const { baseUrl, browser } = e2e;
    const offer = await makeOffer(baseUrl);
    const context = await browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1, acceptDownloads: true });
    const page = await context.newPage();
    const pageErrors = watchErrors(page);

    // The demo seller has complete details: after signing in, the flow goes straight to "Review and accept".
    await page.goto(`${baseUrl}/offers/${offer.offerId}/accept`);
    await page.getByRole('tab', { name: 'Sign in' }).click();
    await input(page, 'E-mail').fill('seller@example.com');
    await input(page, 'Password').fill('tradeloop-demo');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Review and accept' }).waitFor();
    await page.getByRole('button', { name: `Accept offer for ${offer.price}` }).click();
    await page.waitForURL(/\/trade-ins\/[^/]+\/accepted$/);
    await page.getByRole('heading', { name: 'What happens next' }).waitFor();
    // The label follows the accept by a moment (a job issues it): wait for it as the seller would.
    await page.getByTestId('qr-code').waitFor();
    await expect.poll(() => page.getByTestId('qr-code').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await shot(page, 'accepted-1280');
    await page.getByRole('link', { name: 'Follow this trade-in' }).click();
    await page.waitForURL(/\/trade-ins\/[^/]+$/);
    await page.getByRole('heading', { name: offer.modelName, level: 1 }).waitFor();

    // The label: a real PDF download.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download label (PDF)' }).click()]);
    const file = await download.path();
    const head = (await fs.readFile(file)).subarray(0, 5).toString('latin1');
    expect(head).toBe('%PDF-');
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);

    // The QR code image loads.
    const qr = page.getByTestId('qr-code');
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await page.locator('main').innerText()).toContain('not UPS Access Points');
    await expectNoHorizontalScroll(page, 'trade-in (desktop)');
    await shot(page, 'trade-in-1280');

    // Demo carrier events arrive through the webhook; the page shows them without a reload.
    const timeline = page.getByTestId('timeline');
    const status = page.getByTestId('trade-in-status');
    await page.getByRole('button', { name: 'Picked up' }).click();
    await expect.poll(() => timeline.innerText(), { timeout: 15_000 }).toContain('Picked up by the carrier');
    await expect.poll(() => status.innerText(), { timeout: 15_000 }).toContain('On its way');
    // Shipped: nothing left to cancel, no label to show.
    expect(await page.getByRole('button', { name: 'Cancel this trade-in' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Delivered' }).click();
    await expect.poll(() => timeline.innerText(), { timeout: 15_000 }).toContain('Delivered to the refurbisher');
    await expect.poll(() => status.innerText(), { timeout: 15_000 }).toContain('Delivered');
    const entries = await timeline.locator('[role="listitem"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-event-type')));
    expect(entries.at(-1)).toMatch(/deliver/);
    await page.getByTestId('deadline-inspection').waitFor();
    await shot(page, 'trade-in-delivered-1280');

    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('asks an anonymous visitor to sign in, then shows the seller’s own e-mails, the HTML in a sandboxed frame', async () => {
    const { baseUrl, browser } = e2e;
    const context = await browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const pageErrors = watchErrors(page);
    await page.goto(`${baseUrl}/`);
    await page.getByRole('link', { name: 'Demo mailbox' }).click();
    await page.getByRole('heading', { name: 'Demo mailbox' }).waitFor();
    // Anonymous: a clear request to sign in, not an error.
    await page.getByText('Sign in to use the demo tools').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await shot(page, 'mailbox-signed-out-1280');
    await input(page, 'E-mail').fill('seller@example.com');
    await input(page, 'Password').fill('tradeloop-demo');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const first = page.getByTestId('mail-list').getByRole('link').first();
    await first.waitFor({ timeout: 20_000 });
    // The seller's own e-mail only (the new seller of the first test got e-mail too).
    const items = await page.getByTestId('mail-list').getByRole('link').allInnerTexts();
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(item).toContain('To seller@example.com');
    await first.click();
    await page.waitForURL(/\/dev\/mailbox\/[0-9a-f]{32}$/);
    const frame = page.locator('iframe[title^="E-mail:"]');
    await frame.waitFor();
    expect(await frame.getAttribute('sandbox')).toBe('');
    await shot(page, 'mailbox-1280');
    await page.getByRole('tab', { name: 'Plain text' }).click();
    expect((await page.locator('pre').innerText()).length).toBeGreaterThan(20);

    // Phone: one pane at a time.
    await page.setViewportSize(PHONE);
    await expectNoHorizontalScroll(page, 'mailbox');
    await shot(page, 'mailbox-390');
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});

describe('refusals and recoveries in the accept flow (issue 3)', () => {
  it('refuses an under-18 seller, shows server field messages, retries with the same key, offers the new price, and lets payout wait', async () => {
    const { baseUrl, browser } = e2e;
    const offer = await makeOffer(baseUrl);
    const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const pageErrors = watchErrors(page);

    // A new seller, signed up through the API in this browser's cookie jar.
    const email = `e2e-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const password = 'quartz meadow cinder 19';
    const signUp = await context.request.post(`${baseUrl}/api/auth/sign-up/email`, {
      headers: { origin: baseUrl },
      data: { name: 'Jo Park', email, password },
    });
    expect(signUp.ok()).toBe(true);
    await confirmEmailFromMailbox(context.request, baseUrl, email);

    await page.goto(`${baseUrl}/offers/${offer.offerId}/accept`);
    await page.getByRole('heading', { name: 'Your legal name, date of birth and address' }).waitFor();
    await expect.poll(() => page.title()).toMatch(/^Accept \$/);

    // Under 18 on New York's calendar: a plain refusal, and nothing can be sent.
    const today = new Date();
    const sixteen = `${today.getFullYear() - 16}-06-15`;
    await input(page, 'Date of birth').fill(sixteen);
    const refusal = page.getByRole('alert').filter({ hasText: 'You must be 18 or older to sell' });
    await refusal.waitFor();
    expect(await page.getByRole('button', { name: 'Save and continue' }).isDisabled()).toBe(true);
    await shot(page, 'accept-underage-390');

    // A message the server adds (not one the browser checks) lands on its own input.
    await input(page, 'Date of birth').fill('1985-02-28');
    await expect.poll(() => refusal.count()).toBe(0);
    await input(page, 'Legal first name').fill('Jo');
    await input(page, 'Legal last name').fill('Park');
    await input(page, 'Address line 1').fill('1 Main Street');
    await input(page, 'City').fill('Austin');
    await input(page, 'State').selectOption('TX');
    await input(page, 'ZIP code').fill('78701-1234');
    await input(page, 'Phone').fill('512 555 0182');
    // The request leaves with a phone number the browser never saw (as if changed on the way), so
    // the real server refuses it and names the field; the browser shows that answer.
    await page.route('**/api/me/profile', (route) =>
      route.continue({ postData: JSON.stringify({ ...(route.request().postDataJSON() as Record<string, unknown>), phone: '512 000 0182' }) }),
    );
    await page.getByRole('button', { name: 'Save and continue' }).click();
    const phone = input(page, 'Phone');
    await expect.poll(() => phone.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(page, 'Phone')).toContain('Phone must be a valid US phone number');
    expect(await phone.inputValue()).toBe('512 555 0182');
    expect(await page.getByRole('alert').filter({ hasText: 'We could not save your details' }).innerText()).toContain('marked in red');
    await page.unroute('**/api/me/profile');
    await phone.fill('(512) 555-0182');
    await page.getByRole('button', { name: 'Save and continue' }).click();

    // Identity by driver's licence.
    await page.getByRole('heading', { name: 'Confirm who you are' }).waitFor();
    await input(page, 'Driver’s license number').fill('12345678');
    await input(page, 'Issuing state').selectOption('TX');
    await page.getByRole('button', { name: 'Save and continue' }).click();

    // Payout can wait.
    await page.getByRole('heading', { name: 'Where should we send the money?' }).waitFor();
    await page.getByRole('button', { name: 'Add later' }).click();
    await page.getByRole('heading', { name: 'Review and accept' }).waitFor();
    expect(await page.locator('main').innerText()).toContain('Not added yet');
    expect(await page.locator('main').innerText()).toContain('•••• 5678');

    // The first answer is lost (a simulated 503): "Try again" resends the same attempt with the
    // same key, to the real server. Meanwhile every unit paying this price was taken (by the
    // demo seller, through the API), so the server itself answers 409 offer_changed with a new quote.
    const keys: string[] = [];
    let calls = 0;
    await page.route('**/api/offers/*/accept', (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      calls += 1;
      return calls === 1
        ? route.fulfill({ status: 503, json: { error: { code: 'unavailable', message: 'The server is restarting; try again in a moment' } } })
        : route.continue();
    });
    const answered: { status: number; body: string }[] = [];
    page.on('response', (res) => {
      if (/\/api\/offers\/[^/]+\/accept$/.test(new URL(res.url()).pathname)) void res.text().then((body) => answered.push({ status: res.status(), body }));
    });
    const newer = await takeEveryUnitAtOrAbove(baseUrl, offer);
    await page.getByRole('button', { name: `Accept offer for ${offer.price}` }).click();
    await page.getByRole('button', { name: 'Try again' }).click();
    const changed = page.getByRole('alert').filter({ hasText: 'The price changed' });
    await changed.waitFor();
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(UUID);
    expect(keys[1]).toBe(keys[0]);
    // The server's own 409, with the new quote in its details.
    await expect.poll(() => answered.length).toBe(2);
    expect(answered[1]!.status).toBe(409);
    const conflict = JSON.parse(answered[1]!.body) as { error: { code: string; details: { newQuote: { offer: { id: string; price: { amountMinor: number } } } } } };
    expect(conflict.error.code).toBe('offer_changed');
    const newOffer = conflict.error.details.newQuote.offer;
    expect(newOffer.price.amountMinor).toBe((newer.quote as { offer: { price: { amountMinor: number } } }).offer.price.amountMinor);
    expect(await page.getByTestId('new-offer').innerText()).toContain(`New best offer: ${newer.price} from ${newer.refurbisher}`);
    expect(await page.getByRole('button', { name: /^Accept offer for/ }).count()).toBe(0);
    await expectNoHorizontalScroll(page, 'price changed');
    await shot(page, 'accept-price-changed-390');
    await page.unroute('**/api/offers/*/accept');

    // The new offer, accepted for real; the payment waits for the bank details, and says so.
    await changed.getByRole('link', { name: 'Accept the new offer' }).click();
    await page.waitForURL(new RegExp(`/offers/${newOffer.id}/accept$`));
    await page.getByRole('heading', { name: 'Review and accept' }).waitFor();
    await page.getByRole('button', { name: `Accept offer for ${newer.price}` }).click();
    await page.waitForURL(/\/trade-ins\/[^/]+\/accepted$/);
    const banner = page.getByTestId('payout-banner');
    await banner.waitFor();
    expect(await banner.innerText()).toContain('Your payment will wait for your bank details');
    await banner.getByRole('link', { name: 'Add bank details' }).click();
    await page.waitForURL(/\/settings\?edit=payout$|\/settings$/);
    await input(page, 'Routing number').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('routingNumber');

    // A wrong password is named at its input by the server (403), and nothing is saved.
    await input(page, 'Routing number').fill('021000021');
    await input(page, 'Account number').fill('000123456789');
    await input(page, 'Account number again').fill('000123456789');
    await input(page, 'Your Tradeloop password').fill('not my password');
    await page.getByRole('button', { name: 'Save bank account' }).click();
    const pw = input(page, 'Your Tradeloop password');
    // The server checks the password (argon2id) first: on a loaded machine that takes more than poll's default second.
    await expect.poll(() => pw.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true');
    expect(await descriptionOf(page, 'Your Tradeloop password')).toContain('Current password is not correct');
    await pw.fill(password);
    await page.getByRole('button', { name: 'Save bank account' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(await page.locator('#payout').innerText()).toContain('•••• 6789');
    await shot(page, 'settings-saved-390');

    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
