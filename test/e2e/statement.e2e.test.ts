import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { DESKTOP, PHONE, apiSignIn, expectNoHorizontalScroll, input, makeOffer, shot, startE2E, type E2E } from './harness.ts';
import type { TStatement } from '../../src/shared/api/statements.ts';

/**
 * The refurbisher's statement in the browser: the demo refurbisher's admin approves a delivered
 * trade-in (through the real API), opens the Statement tab, sees this month's totals and
 * approvals as the server computes them, and downloads the CSV, which carries the same totals.
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
  return { status: res.status, text, json: text && text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** A trade-in of the demo seller delivered to the demo refurbisher and approved by its admin's inspection, as declared. */
async function approvedTradeIn(baseUrl: string, admin: string): Promise<string> {
  const before = await makeOffer(baseUrl);
  const device = (before.quote as { device: { variantId: string } }).device;
  const best = (before.quote as { offer: { price: { amountMinor: number } } }).offer.price.amountMinor;
  const upsert = await call(baseUrl, admin, 'PUT', '/api/refurbisher/wishlist', {
    entries: [{ variantId: device.variantId, grade: 'Flawless', price: { amountMinor: best + 300 + (Date.now() % 97), currency: 'USD' }, quantity: 5 }],
  });
  expect(upsert.status, upsert.text).toBe(200);
  const offer = await makeOffer(baseUrl);
  const seller = await apiSignIn(baseUrl, 'seller@example.com', 'tradeloop-demo');
  const accepted = await call(baseUrl, seller, 'POST', `/api/offers/${offer.offerId}/accept`, {}, { 'idempotency-key': crypto.randomUUID() });
  expect(accepted.status, accepted.text).toBe(201);
  const id = accepted.json.id as string;
  await expect.poll(async () => (await call(baseUrl, seller, 'GET', `/api/trade-ins/${id}`)).json.shipping, { timeout: 30_000, interval: 250 }).not.toBeNull();
  for (const type of ['picked_up', 'delivered']) {
    const sent = await call(baseUrl, seller, 'POST', '/api/dev/carrier-events', { tradeInId: id, type });
    expect(sent.status, sent.text).toBeLessThan(300);
  }
  await expect.poll(async () => (await call(baseUrl, seller, 'GET', `/api/trade-ins/${id}`)).json.status, { timeout: 15_000 }).toBe('delivered');
  const detail = (await call(baseUrl, seller, 'GET', `/api/trade-ins/${id}`)).json as { mandatoryAccessories: string[] };
  const answers = await declaredAnswers(baseUrl);
  const inspected = await call(baseUrl, admin, 'POST', `/api/refurbisher/trade-ins/${id}/inspection`, {
    answers,
    accessories: detail.mandatoryAccessories.map((name) => ({ name, present: true })),
    stillLinked: false,
  });
  expect(inspected.status, inspected.text).toBe(200);
  await expect.poll(async () => (await call(baseUrl, seller, 'GET', `/api/trade-ins/${id}`)).json.status, { timeout: 15_000 }).toMatch(/approved|paid/);
  return id;
}

/** The answers makeOffer gives: the first option of every question (Flawless). */
async function declaredAnswers(baseUrl: string): Promise<Record<string, string>> {
  const models = (await (await fetch(`${baseUrl}/api/catalog/models?q=${encodeURIComponent('iPhone 13')}`)).json()) as { id: string; name: string }[];
  const model = models.find((m) => m.name === 'iPhone 13') ?? models[0]!;
  const detail = (await (await fetch(`${baseUrl}/api/catalog/models/${model.id}`)).json()) as { questionnaire: { id: string; options: { id: string }[] }[] };
  return Object.fromEntries(detail.questionnaire.map((q) => [q.id, q.options[0]!.id]));
}

const usd = (cents: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);

describe("the refurbisher's statement", () => {
  it('shows the month the server computes, with the approval once approval posts it, and the CSV download carries the same totals', async () => {
    const { baseUrl, browser } = e2e;
    const admin = await apiSignIn(baseUrl, 'refurbisher@example.com', 'tradeloop-demo');
    const tradeInId = await approvedTradeIn(baseUrl, admin);
    const server = JSON.parse((await call(baseUrl, admin, 'GET', '/api/refurbisher/statement')).text) as TStatement;
    // Approval posts its ledger entry through the payouts module's startPayout (a payout appears on
    // the trade-in); from then on the approval must be on the statement.
    const seller = await apiSignIn(baseUrl, 'seller@example.com', 'tradeloop-demo');
    const posted = (await call(baseUrl, seller, 'GET', `/api/trade-ins/${tradeInId}`)).json.payout != null;
    if (posted) expect(server.approvals.map((a) => a.tradeInId)).toContain(tradeInId);

    const context = await browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1, acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByRole('tab', { name: 'Sign in' }).waitFor();
    await input(page, 'E-mail').fill('refurbisher@example.com');
    await input(page, 'Password').fill('tradeloop-demo');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => url.pathname !== '/sign-in');
    await page.goto(`${baseUrl}/portal`);
    await page.getByRole('tab', { name: 'Statement' }).click();
    await page.getByRole('tab', { name: 'Statement', selected: true }).waitFor();
    const panel = page.getByTestId('statement');
    await panel.getByTestId('statement-closing').waitFor();

    expect(await panel.getByTestId('statement-closing').innerText()).toBe(usd(server.closingBalance.amountMinor));
    expect(await panel.getByTestId('statement-commission').innerText()).toBe(usd(server.totals.commission.amountMinor));
    expect(await panel.getByTestId('statement-price').innerText()).toBe(usd(server.totals.price.amountMinor));
    if (server.approvals.length > 0) {
      const table = panel.getByTestId('statement-approvals');
      for (const a of server.approvals) {
        const row = table.getByRole('row').filter({ hasText: a.tradeInId });
        await row.waitFor();
        expect(await row.innerText()).toContain(usd(a.commission.amountMinor));
      }
    } else {
      await panel.getByText('No approvals in this period.').waitFor();
    }
    await shot(page, 'portal-statement-1280');
    await page.setViewportSize(PHONE);
    await expectNoHorizontalScroll(page, 'statement at phone width');
    await page.setViewportSize(DESKTOP);

    // The CSV download: the file the browser saves carries the page's totals.
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('link', { name: 'CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`statement-${server.period.from}-to-${server.period.to}.csv`);
    const rows = parse(await fs.readFile((await download.path())!, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(Number(rows.find((r) => r.line === 'closing_balance')!.amount_cents)).toBe(server.closingBalance.amountMinor);
    expect(rows.filter((r) => r.line === 'approval').map((r) => r.trade_in_id)).toEqual(server.approvals.map((a) => a.tradeInId));
    // The PDF link points at the same period.
    expect(await panel.getByRole('link', { name: 'PDF' }).getAttribute('href')).toBe(`/api/refurbisher/statement.pdf?from=${server.period.from}&to=${server.period.to}`);

    // Other dates: a period ending before it starts is named at the field, not sent as a broken page.
    await page.getByRole('combobox', { name: 'Period' }).click();
    await page.getByRole('option', { name: 'Other dates…' }).click();
    await input(page, 'From').fill('2026-12-31');
    await input(page, 'To').fill('2026-12-01');
    await panel.getByText('The end date is before the start date').first().waitFor();

    expect(errors).toEqual([]);
    await context.close();
  });
});
