import { sql, type Kysely } from 'kysely';

/**
 * Things an operator has to look at because the system gave up on them (a carrier that kept
 * failing to issue or void a label). At most one open flag per kind and subject: raising it
 * again while it is open changes nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table operator_flags (
      id bigint generated always as identity primary key,
      kind text not null check (kind ~ '^[a-z_.]+$'),
      subject text not null,
      detail jsonb not null default '{}',
      status text not null default 'open' check (status in ('open', 'cleared')),
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create unique index operator_flags_open_idx on operator_flags (kind, subject) where status = 'open';
    create index operator_flags_created_idx on operator_flags (created_at desc, id desc);
  `.execute(db);
}
