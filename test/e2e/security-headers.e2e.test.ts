import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, startE2E, takeCspViolations, type E2E } from './harness.ts';

/**
 * The Content-Security-Policy as the browser applies it, and the harness's watch over it: every
 * browser test fails on a violation (harness.ts), so these tests show a violation is seen at all.
 */
let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

/**
 * Waits until the browser reported a violation of `directive`, through both of the harness's
 * channels (its console and the page's securitypolicyviolation event), and takes what was
 * seen, so the test may pass. Anything else seen is a failure.
 */
async function expectViolations(directive: string, channels = 2): Promise<void> {
  const seen: string[] = [];
  await expect.poll(() => (seen.push(...takeCspViolations()), seen.length), { timeout: 10_000 }).toBeGreaterThanOrEqual(channels);
  for (const v of seen) expect(v).toContain(directive);
}

describe('the Content-Security-Policy in the browser', () => {
  it('blocks a script injected into the page, and the watch reports it', async () => {
    const { baseUrl, browser } = e2e;
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    await page.getByRole('heading', { name: 'Get a price for your device in 2 minutes' }).waitFor();
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.injectedScriptRan = true';
      document.body.append(script);
    });
    await expectViolations('script-src');
    expect(await page.evaluate(() => (window as unknown as { injectedScriptRan?: boolean }).injectedScriptRan)).toBeUndefined();
    await context.close();
  });

  it('lets no other page frame the app (frame-ancestors)', async () => {
    const { baseUrl, browser } = e2e;
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await page.setContent(`<iframe src="${baseUrl}/" title="framed"></iframe>`);
    // Only the console hears it: the refused page never runs a script.
    await expectViolations('frame-ancestors', 1);
    const framed = page.frames().find((f) => f !== page.mainFrame());
    expect(framed).toBeDefined();
    expect(await framed!.locator('#root').count()).toBe(0);
    await context.close();
  });

  it('lets the interactive API docs (Swagger UI) render under the same policy', async () => {
    const { baseUrl, browser } = e2e;
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/api/docs`);
    await page.getByRole('heading', { name: /Tradeloop API/ }).waitFor();
    await page.getByText('/api/assessments', { exact: true }).first().waitFor();
    await context.close();
  });
});
