import net from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, useTestApp } from './app.ts';
import { createTestDatabase } from './db.ts';
import { expectErrorShape } from './error-shape.ts';
import { signIn, signUp } from './accounts.ts';

/**
 * Issue 7, "one shape for every error under /api/": what Fastify, the HTTP parser, better-auth's
 * handler and the shutdown answer by themselves is in `{ error: { code, message, … } }` too.
 */
const ctx = useTestApp();

describe('errors Fastify answers itself', () => {
  it('a badly encoded URL is 400 bad_request', async () => {
    const res = await ctx.app.inject('/api/offers/%ff');
    expect(res.statusCode).toBe(400);
    expect(expectErrorShape(res.body, '%ff').code).toBe('bad_request');
  });

  it('a path parameter over the router limit is 414 uri_too_long', async () => {
    const res = await ctx.app.inject(`/api/offers/${'x'.repeat(300)}`);
    expect(res.statusCode).toBe(414);
    expect(expectErrorShape(res.body, '414').code).toBe('uri_too_long');
  });

  it('an empty JSON body, a bad JSON body, an unknown content type and a body over the limit', async () => {
    const cases = [
      { payload: '', type: 'application/json', status: 400, code: 'validation_failed' },
      { payload: '{"variantId":', type: 'application/json', status: 400, code: 'validation_failed' },
      { payload: '<a/>', type: 'application/xml', status: 415, code: 'unsupported_media_type' },
      { payload: 'x', type: 'not a content type', status: 415, code: 'unsupported_media_type' },
      { payload: JSON.stringify({ variantId: 'v', answers: { a: 'x'.repeat(300 * 1024) } }), type: 'application/json', status: 413, code: 'payload_too_large' },
    ];
    for (const c of cases) {
      const res = await ctx.app.inject({ method: 'POST', url: '/api/assessments', headers: { 'content-type': c.type }, payload: c.payload });
      expect(res.statusCode, `${c.type} ${c.payload.slice(0, 20)}`).toBe(c.status);
      expect(expectErrorShape(res.body, c.type).code).toBe(c.code);
    }
  });

  it('a route that does not exist, under /api/ and under /api/auth/ (better-auth answers an empty 404)', async () => {
    for (const url of ['/api/nothing-here', '/api/auth/nothing-here', '/api/auth/sign-in/nothing']) {
      const res = await ctx.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: '{}' });
      expect(res.statusCode, url).toBe(404);
      expect(expectErrorShape(res.body, url).code).toBe('not_found');
    }
  });

  it('better-auth refusals keep its {code, message} beside the product shape', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-up/email',
      headers: { origin: 'http://localhost:3000' },
      payload: { name: 'X', email: 'not-an-email', password: 'violet-harbour-tangent-42' },
    });
    expect(res.statusCode).toBe(400);
    expect(expectErrorShape(res.body, 'sign-up').code).toBe('validation_failed');
    expect(res.json().code).toBeTypeOf('string');
  });

  it('better-auth routes take JSON bodies only (form bodies would skip the JSON checks)', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:3000' },
      payload: 'email=a%40example.com&password=x',
    });
    expect(res.statusCode).toBe(415);
    expect(expectErrorShape(res.body, 'form').code).toBe('unsupported_media_type');
  });

  it('429 says how long to wait, in Retry-After and in details.retryAfterSeconds', async () => {
    const user = await signUp(ctx.app);
    // From one address, so the per-(account, address) throttle is the one that answers.
    let res = await signIn(ctx.app, user.email, 'wrong-password-0', '10.200.0.1');
    for (let i = 1; i < 50 && res.statusCode !== 429; i++) res = await signIn(ctx.app, user.email, `wrong-password-${i}`, '10.200.0.1');
    expect(res.statusCode).toBe(429);
    const error = expectErrorShape(res.body, '429');
    expect(error.code).toBe('rate_limited');
    expect(error.details?.retryAfterSeconds).toBeGreaterThan(0);
    expect(res.headers['retry-after']).toBe(String(error.details?.retryAfterSeconds));
  });
});

/** Raw HTTP over a socket: the parser's refusals never reach inject(). */
function rawRequest(port: number, text: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let out = '';
    socket.on('data', (d) => (out += d.toString('latin1')));
    socket.on('error', (err) => (out ? resolve(out) : reject(err)));
    socket.on('close', () => resolve(out));
    socket.write(text);
  });
}

function splitResponse(raw: string): { status: number; headers: string; body: string } {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, end);
  return { status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body: raw.slice(end + 4) };
}

describe('errors the HTTP parser answers before there is a request', () => {
  let port = 0;
  beforeAll(async () => {
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    port = (ctx.app.server.address() as net.AddressInfo).port;
  });

  it('a malformed request is 400 in the error shape (not Node’s bare "Client Error")', async () => {
    const res = splitResponse(await rawRequest(port, 'GARBAGE\r\n\r\n'));
    expect(res.status).toBe(400);
    expect(expectErrorShape(res.body, 'garbage').code).toBe('bad_request');
  });

  it('headers over the limit are 431 headers_too_large', async () => {
    const res = splitResponse(await rawRequest(port, `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`));
    expect(res.status).toBe(431);
    expect(expectErrorShape(res.body, '431').code).toBe('headers_too_large');
  });

  it('a NUL in a header value is refused by the parser with 400 in the error shape', async () => {
    const res = splitResponse(await rawRequest(port, Buffer.from('GET /api/health HTTP/1.1\r\nHost: x\r\nX-A: a\0b\r\n\r\n', 'latin1')));
    expect(res.status).toBe(400);
    expectErrorShape(res.body, 'nul header');
  });
});

describe('while shutting down', () => {
  it('a request on a connection still open gets 503 unavailable in the error shape, and the connection closes', async () => {
    const database = await createTestDatabase();
    const { app } = await buildTestApp(database);
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const port = (app.server.address() as net.AddressInfo).port;
      const socket = net.connect(port, '127.0.0.1');
      await new Promise((r) => socket.once('connect', r));
      let out = '';
      socket.on('data', (d) => (out += d.toString('latin1')));
      const closed = new Promise((r) => socket.once('close', r));
      // A request in flight (its body not all sent) keeps the connection busy while the app closes…
      const body = JSON.stringify({ variantId: 'nope', answers: {} });
      socket.write(`POST /api/assessments HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 5)}`);
      await new Promise((r) => setTimeout(r, 100));
      const closing = app.close();
      await new Promise((r) => setTimeout(r, 100));
      // …then its body and a second request arrive on it.
      socket.write(`${body.slice(5)}GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n`);
      await closed;
      await closing;
      const second = out.slice(out.indexOf('HTTP/1.1', 5));
      const res = splitResponse(second);
      expect(res.status, out).toBe(503);
      expect(res.headers).toContain('connection: close');
      expect(res.headers).toContain('retry-after:');
      const error = expectErrorShape(res.body.slice(0, Number(/content-length: (\d+)/.exec(res.headers)![1])), '503');
      expect(error.code).toBe('unavailable');
    } finally {
      await app.close();
      await database.close();
    }
  });
});

