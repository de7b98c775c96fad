import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { migrateAll } from '../src/server/db/migrate.ts';
import { syncBuiltInCatalog } from '../src/server/modules/catalog/index.ts';
import { openDatabase, PGLITE_EXTENSIONS } from '../src/server/platform/db/database.ts';
import { installJobsSchema } from '../src/server/platform/jobs/index.ts';

/** Builds what every test database starts from: the schema migrated, the built-in catalogue loaded. */
export async function prepareSchema(database: Awaited<ReturnType<typeof openDatabase>>): Promise<void> {
  await migrateAll(database);
  await syncBuiltInCatalog(database.db);
  // pg-boss's own schema too, so no test file spends seconds installing it.
  await installJobsSchema(database);
}

export async function buildPgliteTemplate(): Promise<Uint8Array> {
  const pglite = await PGlite.create({ extensions: PGLITE_EXTENSIONS });
  const database = await openDatabase({ pglite });
  await prepareSchema(database);
  await database.db.destroy();
  const blob = await pglite.dumpDataDir('gzip');
  await pglite.close();
  return new Uint8Array(await blob.arrayBuffer());
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function buildServerTemplate(url: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const database = await openDatabase({ url: withDatabase(url, name), poolSize: 2 });
  try {
    await prepareSchema(database);
  } finally {
    await database.close();
  }
}
