import { sql, type Kysely } from 'kysely';

/**
 * A free return's progress on its own row (shipping's table): whose return it is, so the
 * scorecard's "returns shipped on time" reads one table, and when the carrier first scanned it
 * and delivered it back. The table is new in 1101 and empty until returns are requested.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table return_shipments
      add column refurbisher_id text not null,
      add column shipped_at timestamptz,
      add column delivered_at timestamptz;
    create index return_shipments_refurbisher_idx on return_shipments (refurbisher_id, requested_at);
  `.execute(db);
}
