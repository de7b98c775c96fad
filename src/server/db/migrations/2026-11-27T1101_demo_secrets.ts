import { sql, type Kysely } from 'kysely';

// Demo mode on a PostgreSQL server: the generated session-signing secret and master key, shared
// by every process (each process's DATA_DIR would otherwise hold its own). Empty in production,
// which takes both from its environment.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table demo_secrets (
      name text primary key check (name in ('auth-secret', 'master-key')),
      value text not null,
      created_at timestamptz not null default now()
    );
  `.execute(db);
}
