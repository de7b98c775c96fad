import { describe, expect, it } from 'vitest';
import { useTestApp } from './app.ts';
import { expectErrorShape } from './error-shape.ts';
import { freshOffer, newKey } from './journey.ts';
import { as, makeUser, signUp, TEST_ORIGIN, type TestUser } from './accounts.ts';
import { signPayload } from '../src/server/modules/shipping/index.ts';

/**
 * Issue 7: U+0000 or an unpaired surrogate in anything that would reach PostgreSQL was a 500 on
 * 14 endpoints; a body nested 10,000 levels overflowed the stack. Both are refused at the edge,
 * for every route, with 400 in the error shape — and nothing changes.
 */
const ctx = useTestApp();

function nested(depth: number, leaf: unknown = 1): string {
  return '{"a":'.repeat(depth) + JSON.stringify(leaf) + '}'.repeat(depth);
}

function expect4xx(res: { statusCode: number; body: string }, what: string, statuses = [400, 404]) {
  expect(statuses, `${what} → ${res.statusCode} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
  return expectErrorShape(res.body, what);
}

function signedWebhook(body: string) {
  const secret = 'tradeloop-demo-carrier-secret';
  return ctx.app.inject({
    method: 'POST',
    url: '/api/webhooks/carrier',
    headers: { 'content-type': 'application/json', 'tradeloop-signature': signPayload(secret, body, Math.floor(Date.now() / 1000)) },
    payload: body,
  });
}

describe('U+0000 and unpaired surrogates', () => {
  it('in a path parameter or the query, anonymous: 400, never 500', async () => {
    for (const url of [
      '/api/offers/a%00b',
      '/api/assessments/a%00b',
      '/api/catalog/models/a%00b',
      '/api/catalog/models?q=a%00b',
      '/api/catalog/models?a%00=1',
      '/api/offers/%ED%A0%80',
      '/api/auth/get-session?x=%00',
    ]) {
      const res = await ctx.app.inject(url);
      expect4xx(res, url);
    }
  });

  it('in a JSON body, in a value or a key: 400 naming the field', async () => {
    const bodies: [string, string][] = [
      ['{"variantId":"a\\u0000b","answers":{}}', 'variantId'],
      ['{"variantId":"\\ud800","answers":{}}', 'variantId'],
      ['{"variantId":"x","answers":{"q\\u0000":"a"}}', 'answers.q\uFFFD'],
      ['{"variantId":"x","answers":{"q":["ok","\\udc00"]}}', 'answers.q.1'],
    ];
    for (const [payload, field] of bodies) {
      const res = await ctx.app.inject({ method: 'POST', url: '/api/assessments', headers: { 'content-type': 'application/json' }, payload });
      const error = expect4xx(res, payload, [400]);
      expect(error.code).toBe('validation_failed');
      expect(Object.keys(error.fields ?? {})).toEqual([field]);
    }
    // A paired surrogate (an emoji) is text like any other: the body passes on to validation.
    const emoji = await ctx.app.inject({ method: 'POST', url: '/api/assessments', payload: { variantId: 'x😀', answers: {} } });
    expect(emoji.statusCode).toBe(404);
  });

  it('in a text/plain body: 400', async () => {
    const user = await signUp(ctx.app);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/offers/off_x/accept',
      headers: { ...as(user), 'content-type': 'text/plain', 'idempotency-key': newKey() },
      payload: 'a\u0000b',
    });
    expect4xx(res, 'text/plain', [400]);
  });

  it('sign-in and sign-up with a NUL e-mail, name or password: 400, no account made', async () => {
    const cases: [string, string][] = [
      ['/api/auth/sign-in/email', '{"email":"a\\u0000@example.com","password":"violet-harbour-tangent-42"}'],
      ['/api/auth/sign-up/email', '{"email":"nul@example.com","password":"violet-harbour-tangent-42","name":"A\\u0000"}'],
      ['/api/auth/sign-up/email', '{"email":"nul\\ud800@example.com","password":"violet-harbour-tangent-42","name":"A"}'],
      ['/api/auth/sign-in/email', '{"email":"a@example.com","password":"\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000"}'],
    ];
    for (const [url, payload] of cases) {
      const res = await ctx.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', origin: TEST_ORIGIN }, payload });
      expect4xx(res, payload, [400]);
    }
    const made = await ctx.database.db.selectFrom('user').select('id').where('email', 'like', 'nul%').execute();
    expect(made).toEqual([]);
  });

  it('a signed carrier webhook with a NUL eventId: 400, nothing stored', async () => {
    const body = JSON.stringify({ eventId: 'evt\u0000x', trackingNumber: '1Z0000000000000000', type: 'picked_up', occurredAt: new Date().toISOString() });
    const res = await signedWebhook(body);
    expect4xx(res, 'webhook', [400]);
  });

  it('signed in: trade-in ids, accept, cancel, seller details and the audit log', async () => {
    const seller = await signUp(ctx.app);
    const operator: TestUser = await makeUser(ctx.app, ctx.database.db, 'operator');
    const requests = [
      { method: 'GET', url: '/api/trade-ins/a%00b', user: seller },
      { method: 'GET', url: '/api/trade-ins/a%00b/label.pdf', user: seller },
      { method: 'POST', url: '/api/offers/a%00b/accept', user: seller, payload: {} },
      { method: 'POST', url: '/api/trade-ins/a%00b/cancel', user: seller, payload: {} },
      { method: 'PUT', url: '/api/me/profile', user: seller, payload: { legalName: { first: 'A\u0000', last: 'B' } } },
      { method: 'GET', url: '/api/admin/audit-log?subject=a%00b', user: operator },
      { method: 'POST', url: '/api/admin/sellers/a%00b/reveal', user: operator, payload: { field: 'ssnLast4', reason: 'support case' } },
      { method: 'POST', url: '/api/dev/carrier-events', user: seller, payload: { tradeInId: 'a\u0000', type: 'picked_up' } },
    ] as const;
    for (const r of requests) {
      const res = await ctx.app.inject({
        method: r.method,
        url: r.url,
        headers: { ...as(r.user), 'idempotency-key': newKey() },
        ...('payload' in r ? { payload: r.payload } : {}),
      });
      expect4xx(res, `${r.method} ${r.url}`);
    }
  });
});

describe('deeply nested JSON', () => {
  it('an accept body nested 10,000 levels: 400, and the offer is still open', async () => {
    const seller = await signUp(ctx.app);
    const { offerId } = await freshOffer(ctx.app, ctx.database.db);
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/offers/${offerId}/accept`,
      headers: { ...as(seller), 'content-type': 'application/json', 'idempotency-key': newKey() },
      payload: nested(10_000),
    });
    const error = expect4xx(res, 'accept nested', [400]);
    expect(error.message).toMatch(/nests more than 32 levels/);
    const tradeIns = await ctx.database.db.selectFrom('trade_ins').select('id').where('offer_id', '=', offerId).execute();
    expect(tradeIns).toEqual([]);
  });

  it('32 levels pass the parser; 33 do not — on our routes, better-auth’s and the webhook', async () => {
    const ok = await ctx.app.inject({ method: 'POST', url: '/api/assessments', headers: { 'content-type': 'application/json' }, payload: `{"variantId":"x","answers":${nested(31)}}` });
    expect(ok.statusCode).toBe(404); // parsed, then no such variant
    for (const url of ['/api/assessments', '/api/auth/sign-in/email', '/api/auth/sign-up/email']) {
      const res = await ctx.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', origin: TEST_ORIGIN }, payload: nested(33) });
      expect4xx(res, url, [400]);
    }
    const deep = await signedWebhook(`{"eventId":"e1","trackingNumber":"1Z","type":"picked_up","occurredAt":"2026-11-26T15:00:00Z","x":${nested(40)}}`);
    expect4xx(deep, 'webhook nested', [400]);
    const huge = await ctx.app.inject({ method: 'POST', url: '/api/auth/sign-in/email', headers: { 'content-type': 'application/json', origin: TEST_ORIGIN }, payload: '['.repeat(100_000) + ']'.repeat(100_000) });
    expect4xx(huge, 'auth 100k arrays', [400]);
  });

  it('brackets inside strings do not count as nesting', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/assessments',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ variantId: '{'.repeat(300), answers: { q: '[[[[\\"'.repeat(50) } }),
    });
    expect(res.statusCode).toBe(400); // too long a variantId: the schema's message, not the depth one
    expect(res.json().error.fields).toHaveProperty('variantId');
  });
});
