import { sql, type Kysely } from 'kysely';

// Demo mode's clock offset (POST /api/dev/clock), kept so a restart does not travel back in time.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table demo_clock (
      id boolean primary key default true check (id),
      offset_ms bigint not null check (offset_ms >= 0)
    );
  `.execute(db);
}
