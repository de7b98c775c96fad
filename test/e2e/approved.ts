/**
 * What the payout browser tests start from, through the real API of the demo server: a signed-in
 * JSON call, and a trade-in of the demo seller that the demo refurbisher wins, receives and
 * approves by a match (its payout is then ready, the seller's bank details being on file).
 * Not a test file itself: vitest only runs `*.test.ts`.
 */
import { expect } from 'vitest';
import { apiSignIn, makeOffer } from './harness.ts';

export interface ApiAnswer {
  status: number;
  text: string;
  json: Record<string, unknown>;
}

/** A JSON call as a signed-in browser on `baseUrl` makes it (its Origin and Cookie). */
export async function apiCall(baseUrl: string, cookie: string, method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer> {
  const res = await fetch(`${baseUrl}${url}`, {
    method,
    headers: { origin: baseUrl, cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, json: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** makeOffer's answers (the first option of each question), read again from the catalogue. */
async function declaredAnswers(baseUrl: string, quote: Record<string, unknown>): Promise<Record<string, string>> {
  const modelId = (quote as { device: { modelId: string } }).device.modelId;
  const detail = (await (await fetch(`${baseUrl}/api/catalog/models/${modelId}`)).json()) as { questionnaire: { id: string; options: { id: string }[] }[] };
  return Object.fromEntries(detail.questionnaire.map((q) => [q.id, q.options[0]!.id]));
}

/**
 * The demo refurbisher outbids the market for makeOffer's device, the demo seller accepts, the
 * parcel is scanned and delivered (the demo carrier tools), and `inspectorEmail` files the
 * inspection as declared, every accessory present: approved. Returns the trade-in and the seller's cookie.
 */
export async function approvedTradeIn(baseUrl: string, inspectorEmail = 'inspector@example.com'): Promise<{ tradeInId: string; seller: string }> {
  const admin = await apiSignIn(baseUrl, 'refurbisher@example.com', 'tradeloop-demo');
  const before = await makeOffer(baseUrl);
  const device = (before.quote as { device: { variantId: string } }).device;
  const best = (before.quote as { offer: { price: { amountMinor: number } } }).offer.price.amountMinor;
  // A price of its own each time, so two trade-ins of one test tell their amounts apart.
  const upsert = await apiCall(baseUrl, admin, 'PUT', '/api/refurbisher/wishlist', {
    entries: [{ variantId: device.variantId, grade: 'Flawless', price: { amountMinor: best + 300 + (Date.now() % 97), currency: 'USD' }, quantity: 5 }],
  });
  expect(upsert.status, upsert.text).toBe(200);
  const offer = await makeOffer(baseUrl);
  const seller = await apiSignIn(baseUrl, 'seller@example.com', 'tradeloop-demo');
  const accepted = await apiCall(baseUrl, seller, 'POST', `/api/offers/${offer.offerId}/accept`, {}, { 'idempotency-key': crypto.randomUUID() });
  expect(accepted.status, accepted.text).toBe(201);
  const tradeInId = accepted.json.id as string;
  const tradeIn = async () => (await apiCall(baseUrl, seller, 'GET', `/api/trade-ins/${tradeInId}`)).json;
  await expect.poll(async () => (await tradeIn()).shipping, { timeout: 30_000, interval: 250 }).not.toBeNull();
  for (const type of ['picked_up', 'delivered']) {
    const sent = await apiCall(baseUrl, seller, 'POST', '/api/dev/carrier-events', { tradeInId, type });
    expect(sent.status, sent.text).toBeLessThan(300);
  }
  await expect.poll(async () => (await tradeIn()).status, { timeout: 15_000 }).toBe('delivered');
  const inspector = await apiSignIn(baseUrl, inspectorEmail, 'tradeloop-demo');
  const filed = await apiCall(baseUrl, inspector, 'POST', `/api/refurbisher/trade-ins/${tradeInId}/inspection`, {
    answers: await declaredAnswers(baseUrl, offer.quote),
    accessories: ((await tradeIn()).mandatoryAccessories as string[]).map((name) => ({ name, present: true })),
    stillLinked: false,
  });
  expect(filed.status, filed.text).toBe(200);
  expect(filed.json.status).toBe('approved');
  return { tradeInId, seller };
}
