import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from './db.ts';
import { EXCEPTIONS } from './table-ownership/exceptions.ts';
import { declaredTables, ownerOfPath, violationsIn, type Owner, type Violation } from './table-ownership/scan.ts';

/**
 * "A module reads and writes only its own tables" (docs/architecture.md): every Kysely call and
 * raw `sql` template in the server's modules, platform and composition root names only tables
 * its own module declares in a `*.tables.ts`. Migrations, db/schema.ts, the demo seed and tests
 * are not scanned (see SCANNED below).
 */

const ROOT = path.resolve(import.meta.dirname, '..');
const SERVER = 'src/server';

function walk(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    return e.isDirectory() ? walk(rel) : [rel];
  });
}

const serverFiles = walk(SERVER).filter((f) => f.endsWith('.ts'));
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8');

function tableOwners(): Map<string, Owner> {
  const owners = new Map<string, Owner>();
  for (const file of serverFiles.filter((f) => f.endsWith('.tables.ts'))) {
    const owner = ownerOfPath(file);
    for (const table of declaredTables(read(file))) {
      const before = owners.get(table);
      if (before && before !== owner) throw new Error(`${table} is declared by both ${before} and ${owner}`);
      owners.set(table, owner);
    }
  }
  return owners;
}

/**
 * The code that must keep the rule: modules, platform, and the root that wires them. Not scanned:
 * tests (they arrange rows in any table), db/ (migrations create every table; schema.ts joins the
 * types), seed/ (the demo data for `npm start`, written once into an empty database, like a test
 * factory) and commands/ (one-off operator commands call modules' doors).
 */
const SCANNED = serverFiles.filter(
  (f) => !f.endsWith('.test.ts') && !f.endsWith('.tables.ts') && !/^src\/server\/(db|seed|commands)\//.test(f),
);

/** Kysely's migration bookkeeping (db/migrate.ts): no module's, and no code but the migrator names them. */
const MIGRATOR_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);

const key = (v: { file: string; table: string }) => `${v.file} → ${v.table}`;

describe('table ownership', () => {
  const owners = tableOwners();

  it('knows the owner of the tables (the check reads the *.tables.ts files)', () => {
    expect(owners.get('trade_ins')).toBe('trade-ins');
    expect(owners.get('variants')).toBe('catalog');
    expect(owners.get('operator_flags')).toBe('platform');
    expect(owners.get('job_effects')).toBe('platform');
    expect(owners.size).toBeGreaterThan(20);
  });

  it('flags a module that names another module\'s table (Kysely, aliases, raw sql)', () => {
    const source = [
      "const a = await db.selectFrom('trade_ins as t').innerJoin('variants as v', 'v.id', 't.variant_id').selectAll().execute();",
      "await trx.updateTable('refurbishers').set({ name: 'x' }).execute();",
      "await db.selectFrom(['trade_ins', 'models as m']).selectAll().execute();",
      'await sql`select o.id from offers o join wishlist_entries w on w.id = o.wishlist_entry_id`.execute(db);',
      'await sql<{ n: number }>`delete from assessments a using ${sql.raw("x")} d, trade_in_events e where true`.execute(db);',
      '// a comment naming selectFrom(\'offers\') is not a reference',
      "await pool.query({ name: 'q', text: `select 1 from best b, price_history p where true` });",
    ].join('\n');
    const found = violationsIn('src/server/modules/trade-ins/fixture.ts', source, owners).map((v) => `${v.table}@${v.owner}:${v.line}`);
    expect(found.sort()).toEqual(
      ['variants@catalog:1', 'refurbishers@refurbishers:2', 'models@catalog:3', 'offers@offers:4', 'wishlist_entries@wishlist:4', 'assessments@offers:5', 'price_history@wishlist:7'].sort(),
    );
    // Its own tables are fine; the composition root owns none.
    expect(violationsIn('src/server/modules/offers/fixture.ts', "db.selectFrom('offers')", owners)).toEqual([]);
    expect(violationsIn('src/server/runtime.ts', "db.selectFrom('offers')", owners)).toHaveLength(1);
  });

  it('every table in the database has an owner (raw SQL on an undeclared table would escape the check)', async () => {
    const database = await createTestDatabase();
    try {
      const { rows } = await sql<{ name: string }>`
        select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(database.db);
      expect(rows.map((r) => r.name).filter((t) => !owners.has(t) && !MIGRATOR_TABLES.has(t)).sort()).toEqual([]);
    } finally {
      await database.close();
    }
  });

  it('every exception gives its reason', () => {
    for (const e of EXCEPTIONS) expect(e.reason.trim().length, key(e)).toBeGreaterThan(20);
  });

  it('no module reads or writes another module\'s table', () => {
    const all: Violation[] = SCANNED.flatMap((f) => violationsIn(f, read(f), owners));
    const excepted = new Set(EXCEPTIONS.map(key));
    const broken = all.filter((v) => !excepted.has(key(v)));
    expect(
      broken.map((v) => `${v.file}:${v.line} ${v.via} '${v.table}' belongs to ${v.owner}: ask it through its index.ts`),
    ).toEqual([]);
    const used = new Set(all.map(key));
    expect(
      EXCEPTIONS.filter((e) => !e.until && !used.has(key(e))).map((e) => `${key(e)} is no longer needed: remove it from test/table-ownership/exceptions.ts`),
    ).toEqual([]);
  });
});
