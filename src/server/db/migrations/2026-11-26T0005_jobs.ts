import { sql, type Kysely } from 'kysely';

// pg-boss installs and upgrades its own schema ('pgboss') when it starts; this migration only
// holds what the application adds beside it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table job_effects (
      key text primary key,
      done_at timestamptz not null
    );
  `.execute(db);
}
