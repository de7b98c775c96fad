import { sql, type Kysely } from 'kysely';

// A trade-in e-mail the protected-data guard refused is flagged for an operator (one flag per
// message, named by its idempotency key), beside the shared-bank-account flags.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table review_flags drop constraint review_flags_kind_check`.execute(db);
  await sql`alter table review_flags add constraint review_flags_kind_check check (kind in ('shared_bank_account', 'blocked_mail'))`.execute(db);
}
