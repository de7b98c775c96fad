import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, PGLITE_EXTENSIONS, type Database } from '../src/server/platform/db/database.ts';
import { withDatabase } from './template-db.ts';

const serverUrls = new WeakMap<Database, string>();

/** A second, independent pool to the same server database: another process's view of it. */
export async function connectAgain(database: Database): Promise<Database> {
  const url = serverUrls.get(database);
  if (!url) throw new Error('connectAgain needs a PostgreSQL server database (TEST_DATABASE_URL)');
  return openDatabase({ url, poolSize: 5 });
}

/**
 * A fresh database for one test file, cloned from the migrated template: PostgreSQL when
 * TEST_DATABASE_URL is set (CI runs the suite both ways), the embedded PGlite otherwise.
 */
export async function createTestDatabase(opts: { poolSize?: number } = {}): Promise<Database> {
  const server = inject('serverTemplate');
  if (server) return createServerDatabase(server, server.name, opts.poolSize ?? 10);
  const bytes = await fs.readFile(inject('pgliteTemplatePath'));
  const pglite = await PGlite.create({ loadDataDir: new Blob([bytes]), extensions: PGLITE_EXTENSIONS });
  return openDatabase({ pglite });
}

/** An empty database on the same engine, with no migration run: for tests of a migration itself. */
export async function createEmptyDatabase(): Promise<Database> {
  const server = inject('serverTemplate');
  if (server) return createServerDatabase(server, 'template0', 5);
  return openDatabase({ pglite: await PGlite.create({ extensions: PGLITE_EXTENSIONS }) });
}

/** A new database on the server, copied from `template` and dropped on close (named so the run's teardown finds it too). */
async function createServerDatabase(server: { url: string; runId: number }, template: string, poolSize: number): Promise<Database> {
  const name = `tradeloop_t_${server.runId}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  try {
    await admin.query(`create database "${name}" template "${template}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(server.url, name);
  const database = await openDatabase({ url, poolSize });
  serverUrls.set(database, url);
  const close = database.close;
  return Object.assign(database, {
    async close() {
      await close();
      const a = new pg.Client({ connectionString: server.url });
      await a.connect();
      await a.query(`drop database if exists "${name}" with (force)`).finally(() => a.end());
    },
  });
}
