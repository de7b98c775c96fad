import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The Content-Security-Policy of every response (pages, assets, /api/). The built web app
 * (Vite + React + Mantine) passes it with no violation: every browser test fails on one
 * (test/e2e/harness.ts).
 *
 * - Scripts: only our own files. Vite emits no inline script, so no 'unsafe-inline', no
 *   nonce and no 'unsafe-eval': an injected <script> or on…= attribute never runs.
 * - Styles: 'unsafe-inline' is needed, tested without it: Mantine renders <style> elements at
 *   run time (its CSS variables, and responsive style props such as p={{ base, sm }}) whose
 *   text depends on props, so no hash list can name them, and a nonce would make the app's
 *   shell different on every request (no caching, no 304). The demo mailbox shows e-mails in
 *   an srcdoc iframe, which inherits this policy, and e-mail HTML is styled with style
 *   attributes (mail clients ignore style sheets). A style cannot run code; scripts stay shut.
 * - Images: our own (the QR code) and data: URLs (Mantine's CSS draws a few icons with them).
 * - Frames: we are framed by nobody (frame-ancestors 'none', also X-Frame-Options: DENY for old
 *   browsers). The mailbox's srcdoc iframe loads no URL, so frame-src 'none' does not touch it.
 */
function cspDirectives(production: boolean): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    // Production is served over HTTPS (HSTS says so too); a demo on http://host:3000 would
    // break if its own http:// assets were upgraded.
    ...(production ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/**
 * Security headers on every response, through @fastify/helmet: the CSP above, nosniff,
 * Referrer-Policy and, in production only, HSTS. Registered before every route and hook, so
 * the answers of the request guards, better-auth and the static files carry them too.
 */
export async function registerSecurityHeaders(app: FastifyInstance, opts: { production: boolean }): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(opts.production) },
    // A year, subdomains included: only once the site is served over HTTPS for good. A demo on
    // http://localhost must never pin a browser to HTTPS for that host.
    strictTransportSecurity: opts.production ? { maxAge: 365 * 24 * 60 * 60, includeSubDomains: true } : false,
    xFrameOptions: { action: 'deny' },
    // Not no-referrer: under it, the Fetch standard has a same-origin POST carry `Origin: null`,
    // and the cross-site check (accounts/auth.plugin.ts) would refuse the app's state changes.
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
}
