import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import type { AccountSecrets } from '../src/server/modules/accounts/index.ts';
import { AdjustableClock } from '../src/server/platform/clock.ts';
import { createKeyring, generateMasterKey, parseMasterKey, type Keyring } from '../src/server/platform/crypto.ts';
import type { Database } from '../src/server/platform/db/database.ts';
import { createTestDatabase } from './db.ts';
import type { Mailer } from '../src/server/platform/mail/index.ts';
import type { Carrier } from '../src/server/modules/shipping/index.ts';
import { createRuntime, type Runtime, type RuntimeInput } from '../src/server/runtime.ts';

export interface TestApp {
  app: FastifyInstance;
  /** The product clock (deadlines, ship-by, expiry): frozen at `now`, moved by the test. */
  clock: AdjustableClock;
  /**
   * The security clock (session age, sign-in throttles, webhook freshness): the real clock, which
   * a test may push forward to play a window out. better-auth keeps real time of its own.
   */
  securityClock: AdjustableClock;
  secrets: AccountSecrets;
  runtime: Runtime;
}

// Demo mode on PORT 3000: http://localhost:3000 is a trusted origin (test/accounts.ts TEST_ORIGIN).
export const TEST_AUTH_SECRET = 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz';

export function testKeyring(id = 'test1'): Keyring {
  return createKeyring({ id, key: parseMasterKey(generateMasterKey()) });
}

export async function buildTestApp(
  database: Database,
  opts: {
    now?: Date;
    mode?: 'demo' | 'production';
    keyring?: Keyring;
    logger?: FastifyServerOptions['logger'];
    mailer?: Mailer;
    /** Environment on top of the test defaults (e.g. QUOTE_RATE_PER_MINUTE to test the quote limit). */
    env?: Record<string, string>;
    /** A carrier other than the built-in one (a failing or a slow one). */
    carrier?: Carrier;
    carrierRetry?: RuntimeInput['carrierRetry'];
    /** Records the free returns the inspection asks for (until shipping implements them). */
    requestReturn?: RuntimeInput['requestReturn'];
    /** A folder holding a built web app (index.html) to serve; none by default. */
    webRoot?: string;
  } = {},
): Promise<TestApp> {
  const clock = new AdjustableClock({ frozenAt: opts.now ?? new Date('2026-11-26T15:00:00Z') });
  const securityClock = new AdjustableClock();
  const mode = opts.mode ?? 'demo';
  const config = loadConfig(
    {
      TRADELOOP_MODE: mode,
      // Its own folder, for the mail outbox.
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'tradeloop-app-')),
      // Production needs its secrets and the bank's ACH settings; passed in the environment shape it reads them from.
      ...(mode === 'production'
        ? { BETTER_AUTH_SECRET: TEST_AUTH_SECRET, TRADELOOP_MASTER_KEY: generateMasterKey(), CARRIER_WEBHOOK_SECRET: randomBytes(32).toString('hex'), ACH_ODFI_ROUTING: '011000015', ACH_ODFI_NAME: 'FIRST TEST BANK', ACH_COMPANY_NAME: 'TRADELOOP INC', ACH_COMPANY_ID: '1234567890' }
        : {}),
      // Every inject comes from one address: tests that are not about the quote limit lift it.
      QUOTE_RATE_PER_MINUTE: '0',
      ...opts.env,
    },
    [],
  );
  const secrets: AccountSecrets = { authSecret: TEST_AUTH_SECRET, keyring: opts.keyring ?? testKeyring() };
  const runtime = createRuntime({
    config,
    database,
    productClock: clock,
    securityClock,
    workers: false,
    keyring: secrets.keyring,
    authSecret: secrets.authSecret,
    ...(opts.mailer ? { mailer: opts.mailer } : {}),
    ...(opts.carrier ? { carrier: opts.carrier } : {}),
    ...(opts.carrierRetry ? { carrierRetry: opts.carrierRetry } : {}),
    ...(opts.requestReturn ? { requestReturn: opts.requestReturn } : {}),
  });
  await runtime.jobs.start();
  const app = await buildApp({ config, database, productClock: clock, securityClock, secrets, runtime }, { webRoot: opts.webRoot ?? '/nonexistent', logger: opts.logger });
  app.addHook('onClose', async () => {
    await runtime.jobs.stop();
  });
  await app.ready();
  return { app, clock, securityClock, secrets, runtime };
}

/**
 * The usual test-file setup: a fresh database cloned from the template and an app on it,
 * closed after the file. Read the fields inside tests (they are set in beforeAll).
 */
export function useTestApp(opts: Parameters<typeof buildTestApp>[1] = {}): TestApp & { database: Database } {
  const ctx = {} as TestApp & { database: Database };
  beforeAll(async () => {
    ctx.database = await createTestDatabase();
    Object.assign(ctx, await buildTestApp(ctx.database, opts));
  });
  afterAll(async () => {
    await ctx.app?.close();
    await ctx.database?.close();
  });
  return ctx;
}
