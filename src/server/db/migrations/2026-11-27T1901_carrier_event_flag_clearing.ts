import { sql, type Kysely } from 'kysely';

/**
 * An operator clears a carrier event flag once they have looked at it: who, when and why are
 * kept on the flag (and in the audit log). A cleared flag always says who cleared it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table carrier_event_flags
      -- a user id, kept as text like the audit log's actor: the record outlives the account
      add column cleared_by text,
      add column cleared_at timestamptz,
      add column cleared_note text;
    alter table carrier_event_flags add constraint carrier_event_flags_cleared_check
      check ((status = 'open') = (cleared_at is null) and (cleared_at is null) = (cleared_note is null) and (cleared_at is null) = (cleared_by is null));
  `.execute(db);
}
