import type { Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import { migrateAuthTables } from '../modules/accounts/index.ts';
import { MIGRATIONS } from './migrations/index.ts';

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    // Migrations are written in parallel and named by their author's range, so one named earlier
    // can arrive after a later one already ran; each is independent of the others' order.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Everything a database needs before the app runs: better-auth's tables first (our
 * migrations refer to "user" and "organization"), then ours. Used by main, tests and the bench.
 */
export async function migrateAll(database: { db: Kysely<any> }): Promise<string[]> {
  await migrateAuthTables(database.db);
  return migrateToLatest(database.db);
}
