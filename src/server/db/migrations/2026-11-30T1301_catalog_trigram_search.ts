import { sql, type Kysely } from 'kysely';

/**
 * Forgiving catalogue search: pg_trgm (shipped by PostgreSQL's contrib and by PGlite, trusted
 * since PostgreSQL 13 so the database owner may create it) lets "ipone 13" find the iPhone 13.
 * The GIN index serves both the substring (`like`) and the word-similarity (`<%`) matches.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create extension if not exists pg_trgm;
    create index models_search_trgm_idx on models using gin (search_text gin_trgm_ops);
  `.execute(db);
}
