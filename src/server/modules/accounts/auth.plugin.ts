import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Executor } from '../../platform/db/database.ts';
import type { BaseDeps } from '../../platform/http.ts';
import type { AccountSecrets } from './secrets.ts';
import { AppError, rateLimited, type ErrorCode } from '../../platform/errors.ts';
import { codeForStatus, errorBody, sendError } from '../../platform/http-errors.ts';
import { boundedJsonParser } from '../../platform/request-guards.ts';
import type { SessionUser } from './accounts.policy.ts';
import { checkAuthBody } from './auth-input.ts';
import { createAuth, NAME_REJECTED, PASSWORD_REJECTED, SESSION_MAX_AGE_MS, trustedOriginsOf, baseUrlOf, USER_ROLES, type Auth, type UserRole } from './auth.ts';
import { accountKey, recordSuccess, signInKeys, throttleSignIn } from './sign-in-limiter.ts';
import type { Jobs } from '../../platform/jobs/index.ts';
import { enqueueVerificationMail } from './verification-mail.job.ts';

/**
 * Authentication for the whole app (registered unencapsulated, before any route):
 * - mounts better-auth under /api/auth/* (a Fastify request turned into a Web Request);
 * - refuses cross-site, cookie-authenticated state changes on our own routes;
 * - resolves the session cookie into `request.user`, enforcing the absolute session age;
 * - limits failed sign-ins per account and per client address.
 * All of it is security time (`securityClock`, the real clock): better-auth stamps sessions with
 * real time, so judging them by the demo clock would end every session once it ran 30 days ahead.
 */

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// Hop-by-hop and length headers describe Fastify's connection, not the request handed on.
const DROP_REQUEST_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'content-length', 'expect']);
const DROP_RESPONSE_HEADERS = new Set(['set-cookie', 'content-length', 'content-encoding', 'transfer-encoding', 'connection']);

function hasCookie(header: string | undefined, name: string): boolean {
  if (!header) return false;
  return header.split(';').some((part) => part.trim().startsWith(`${name}=`));
}

/**
 * The refurbisher a member acts for: the refurbishers module's answer (it owns organisations and
 * memberships), which accounts cannot import (refurbishers imports accounts); runtime.ts wires it.
 */
export type RefurbisherOfMember = (db: Executor, userId: string, activeOrganizationId: string | null) => Promise<string | null>;

async function authPluginImpl(
  app: FastifyInstance,
  deps: BaseDeps & { secrets: AccountSecrets; runtime: { refurbisherOfMember: RefurbisherOfMember; jobs: Pick<Jobs, 'enqueue'> } },
): Promise<void> {
  const { config, database, securityClock, secrets } = deps;
  const refurbisherOfMember = deps.runtime.refurbisherOfMember;
  const db = database.db;
  const auth: Auth = createAuth({
    config,
    pool: database.pool,
    secret: secrets.authSecret,
    // better-auth calls this once the sign-up has committed; the job itself is the side effect.
    sendVerificationEmail: (userId, next) => enqueueVerificationMail(deps.runtime.jobs, db, { userId, next }),
    log: (level, message) => app.log[level]({ component: 'better-auth' }, message),
  });
  const authContext = await auth.$context;
  const sessionCookie = authContext.authCookies.sessionToken;
  const trusted = new Set(trustedOriginsOf(config));
  const baseUrl = baseUrlOf(config);
  const secureAttr = config.mode === 'production' ? '; Secure' : '';
  const clearSessionCookie = `${sessionCookie.name}=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax${secureAttr}`;

  app.decorateRequest('user', null);

  async function resolveUser(req: FastifyRequest, reply: FastifyReply, refresh: boolean): Promise<SessionUser | null> {
    const headers = new Headers({ cookie: req.headers.cookie ?? '' });
    const res = await auth.api.getSession({ headers, query: { disableRefresh: !refresh }, returnHeaders: true });
    // A refreshed (slid) session re-sets its cookie; an expired one is cleared.
    if (refresh) for (const c of res.headers.getSetCookie()) void reply.header('set-cookie', c);
    const found = res.response;
    if (!found) return null;
    if (securityClock.now().getTime() - new Date(found.session.createdAt).getTime() > SESSION_MAX_AGE_MS) {
      await db.deleteFrom('session').where('id', '=', found.session.id).execute();
      void reply.header('set-cookie', clearSessionCookie);
      return null;
    }
    const role = (USER_ROLES as readonly string[]).includes(String(found.user.role)) ? (found.user.role as UserRole) : 'seller';
    const activeOrg = (found.session as { activeOrganizationId?: string | null }).activeOrganizationId ?? null;
    return {
      id: found.user.id,
      email: found.user.email,
      name: found.user.name,
      role,
      refurbisherId: role === 'refurbisher' ? await refurbisherOfMember(db, found.user.id, activeOrg) : null,
    };
  }

  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/')) return;
    if (!hasCookie(req.headers.cookie, sessionCookie.name)) return;
    const path = req.url.split('?')[0]!;
    const isAuthPath = path.startsWith('/api/auth/');
    // better-auth checks Origin on its own routes; webhooks are signed, not cookie-authenticated.
    if (UNSAFE_METHODS.has(req.method) && !isAuthPath && !path.startsWith('/api/webhooks/')) {
      const origin = req.headers.origin;
      if (!origin || !trusted.has(origin)) throw new AppError('forbidden', 'cross-site request refused');
    }
    // Signing in or up starts a new session whatever the old cookie says.
    if (path === '/api/auth/sign-in/email' || path === '/api/auth/sign-up/email') return;
    // On better-auth's routes only the absolute age is ours to enforce; it refreshes by itself.
    req.user = await resolveUser(req, reply, !isAuthPath);
  });

  await app.register(async (bridge) => {
    // Bodies go to better-auth byte for byte, once they pass the checks every JSON body passes
    // (depth, NUL, unpaired surrogates). Its routes take JSON only: better-call would also read
    // form and multipart bodies, which would slip past those checks.
    const parseJson = boundedJsonParser(app);
    bridge.removeAllContentTypeParsers();
    bridge.addContentTypeParser(/^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i, { parseAs: 'buffer' }, (_req, body, done) => {
      try {
        parseJson((body as Buffer).toString('utf8'));
        done(null, body);
      } catch (err) {
        done(err as Error, undefined);
      }
    });
    bridge.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => {
      if ((body as Buffer).length === 0) return done(null, body);
      done(new AppError('unsupported_media_type', 'Send the body as application/json'), undefined);
    });

    bridge.route({
      method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      url: '/api/auth/*',
      schema: { hide: true },
      handler: async (req, reply) => {
        const url = new URL(req.url, baseUrl);
        const body = Buffer.isBuffer(req.body) && req.body.length > 0 ? req.body : undefined;
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) {
          if (value === undefined || DROP_REQUEST_HEADERS.has(name)) continue;
          for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
        }
        // better-auth keys its rate limits and session records on this header: only Fastify's
        // idea of the client (request.ip, which honours trustProxy) may reach it.
        headers.set('x-forwarded-for', req.ip);

        checkAuthBody(url.pathname, body);
        const signIn = req.method === 'POST' && url.pathname === '/api/auth/sign-in/email';
        const keys = signIn ? signInKeys(req.ip, emailOf(body)) : undefined;
        if (keys) {
          const refused = await throttleSignIn(db, keys, securityClock.now());
          if (refused) {
            const err = rateLimited('Too many failed sign-ins; try again later', refused.retryAfterSeconds);
            const body = errorBody(err.code, err.message, undefined, err.details);
            return sendError(reply, 429, { code: 'RATE_LIMITED', message: err.message, ...body } as typeof body);
          }
        }

        const res = await auth.handler(new Request(url, { method: req.method, headers, body: body ? new Uint8Array(body) : undefined }));
        if (keys && res.ok) await recordSuccess(db, keys);

        reply.code(res.status);
        res.headers.forEach((value, name) => {
          if (!DROP_RESPONSE_HEADERS.has(name)) void reply.header(name, value);
        });
        for (const cookie of res.headers.getSetCookie()) void reply.header('set-cookie', cookie);
        const text = await res.text();
        // Every failure, whatever better-auth sent (JSON, an empty 404…), in the product's shape.
        if (res.status >= 400) {
          return reply.type('application/json; charset=utf-8').send(errorEnvelope(res.status, text, url.pathname));
        }
        return reply.send(text === '' ? undefined : text);
      },
    });
  });
}

function emailOf(body: Buffer | undefined): string | undefined {
  if (!body) return undefined;
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    const email = (parsed as { email?: unknown } | null)?.email;
    return typeof email === 'string' && email.trim() ? accountKey(email) : undefined;
  } catch {
    return undefined;
  }
}

const PASSWORD_CODES = new Set([PASSWORD_REJECTED, 'PASSWORD_TOO_SHORT', 'PASSWORD_TOO_LONG', 'INVALID_PASSWORD']);

function codeForAuthStatus(status: number): ErrorCode {
  // better-auth's 400s are about what was sent (a bad e-mail, a short password…).
  return status === 400 || status === 422 ? 'validation_failed' : codeForStatus(status);
}

/**
 * better-auth answers errors as `{code, message}` (its client reads those); we add the
 * product's `{error: {code, message, fields}}` beside them, naming the field to fix.
 */
function errorEnvelope(status: number, text: string, pathname: string): Record<string, unknown> {
  let raw: { code?: unknown; message?: unknown } = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) raw = parsed as typeof raw;
  } catch {
    /* not JSON (or empty): only the status speaks */
  }
  if (status >= 500) {
    const message = 'Something went wrong on our side';
    return { code: 'INTERNAL_SERVER_ERROR', message, error: { code: 'internal', message } };
  }
  const code = codeForAuthStatus(status);
  const message = typeof raw.message === 'string' && raw.message ? raw.message : status === 404 ? 'Not found' : `Request failed (${status})`;
  const fields: Record<string, string> = {};
  if (typeof raw.code === 'string') {
    if (PASSWORD_CODES.has(raw.code)) {
      const field = pathname.endsWith('/sign-up/email') ? 'password' : 'newPassword';
      fields[field] =
        raw.code === 'PASSWORD_TOO_SHORT'
          ? 'Password must be at least 8 characters'
          : raw.code === 'PASSWORD_TOO_LONG'
            ? 'Password must be at most 128 characters'
            : message;
    } else if (raw.code === NAME_REJECTED) {
      fields.name = message;
    } else if (raw.code === 'INVALID_EMAIL') {
      fields.email = 'E-mail address is not valid';
    } else if (raw.code.startsWith('USER_ALREADY_EXISTS')) {
      fields.email = 'An account with this e-mail address already exists';
    }
  }
  const error: Record<string, unknown> = { code, message };
  if (Object.keys(fields).length) error.fields = fields;
  return { ...raw, error };
}

/** Not encapsulated: `request.user` and the hooks apply to every route registered after it. */
export const authPlugin = Object.assign(authPluginImpl, { [Symbol.for('skip-override')]: true });
