import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table shipping_labels (
      id text primary key,
      trade_in_id text not null references trade_ins(id),
      direction text not null check (direction in ('inbound', 'return')),
      carrier text not null,
      service text not null,
      weight_class text not null,
      tracking_number text not null unique,
      -- the addresses as printed, so a reprint never changes after an address edit
      from_address jsonb not null,
      to_address jsonb not null,
      status text not null check (status in ('issued', 'voided')),
      created_at timestamptz not null,
      voided_at timestamptz
    );
    create unique index shipping_labels_live_idx on shipping_labels (trade_in_id, direction) where status = 'issued';

    -- Every carrier event ever received, keyed by the carrier's id: a replay is a no-op.
    create table carrier_events (
      event_id text primary key,
      tracking_number text not null,
      type text not null,
      occurred_at timestamptz not null,
      received_at timestamptz not null,
      trade_in_id text references trade_ins(id),
      outcome text not null
    );
    create index carrier_events_tracking_idx on carrier_events (tracking_number, occurred_at);
  `.execute(db);
}
