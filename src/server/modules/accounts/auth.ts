import { randomBytes } from 'node:crypto';
import { betterAuth, type BetterAuthOptions } from 'better-auth';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { getMigrations } from 'better-auth/db/migration';
import { organization } from 'better-auth/plugins';
import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import type { Config } from '../../config.ts';
import { newId } from '../../platform/ids.ts';
import { hashPassword, passwordProblem, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, verifyPassword } from './password.ts';
import { USER_ROLES, type UserRole } from '../../../shared/api/accounts.ts';
import { ZPersonName } from '../../../shared/person-name.ts';

/**
 * better-auth, configured once. The same schema-shaping options feed the migration
 * (`migrateAuthTables`) and the running instance (`createAuth`), so the tables it creates are
 * the tables it later expects.
 */

export { USER_ROLES, type UserRole };

export const SESSION_COOKIE_PREFIX = 'tradeloop';
/** Idle expiry: a session unused for this long is gone (better-auth slides it on use). */
export const SESSION_IDLE_SECONDS = 7 * 24 * 3600;
/** How often a used session's expiry is pushed forward (one write a day, not one per request). */
export const SESSION_REFRESH_SECONDS = 24 * 3600;
/** Absolute expiry: however active, a session ends this long after sign-in. */
export const SESSION_MAX_AGE_MS = 30 * 24 * 3600 * 1000;

/**
 * How long the link of a "confirm your e-mail address" message works (security time: better-auth
 * signs the token with an expiry on the real clock). A seller who misses it asks for a new one.
 */
export const VERIFY_EMAIL_SECONDS = 24 * 3600;

/** Paths whose body sets a new password, and the field that carries it. */
const NEW_PASSWORD_FIELDS: Record<string, string> = {
  '/sign-up/email': 'password',
  '/change-password': 'newPassword',
  '/reset-password': 'newPassword',
  '/set-password': 'newPassword',
};
export const PASSWORD_REJECTED = 'PASSWORD_REJECTED';
export const NAME_REJECTED = 'NAME_REJECTED';

/**
 * A user's name as stored: normalised by the shared rule (shared/person-name.ts). The HTTP
 * bridge refuses a bad name first, with the field named (auth-input.ts); this holds for any
 * other way better-auth creates or renames a user.
 */
function storedName(name: unknown): string {
  const parsed = ZPersonName.safeParse(name);
  if (!parsed.success) throw APIError.from('BAD_REQUEST', { code: NAME_REJECTED, message: parsed.error.issues[0]!.message });
  return parsed.data;
}

/**
 * better-auth's organisation endpoints that would change an organisation, its members or its
 * invitations. The refurbishers module does all of that itself, with the product's three roles,
 * its mailer and its "not yours is 404" rule, so these are switched off (404); set-active and
 * the read-only list of one's own organisations stay.
 */
const ORGANIZATION_WRITE_PATHS = [
  'accept-invitation', 'add-team-member', 'cancel-invitation', 'check-slug', 'create', 'create-role', 'create-team', 'delete',
  'delete-role', 'get-active-member', 'get-active-member-role', 'get-full-organization', 'get-invitation', 'get-organization',
  'get-role', 'invite-member', 'leave', 'list-invitations', 'list-members', 'list-roles', 'list-team-members', 'list-teams',
  'list-user-invitations', 'list-user-teams', 'reject-invitation', 'remove-member', 'remove-team', 'remove-team-member',
  'set-active-team', 'update', 'update-member-role', 'update-role', 'update-team',
].map((p) => `/organization/${p}`);

/**
 * better-auth's own resend takes any address from anyone, signed in or not; ours
 * (POST /api/me/verification-email) needs the session and is throttled per account.
 */
const OWN_ROUTE_PATHS = ['/send-verification-email'];

/** The options that decide the schema: tables, columns, plugins. */
function schemaOptions(database: BetterAuthOptions['database']) {
  return {
    database,
    emailAndPassword: { enabled: true },
    user: {
      additionalFields: {
        // Never from sign-up input: roles are granted by an operator (or the demo seed).
        role: { type: 'string', required: false, defaultValue: 'seller', input: false },
      },
    },
    rateLimit: { enabled: true, storage: 'database' },
    plugins: [
      organization({
        // Refurbisher organisations are created by operators (and the demo seed), not by any signed-up user.
        allowUserToCreateOrganization: async (user) => (user as { role?: string }).role === 'operator',
      }),
    ],
    telemetry: { enabled: false },
  } satisfies BetterAuthOptions;
}

export interface AuthInput {
  config: Config;
  pool: pg.Pool;
  secret: string;
  /**
   * Asked by better-auth after a sign-up commits: send the new user the link that confirms
   * their address, leading on to `next` (a path of this site, from the sign-up's callbackURL).
   */
  sendVerificationEmail?: (userId: string, next: string) => Promise<void>;
  /** Where better-auth's own log lines go (they never contain passwords). */
  log?: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;
}

export function baseUrlOf(config: Config): string {
  return config.publicUrl ?? `http://localhost:${config.port}`;
}

/** Origins whose pages may send cookie-authenticated state changes (here and in better-auth). */
export function trustedOriginsOf(config: Config): string[] {
  const origins = new Set<string>([new URL(baseUrlOf(config)).origin]);
  if (config.publicUrl) origins.add(new URL(config.publicUrl).origin);
  if (config.mode === 'demo') {
    origins.add(`http://localhost:${config.port}`);
    origins.add(`http://127.0.0.1:${config.port}`);
  }
  return [...origins];
}

function authOptions(input: AuthInput) {
  const { config } = input;
  const base = schemaOptions(input.pool);
  return {
    ...base,
    appName: 'Tradeloop',
    disabledPaths: [...ORGANIZATION_WRITE_PATHS, ...OWN_ROUTE_PATHS],
    secret: input.secret,
    baseURL: baseUrlOf(config),
    basePath: '/api/auth',
    trustedOrigins: trustedOriginsOf(config),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
      password: { hash: hashPassword, verify: verifyPassword },
    },
    emailVerification: {
      // A seller may sign in unverified; accepting an offer needs the address confirmed (trade-ins checks readiness).
      sendOnSignUp: !!input.sendVerificationEmail,
      // The link may be opened on another device than the sign-up's: it signs in there, once (a used link finds the address confirmed and does nothing).
      autoSignInAfterVerification: true,
      expiresIn: VERIFY_EMAIL_SECONDS,
      // better-auth's url and token are not used: the mail job makes its own token when it writes the message, so no token waits in a job row.
      sendVerificationEmail: async ({ user, url }: { user: { id: string }; url: string }) => {
        await input.sendVerificationEmail?.(user.id, new URL(url).searchParams.get('callbackURL') ?? '/');
      },
    },
    session: {
      expiresIn: SESSION_IDLE_SECONDS,
      updateAge: SESSION_REFRESH_SECONDS,
      // The cookie cache would let a revoked or over-age session live on in a signed cookie.
      cookieCache: { enabled: false },
    },
    rateLimit: {
      ...base.rateLimit,
      window: 60,
      max: 100,
      customRules: {
        // Per address; the per-account and per-address failure limits are ours (sign-in-limiter.ts).
        '/sign-in/email': { window: 60, max: 30 },
        '/sign-up/email': { window: 60, max: 10 },
        '/get-session': false,
      },
    },
    advanced: {
      cookiePrefix: SESSION_COOKIE_PREFIX,
      useSecureCookies: config.mode === 'production',
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
      // Explicit, because better-auth turns both checks off when NODE_ENV is 'test'.
      disableCSRFCheck: false,
      disableOriginCheck: false,
      // The HTTP bridge overwrites this header with Fastify's request.ip; nothing else is trusted.
      ipAddress: { ipAddressHeaders: ['x-forwarded-for'] },
      database: { generateId: authIdFor },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        const field = NEW_PASSWORD_FIELDS[ctx.path];
        const body = ctx.body as Record<string, unknown> | undefined;
        const password = field ? body?.[field] : undefined;
        if (typeof password !== 'string') return;
        const email = typeof body?.email === 'string' ? body.email : ctx.context.session?.user.email;
        const problem = passwordProblem(password, email);
        if (problem) throw APIError.from('BAD_REQUEST', { code: PASSWORD_REJECTED, message: problem });
      }),
    },
    databaseHooks: {
      user: {
        create: { before: async (user) => ({ data: { ...user, name: storedName(user.name) } }) },
        update: { before: async (user) => (user.name === undefined ? undefined : { data: { ...user, name: storedName(user.name) } }) },
      },
      session: {
        update: {
          // A refresh never carries a session past its absolute limit (the request hook also checks, on the security clock).
          before: async (session, ctx) => {
            const createdAt = ctx?.context.session?.session.createdAt;
            if (!createdAt || !session.expiresAt) return;
            const cap = new Date(new Date(createdAt).getTime() + SESSION_MAX_AGE_MS);
            if (new Date(session.expiresAt) > cap) return { data: { ...session, expiresAt: cap } };
          },
        },
      },
    },
    logger: input.log
      ? { level: 'warn' as const, log: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => input.log!(level, message) }
      : { disabled: true },
    // Without this, better-auth prints every refused request (wrong password…) to the console.
    onAPIError: {
      onError: (err: unknown) => {
        const status = (err as { statusCode?: number }).statusCode ?? 500;
        const message = err instanceof Error ? err.message : String(err);
        input.log?.(status >= 500 ? 'error' : 'debug', message);
      },
    },
  } satisfies BetterAuthOptions;
}

/** Users get our sortable `usr_…` ids; better-auth's other rows random ones. */
const authIdFor = ({ model }: { model: string }) => (model === 'user' ? newId('user') : randomBytes(18).toString('base64url'));

/**
 * better-auth over a given connection or transaction, to write its tables its own way outside a
 * request (the demo seed, inside the start-up transaction). It opens no transaction of its own.
 */
export function createSeedAuth(db: Kysely<any>, secret: string) {
  return betterAuth({
    ...schemaOptions({ db, type: 'postgres' }),
    secret,
    baseURL: 'http://localhost',
    emailAndPassword: { enabled: true, password: { hash: hashPassword, verify: verifyPassword } },
    advanced: { database: { generateId: authIdFor } },
    logger: { disabled: true },
  });
}

export function createAuth(input: AuthInput) {
  return betterAuth(authOptions(input));
}
export type Auth = ReturnType<typeof createAuth>;

// Any constant: serialises concurrent starts on one PostgreSQL server (better-auth's migrator has no lock).
const AUTH_MIGRATION_LOCK = 7_410_0002;

/**
 * Creates or extends better-auth's tables (user, session, account, verification,
 * organization, member, invitation, rateLimit). Idempotent; one transaction under an
 * advisory lock, so several processes starting at once do not race.
 */
export async function migrateAuthTables(db: Kysely<any>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${AUTH_MIGRATION_LOCK})`.execute(trx);
    const { runMigrations } = await getMigrations(schemaOptions({ db: trx, type: 'postgres' }));
    await runMigrations();
  });
}
