import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { apiCall as call, approvedTradeIn } from './approved.ts';
import { DESKTOP, PHONE, apiSignIn, expectNoHorizontalScroll, input, shot, startE2E, type E2E } from './harness.ts';
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

const usd = (cents: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);

describe("the refurbisher's statement", () => {
  it('shows the month the server computes, with the approval once approval posts it, and the CSV download carries the same totals', async () => {
    const { baseUrl, browser } = e2e;
    const admin = await apiSignIn(baseUrl, 'refurbisher@example.com', 'tradeloop-demo');
    // The admin inspects it: approval posts its ledger entry, so it is on this month's statement.
    const { tradeInId } = await approvedTradeIn(baseUrl, 'refurbisher@example.com');
    const server = JSON.parse((await call(baseUrl, admin, 'GET', '/api/refurbisher/statement')).text) as TStatement;
    expect(server.approvals.map((a) => a.tradeInId)).toContain(tradeInId);

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
