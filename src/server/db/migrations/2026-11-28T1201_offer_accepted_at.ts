import { sql, type Kysely } from 'kysely';

/**
 * The offers module records on the offer itself that it was accepted, so the assessment
 * retention (offers' job) keeps accepted quotes without reading the trade-ins module's table.
 * Existing trade-ins fill it in once, here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table offers add column accepted_at timestamptz;
    update offers o set accepted_at = t.accepted_at from trade_ins t where t.offer_id = o.id;
  `.execute(db);
}
