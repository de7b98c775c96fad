import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/app.ts';
import { acceptWithLabel, as, freshOffer, readySeller } from '../../test/journey.ts';

/** A built web app's shell and one asset, served the way dist/web is. */
function webRoot(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tradeloop-web-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><div id="root"></div><script type="module" src="/assets/app.js"></script>');
  fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'export {}');
  return dir;
}

/** The CSP as directive → sources. */
function csp(res: LightMyRequestResponse): Map<string, string[]> {
  const header = res.headers['content-security-policy'];
  expect(header, `${res.statusCode} ${res.body.slice(0, 200)}`).toBeTypeOf('string');
  return new Map(
    String(header)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

function expectSecurityHeaders(res: LightMyRequestResponse) {
  const policy = csp(res);
  expect(policy.get('default-src')).toEqual(["'self'"]);
  // Only our own script files: no inline script, no eval, no on…= attributes.
  expect(policy.get('script-src')).toEqual(["'self'"]);
  expect(policy.get('script-src-attr')).toEqual(["'none'"]);
  expect(policy.get('object-src')).toEqual(["'none'"]);
  expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  expect(policy.get('base-uri')).toEqual(["'none'"]);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
}

describe('security headers in demo mode', () => {
  const ctx = useTestApp({ webRoot: webRoot() });

  it('are on the app shell, a client-side route and an asset', async () => {
    for (const url of ['/', '/trade-ins/tin_x/accepted', '/assets/app.js']) {
      const res = await ctx.app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expectSecurityHeaders(res);
    }
  });

  it('are on API JSON, answers and errors alike, which stays JSON', async () => {
    const ok = await ctx.app.inject('/api/catalog/categories');
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toMatch(/^application\/json/);
    expect(Array.isArray(ok.json())).toBe(true);
    expectSecurityHeaders(ok);
    // Refused by the edge guards (before any route) and by better-auth's handler.
    for (const res of [await ctx.app.inject('/api/offers/a%00b'), await ctx.app.inject('/api/nothing-here'), await ctx.app.inject('/api/auth/nothing-here')]) {
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.json().error.code).toBeTypeOf('string');
      expectSecurityHeaders(res);
    }
  });

  it('keep the label PDF a download', async () => {
    const seller = await readySeller(ctx);
    const { offerId } = await freshOffer(ctx.app, ctx.database.db);
    const tradeIn = await acceptWithLabel(ctx, seller, offerId);
    const res = await ctx.app.inject({ method: 'GET', url: tradeIn.shipping!.labelUrl, headers: as(seller) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="tradeloop-label-/);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expectSecurityHeaders(res);
  });

  it('do not pin browsers to HTTPS (a demo runs on http://localhost)', async () => {
    for (const url of ['/', '/api/health']) {
      const res = await ctx.app.inject(url);
      expect(res.headers['strict-transport-security']).toBeUndefined();
      expect(csp(res).has('upgrade-insecure-requests')).toBe(false);
    }
  });
});

describe('security headers in production', () => {
  const ctx = useTestApp({ mode: 'production', webRoot: webRoot() });

  it('add HSTS for a year, subdomains included, on pages and the API', async () => {
    for (const url of ['/', '/api/health']) {
      const res = await ctx.app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expectSecurityHeaders(res);
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(csp(res).has('upgrade-insecure-requests')).toBe(true);
    }
  });
});
