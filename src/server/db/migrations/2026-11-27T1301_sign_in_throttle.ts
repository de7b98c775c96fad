import { sql, type Kysely } from 'kysely';

// Growing delays per (account, address) need the time of the last attempt, not only the window start.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table sign_in_attempts add column last_attempt_at timestamptz`.execute(db);
}
