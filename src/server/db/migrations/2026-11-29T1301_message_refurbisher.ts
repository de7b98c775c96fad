import { sql, type Kysely } from 'kysely';

/**
 * messages: each message names the trade-in's refurbisher, so the refurbisher's "waiting for
 * your reply" list is read from the messages table alone (no join into another module's table);
 * and a sequence orders messages written at the same product time (a frozen demo clock), so
 * "who wrote last" never depends on random id bits.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table trade_in_messages add column refurbisher_id text;
    update trade_in_messages m set refurbisher_id = t.refurbisher_id from trade_ins t where t.id = m.trade_in_id;
    alter table trade_in_messages alter column refurbisher_id set not null;
    alter table trade_in_messages add column seq bigint generated always as identity;
    create index trade_in_messages_refurbisher_idx on trade_in_messages (refurbisher_id, trade_in_id, created_at);
  `.execute(db);
}
