import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, input, makeOffer, shot, startE2E, type E2E } from './harness.ts';

/**
 * The operator's Flags section against the real server in demo mode: a real flag is raised the
 * way it happens in life (the demo seller accepts, cancels, and the carrier scans the parcel
 * anyway, through the signed webhook), then the demo operator sees it and clears it with a note.
 */
let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

/** Signs in through the API and returns a caller that sends the session cookie and this site's Origin. */
async function apiAs(baseUrl: string, email: string) {
  const res = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ email, password: 'tradeloop-demo' }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const r = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { cookie, origin: baseUrl, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await r.json()) as Record<string, unknown>;
    expect(r.status, `${method} ${path}: ${JSON.stringify(json)}`).toBeLessThan(300);
    return json;
  };
}

describe('the operator page, Flags section', () => {
  it('shows a carrier scan on a cancelled trade-in, open first, and clears it with a note', async () => {
    const { baseUrl, browser } = e2e;
    const seller = await apiAs(baseUrl, 'seller@example.com');
    const offer = await makeOffer(baseUrl);
    const tradeIn = (await seller('POST', `/api/offers/${offer.offerId}/accept`, {}, { 'idempotency-key': randomUUID() })) as {
      id: string;
      shipping: { trackingNumber: string } | null;
    };
    // The label is issued by a job a moment after the accept: wait for it, as the seller would.
    for (let i = 0; i < 100 && !tradeIn.shipping; i++) {
      const current = (await seller('GET', `/api/trade-ins/${tradeIn.id}`)) as typeof tradeIn & { labelStatus: string };
      if (current.labelStatus === 'ready') tradeIn.shipping = current.shipping;
      else await new Promise((r) => setTimeout(r, 200));
    }
    expect(tradeIn.shipping?.trackingNumber).toMatch(/^1Z/);
    await seller('POST', `/api/trade-ins/${tradeIn.id}/cancel`, {}, { 'idempotency-key': randomUUID() });
    expect(await seller('POST', '/api/dev/carrier-events', { tradeInId: tradeIn.id, type: 'picked_up' })).toMatchObject({ outcome: 'flagged' });
    const operatorApi = await apiAs(baseUrl, 'operator@example.com');
    const listed = (await operatorApi('GET', '/api/admin/flags?limit=50')) as { flags: { id: number; kind: string; status: string }[] };

    const context = await browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByRole('tab', { name: 'Sign in' }).waitFor();
    await input(page, 'E-mail').fill('operator@example.com');
    await input(page, 'Password').fill('tradeloop-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/operator$/);
    // The console opens on Payouts; the flags have their own tab.
    await page.getByRole('tab', { name: 'Flags' }).click();
    await page.getByRole('heading', { name: 'Flags', exact: true }).waitFor();

    const row = page.getByTestId('flags').getByRole('row').filter({ hasText: tradeIn.id });
    await row.waitFor();
    await expect.poll(() => row.innerText()).toContain(tradeIn.shipping!.trackingNumber);
    expect(await row.innerText()).toContain('Scanned after the seller cancelled');
    // Every flag the server lists, of every kind, in the server's order (open first): one table.
    const rows = page.getByTestId('flags').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(listed.flags.length);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-flag-id'))))).toEqual(listed.flags.map((f) => f.id));
    expect(listed.flags.map((f) => f.status)).toEqual([...listed.flags.map((f) => f.status)].sort((a, b) => (a === b ? 0 : a === 'open' ? -1 : 1)));
    await shot(page, 'operator-flags-1280');

    // A note is required: the server's message shows under the field, and nothing is cleared.
    await row.getByRole('button', { name: 'Clear' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Clear flag' }).click();
    await dialog.getByText('Write a note of at least 3 characters').first().waitFor();
    await dialog.getByLabel(/^Note/).fill('Carrier returned the parcel to the seller; nothing to pay.');
    await dialog.getByRole('button', { name: 'Clear flag' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.getByText('Carrier returned the parcel to the seller; nothing to pay.').waitFor();
    expect(await row.getByRole('button', { name: 'Clear' }).count()).toBe(0);

    const cleared = (await operatorApi('GET', '/api/admin/flags?status=cleared&kind=scan_after_cancel')) as {
      flags: { tradeInId: string; clearedNote: string }[];
    };
    expect(cleared.flags.find((f) => f.tradeInId === tradeIn.id)?.clearedNote).toBe('Carrier returned the parcel to the seller; nothing to pay.');
    expect(errors).toEqual([]);
    await context.close();
  });
});
