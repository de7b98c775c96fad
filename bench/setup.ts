/**
 * What every benchmark starts from: a database of its own (on the server named by DATABASE_URL,
 * else an embedded PGlite in a temporary folder), migrated and with the built-in catalogue, and
 * the real app built on it in production mode with fresh secrets.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { migrateAll } from '../src/server/db/migrate.ts';
import { syncBuiltInCatalog } from '../src/server/modules/catalog/index.ts';
import { realClock } from '../src/server/platform/clock.ts';
import { openDatabase, type Database } from '../src/server/platform/db/database.ts';
import { createRuntime } from '../src/server/runtime.ts';

/**
 * Opens the bench's own database `name` (dropped and created again on a server, so the bench
 * never touches real data; a new folder for PGlite), migrates it and syncs the catalogue.
 */
export async function openBenchDatabase(name: string): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  let opened: { database: Database; cleanup: () => Promise<void> };
  if (!url) {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), `${name.replaceAll('_', '-')}-`));
    opened = { database: await openDatabase({ dataDir: dir }), cleanup: () => fs.rm(dir, { recursive: true, force: true }) };
  } else {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    opened = { database: await openDatabase({ url: u.toString(), poolSize: 20 }), cleanup: async () => undefined };
  }
  await migrateAll(opened.database);
  await syncBuiltInCatalog(opened.database.db);
  return opened;
}

/** The real app on the bench database: production mode, fresh secrets, real clocks, no job workers. */
export async function buildBenchApp(database: Database, opts: { env?: Record<string, string>; logger?: { level: string } } = {}) {
  const config = loadConfig(
    {
      TRADELOOP_MODE: 'production',
      DATA_DIR: os.tmpdir(),
      BETTER_AUTH_SECRET: randomBytes(32).toString('base64url'),
      TRADELOOP_MASTER_KEY: randomBytes(32).toString('base64'),
      CARRIER_WEBHOOK_SECRET: randomBytes(32).toString('base64url'),
      ACH_ODFI_ROUTING: '011000015',
      ACH_ODFI_NAME: 'FIRST TEST BANK',
      ACH_COMPANY_NAME: 'TRADELOOP INC',
      ACH_COMPANY_ID: '1234567890',
      ...opts.env,
    },
    [],
  );
  const secrets = { authSecret: config.authSecret!, keyring: config.keyring! };
  const runtime = createRuntime({ config, database, productClock: realClock, securityClock: realClock, workers: false, keyring: secrets.keyring, authSecret: secrets.authSecret });
  return buildApp(
    { config, database, productClock: realClock, securityClock: realClock, secrets, runtime },
    { webRoot: '/nonexistent', ...(opts.logger ? { logger: opts.logger } : {}) },
  );
}
