import fs from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from '../../db/schema.ts';

// int8 (bigint, count(*)) arrives as a string by default. Money is integer cents, far inside
// Number's safe range; refuse (rather than round) anything that is not.
// A calendar date (`date`) stays the 'YYYY-MM-DD' it is: pg would make it a Date at local
// midnight, a moment that names another day in another time zone.
pg.types.setTypeParser(1082, (v: string) => v);
pg.types.setTypeParser(20, (v: string) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 ${v} exceeds the safe integer range`);
  return n;
});

export type Db = Kysely<DB>;
export type Trx = Transaction<DB>;
/** A query runner: the database itself or a transaction inside it. Repositories take this. */
export type Executor = Kysely<DB> | Transaction<DB>;

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  /** The one pool every query goes through (Kysely, pg-boss, the auth library). */
  readonly pool: pg.Pool;
  readonly db: Db;
  readonly pglite: PGlite | undefined;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** A postgres:// URL. Without it, the embedded PGlite in `dataDir`. */
  url?: string | undefined;
  dataDir?: string | undefined;
  /** An already-open PGlite (tests load one from a template). */
  pglite?: PGlite;
  poolSize?: number;
}

/** The extensions the schema uses (a migration creates them): every PGlite must be opened with them. */
export const PGLITE_EXTENSIONS = { pg_trgm };

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 20 });
    pool.on('error', () => {
      /* an idle client lost its connection; the pool replaces it */
    });
    await pool.query('select 1');
    return wrap('postgres', pool, undefined);
  }
  let pglite = opts.pglite;
  if (!pglite) {
    if (!opts.dataDir) throw new Error('openDatabase needs a url, a dataDir or a pglite');
    const dir = path.join(opts.dataDir, 'pgdata');
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    pglite = await PGlite.create(dir, { extensions: PGLITE_EXTENSIONS });
  }
  // PGlite is one connection: a second pool on it breaks the wire protocol, so max: 1 and
  // every consumer shares this pool.
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
  return wrap('pglite', pool, pglite);
}

function wrap(kind: Database['kind'], pool: pg.Pool, pglite: PGlite | undefined): Database {
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    kind,
    pool,
    db,
    pglite,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy(); // ends the pool
      if (pglite && !pglite.closed) await pglite.close();
    },
  };
}
