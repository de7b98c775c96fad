import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Anonymous quotes per client address: a token bucket in the database, so every API process
    -- draws from the same one. Unlogged is not used: PGlite and a restart must keep the buckets.
    create table quote_rate_buckets (
      key text primary key,
      tokens double precision not null,
      refilled_at timestamptz not null
    );

    -- The retention job walks assessments oldest first.
    create index assessments_created_idx on assessments (created_at);
  `.execute(db);
}
