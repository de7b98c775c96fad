import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium, type APIRequestContext, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { freePort, startServer, waitForHealth, type ServerProcess } from '../server-process.ts';
import type { BrowserContext } from 'playwright-core';
import { afterEach } from 'vitest';

/**
 * A real server process in demo mode on a fresh DATA_DIR, serving the built web app, and Debian's
 * Chromium. TRADELOOP_E2E_URL points the tests at a server you already run instead.
 */
export interface E2E {
  baseUrl: string;
  browser: Browser;
  server: ServerProcess | undefined;
  close: () => Promise<void>;
}

export async function startE2E(): Promise<E2E> {
  let server: ServerProcess | undefined;
  let dataDir: string | undefined;
  let baseUrl: string;
  if (process.env.TRADELOOP_E2E_URL) {
    baseUrl = process.env.TRADELOOP_E2E_URL.replace(/\/$/, '');
  } else {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tradeloop-e2e-'));
    server = startServer({ PORT: String(await freePort()), DATA_DIR: dataDir });
    await waitForHealth(server, 90_000);
    // The demo trade-ins are seeded through the routes just after the start: a test begins once
    // they are in, so what it counts (a statement, a batch) is not still moving under it.
    const seededBy = Date.now() + 90_000;
    while (!/seeded demo trade-ins|demo trade-ins not seeded/.test(server.output())) {
      if (Date.now() > seededBy) throw new Error(`the demo trade-ins were not seeded in 90 s:\n${server.output()}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    baseUrl = server.url;
  }
  const index = await fetch(`${baseUrl}/`);
  if (!(await index.text()).includes('id="root"')) {
    throw new Error('The server does not serve the web app: run `npm run build:web` (or `npm run test:e2e`) first');
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  watchContentSecurityPolicy(browser);
  return {
    baseUrl,
    browser,
    server,
    close: async () => {
      await browser.close();
      if (server && server.child.exitCode === null) {
        server.child.kill('SIGTERM');
        await server.exited;
      }
      if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * What the browser refused under the server's Content-Security-Policy during the current test.
 * Every test fails on any (the afterEach below), so the built app is held to the policy on every
 * screen a browser test visits, the demo mailbox's e-mail frame included.
 */
const cspViolations: string[] = [];

/** Empties and returns the violations seen so far (for a test that causes one on purpose). */
export function takeCspViolations(): string[] {
  return cspViolations.splice(0);
}

/** React Router's complaints about the app's routes (a lazy page opened directly without a fallback). */
const routerWarnings: string[] = [];

// Registered by importing the harness, so every e2e file gets it.
afterEach(() => {
  expect(takeCspViolations(), 'the page broke the Content-Security-Policy').toEqual([]);
  expect(routerWarnings.splice(0), 'React Router warned about the routes').toEqual([]);
});

/**
 * Every context the tests open reports CSP violations: Chromium's console errors about the
 * policy (they cover frames too, and what no script sees) and each `securitypolicyviolation`
 * event a page's document fires.
 */
function watchContentSecurityPolicy(browser: Browser): void {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args: Parameters<Browser['newContext']>): Promise<BrowserContext> => {
    const context = await newContext(...args);
    context.on('console', (msg) => {
      if (msg.type() === 'error' && /Content.Security.Policy/i.test(msg.text())) cspViolations.push(`${msg.location().url || 'page'}: ${msg.text()}`);
      if (/HydrateFallback/.test(msg.text())) routerWarnings.push(`${msg.location().url || 'page'}: ${msg.text()}`);
    });
    await context.exposeBinding('__reportCspViolation', ({ frame }, text: string) => {
      cspViolations.push(`${frame.url()}: securitypolicyviolation ${text}`);
    });
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        const report = (window as unknown as { __reportCspViolation?: (text: string) => void }).__reportCspViolation;
        report?.(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}`);
      });
    });
    return context;
  };
}

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

export async function expectNoHorizontalScroll(page: Page, screen: string) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(scroll, `${screen} scrolls sideways at ${width}px`).toBeLessThanOrEqual(width);
}

/** A fresh Flawless offer for an iPhone 13 (first variant), made through the public API. */
export interface MadeOffer {
  offerId: string;
  /** The price as the page shows it: "$213.00". */
  price: string;
  refurbisher: string;
  modelName: string;
  /** The whole quote, as GET /api/offers/:id returns it. */
  quote: Record<string, unknown>;
}

export async function makeOffer(baseUrl: string): Promise<MadeOffer> {
  const models = (await (await fetch(`${baseUrl}/api/catalog/models?q=${encodeURIComponent('iPhone 13')}`)).json()) as { id: string; name: string }[];
  const model = models.find((m) => m.name === 'iPhone 13') ?? models[0]!;
  const detail = (await (await fetch(`${baseUrl}/api/catalog/models/${model.id}`)).json()) as {
    name: string;
    variants: { id: string }[];
    questionnaire: { id: string; options: { id: string }[] }[];
  };
  const res = await fetch(`${baseUrl}/api/assessments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      variantId: detail.variants[0]!.id,
      answers: Object.fromEntries(detail.questionnaire.map((q) => [q.id, q.options[0]!.id])),
    }),
  });
  const quote = (await res.json()) as Record<string, unknown> & {
    offer: { id: string; price: { amountMinor: number }; refurbisher: { name: string } } | null;
  };
  if (!quote.offer) throw new Error('the demo data has no offer for an iPhone 13 in Flawless condition');
  const price = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(quote.offer.price.amountMinor / 100);
  return { offerId: quote.offer.id, price, refurbisher: quote.offer.refurbisher.name, modelName: detail.name, quote };
}

/** Signs in on the page, as a person does, and waits to leave the sign-in page (a demo login by default). */
export async function signIn(page: Page, baseUrl: string, email: string, password = 'tradeloop-demo'): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByRole('tab', { name: 'Sign in' }).waitFor();
  await input(page, 'E-mail').fill(email);
  await input(page, 'Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
}

/** Signs in through the API (as a browser on baseUrl would) and returns the Cookie header to send. */
export async function apiSignIn(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in as ${email} failed: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]!).join('; ');
}

/**
 * Makes the real server answer 409 offer_changed for `offer`: the demo seller accepts fresh
 * quotes for the same device and answers until every wishlist unit paying at least the offer's
 * price is taken. Returns the best offer left (what the 409's new quote will offer).
 */
export async function takeEveryUnitAtOrAbove(baseUrl: string, offer: MadeOffer): Promise<MadeOffer> {
  const cookie = await apiSignIn(baseUrl, 'seller@example.com', 'tradeloop-demo');
  const headers = { 'content-type': 'application/json', origin: baseUrl, cookie };
  const request = offer.quote as { device: { variantId: string } };
  const target = (offer.quote as { offer: { price: { amountMinor: number } } }).offer.price.amountMinor;
  const answers = await assessmentAnswers(baseUrl, offer);
  for (let i = 0; i < 200; i++) {
    // Quotes are limited per client address: each of these comes from its own loopback address.
    const res = await postFrom(`127.0.1.${(i % 250) + 1}`, `${baseUrl}/api/assessments`, headers, JSON.stringify({ variantId: request.device.variantId, answers }));
    const quote = JSON.parse(res.body) as Record<string, unknown> & { offer: { id: string; price: { amountMinor: number }; refurbisher: { name: string } } | null };
    if (res.status !== 201) throw new Error(`quote failed: ${res.status} ${res.body}`);
    if (!quote.offer) throw new Error('no wishlist entry is left for this device: the 409 would carry no new offer');
    if (quote.offer.price.amountMinor < target) {
      const price = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(quote.offer.price.amountMinor / 100);
      return { offerId: quote.offer.id, price, refurbisher: quote.offer.refurbisher.name, modelName: offer.modelName, quote };
    }
    const accepted = await fetch(`${baseUrl}/api/offers/${quote.offer.id}/accept`, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': crypto.randomUUID() },
      body: '{}',
    });
    if (accepted.status !== 201) throw new Error(`accept failed: ${accepted.status} ${await accepted.text()}`);
  }
  throw new Error('still offered at the old price after 200 accepts');
}

/** A POST sent from a given local address (fetch cannot choose one). */
function postFrom(localAddress: string, url: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', localAddress, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The answers of an offer's assessment: the best option of every question, as makeOffer gave them. */
async function assessmentAnswers(baseUrl: string, offer: MadeOffer): Promise<Record<string, string>> {
  const device = (offer.quote as { device: { modelId: string } }).device;
  const detail = (await (await fetch(`${baseUrl}/api/catalog/models/${device.modelId}`)).json()) as { questionnaire: { id: string; options: { id: string }[] }[] };
  return Object.fromEntries(detail.questionnaire.map((q) => [q.id, q.options[0]!.id]));
}

/**
 * The input with exactly this label. A required field's label ends in an asterisk that screen
 * readers skip (aria-hidden) but that is part of the label's text, which getByLabel matches.
 */
export function input(page: Page, label: string) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByLabel(new RegExp(`^${escaped}\\s*\\*?$`));
}

/** The texts an input is described by (its hint and its error), joined: how a screen reader hears them. */
export async function descriptionOf(page: Page, label: string): Promise<string> {
  const field = input(page, label);
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).innerText()));
  return texts.join(' ');
}

export async function shot(page: Page, name: string) {
  const dir = process.env.TRADELOOP_SHOTS;
  if (!dir) return;
  await fs.mkdir(dir, { recursive: true });
  // From the top, or the sticky header lands in the middle of a full-page picture.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/**
 * Confirms a new account's e-mail address as its owner does: the confirmation message from the
 * demo mailbox (read with the account's own session), its link opened. Waits for the mail job.
 */
export async function confirmEmailFromMailbox(request: APIRequestContext, baseUrl: string, email: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const list = (await (await request.get(`${baseUrl}/api/dev/mailbox`)).json()) as { id: string; to: string; subject: string }[];
    const mail = list.find((m) => m.to === email && m.subject === 'Confirm your e-mail address for Tradeloop');
    if (mail) {
      const { text } = (await (await request.get(`${baseUrl}/api/dev/mailbox/${mail.id}`)).json()) as { text: string };
      const link = /https?:\/\/\S+\/api\/auth\/verify-email\?\S+/.exec(text)?.[0];
      if (!link) throw new Error(`no confirmation link in: ${text}`);
      const opened = await request.get(link, { maxRedirects: 0 });
      const location = opened.headers()['location'] ?? '';
      if (opened.status() !== 302 || location.includes('error=')) throw new Error(`the link failed: ${opened.status()} ${location}`);
      return;
    }
    if (Date.now() > deadline) throw new Error(`no confirmation e-mail for ${email} after 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
