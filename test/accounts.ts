/**
 * Helpers for the accounts tests (and any module test that needs a signed-in user).
 * Not a test file itself: vitest only runs `*.test.ts`.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Executor } from '../src/server/platform/db/database.ts';
import type { UserRole } from '../src/server/modules/accounts/index.ts';
import type { Jobs } from '../src/server/platform/jobs/index.ts';
import type { Mailer } from '../src/server/platform/mail/index.ts';

export const TEST_ORIGIN = 'http://localhost:3000';
export const GOOD_PASSWORD = 'violet-harbour-tangent-42';

let addressSeq = 0;
/** A distinct client address per call, so tests do not share better-auth's per-address sign-up budget. */
export function nextAddress(): string {
  addressSeq += 1;
  return `10.${(addressSeq >> 16) & 255}.${(addressSeq >> 8) & 255}.${addressSeq & 255}`;
}

/** The `name=value` pairs of every Set-Cookie, joined as a Cookie header. */
export function cookieHeader(res: LightMyRequestResponse): string {
  const raw = res.headers['set-cookie'];
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return list.map((c) => c.split(';')[0]!).join('; ');
}

export function sessionCookieValue(res: LightMyRequestResponse): string | undefined {
  const raw = res.headers['set-cookie'];
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const c = list.find((x) => x.startsWith('tradeloop.session_token=') || x.startsWith('__Secure-tradeloop.session_token='));
  return c?.split(';')[0]!.split('=')[1];
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  cookie: string;
}

let emailSeq = 0;
export function uniqueEmail(prefix = 'user'): string {
  emailSeq += 1;
  return `${prefix}-${emailSeq}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

export async function signUp(
  app: FastifyInstance,
  opts: { email?: string; password?: string; name?: string; address?: string } = {},
): Promise<TestUser> {
  const email = opts.email ?? uniqueEmail();
  const password = opts.password ?? GOOD_PASSWORD;
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-up/email',
    headers: { origin: TEST_ORIGIN },
    remoteAddress: opts.address ?? nextAddress(),
    payload: { email, password, name: opts.name ?? 'Test Person' },
  });
  expect(res.statusCode, res.body).toBe(200);
  return { id: res.json().user.id as string, email, password, cookie: cookieHeader(res) };
}

export async function signIn(app: FastifyInstance, email: string, password: string, address = nextAddress()) {
  return app.inject({
    method: 'POST',
    url: '/api/auth/sign-in/email',
    headers: { origin: TEST_ORIGIN },
    remoteAddress: address,
    payload: { email, password },
  });
}

/**
 * What reading a user's mail needs: the app, and the runtime whose jobs write it to the outbox,
 * or, where the mail goes out over SMTP instead, an `inbox` reading what the server received.
 */
export interface MailboxContext {
  app: FastifyInstance;
  runtime: { jobs: Pick<Jobs, 'runDue'>; mailer: Pick<Mailer, 'listOutbox' | 'readOutboxMessage'> };
  inbox?: (email: string) => Promise<{ subject: string; text: string }[]>;
}

export const VERIFICATION_SUBJECT = 'Confirm your e-mail address for Tradeloop';

/**
 * The confirmation links sent to `email`, one per message, as the recipient reads them (the
 * outbox is the demo mailbox). Runs the due jobs first, as a worker would a moment after sign-up.
 */
export async function verificationLinks(ctx: MailboxContext, email: string): Promise<string[]> {
  await ctx.runtime.jobs.runDue();
  const texts: string[] = [];
  if (ctx.inbox) {
    for (const m of await ctx.inbox(email)) if (m.subject === VERIFICATION_SUBJECT) texts.push(m.text);
  } else {
    for (const m of await ctx.runtime.mailer.listOutbox()) {
      if (m.to === email && m.subject === VERIFICATION_SUBJECT) texts.push((await ctx.runtime.mailer.readOutboxMessage(m.id))!.text);
    }
  }
  return texts.map((text) => /https?:\/\/\S+\/api\/auth\/verify-email\?\S+/.exec(text)?.[0]).filter((link): link is string => !!link);
}

/** Opens a link from a message in the app, as the recipient's browser does (with its cookie, if any). */
export async function openLink(app: FastifyInstance, link: string, cookie?: string): Promise<LightMyRequestResponse> {
  const url = new URL(link);
  return app.inject({ method: 'GET', url: url.pathname + url.search, headers: cookie ? { cookie } : {} });
}

/** The user confirms their e-mail address with the link from their mailbox. */
export async function confirmEmail(ctx: MailboxContext, user: Pick<TestUser, 'email' | 'cookie'>): Promise<void> {
  const [link] = await verificationLinks(ctx, user.email);
  expect(link, `no confirmation e-mail for ${user.email}`).toBeDefined();
  const res = await openLink(ctx.app, link!, user.cookie);
  expect(res.statusCode, res.body).toBe(302);
  expect(res.headers.location).not.toContain('error=');
}

/** A signed-up user given a role (roles are never taken from sign-up input) and, for refurbishers, a membership. */
export async function makeUser(
  app: FastifyInstance,
  db: Executor,
  role: UserRole,
  opts: { refurbisherId?: string } = {},
): Promise<TestUser> {
  const user = await signUp(app, { email: uniqueEmail(role) });
  if (role !== 'seller') await db.updateTable('user').set({ role }).where('id', '=', user.id).execute();
  if (opts.refurbisherId) {
    const r = await db.selectFrom('refurbishers').select(['organization_id', 'name']).where('id', '=', opts.refurbisherId).executeTakeFirstOrThrow();
    let orgId = r.organization_id;
    if (!orgId) {
      orgId = `org-${opts.refurbisherId}`;
      await db.insertInto('organization').values({ id: orgId, name: r.name, slug: orgId, logo: null, createdAt: new Date(), metadata: null }).execute();
      await db.updateTable('refurbishers').set({ organization_id: orgId }).where('id', '=', opts.refurbisherId).execute();
    }
    await db
      .insertInto('member')
      .values({ id: `mem-${user.id}`, organizationId: orgId, userId: user.id, role: 'admin', createdAt: new Date() })
      .execute();
  }
  return user;
}

/** Headers of a same-site, cookie-authenticated request from the web app. */
export function as(user: Pick<TestUser, 'cookie'>): Record<string, string> {
  return { cookie: user.cookie, origin: TEST_ORIGIN };
}

export const VALID_PROFILE = {
  legalName: { first: 'Ada', last: 'Lovelace' },
  dateOfBirth: '1990-12-10',
  address: { line1: '1 Main St', line2: '', city: 'Albany', state: 'NY', zip: '12207' },
  phone: '(212) 555-0199',
};

export const VALID_LICENCE = { kind: 'drivers_license', number: 'K9876-5432-1', state: 'CA' } as const;
export const VALID_SSN = { kind: 'ssn_last4', last4: '4321' } as const;

export function validPayout(currentPassword: string, over: Record<string, unknown> = {}) {
  return {
    routingNumber: '021000021',
    accountNumber: '0009876543210',
    accountNumberConfirmation: '0009876543210',
    accountType: 'checking',
    holderNames: ['Ada Lovelace'],
    currentPassword,
    ...over,
  };
}
