import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table trade_ins (
      id text primary key,
      -- one trade-in per offer: the unique index is what makes a second accept impossible
      offer_id text not null unique references offers(id),
      seller_id text not null,
      refurbisher_id text not null references refurbishers(id),
      -- the wishlist unit this trade-in holds; released exactly once (unit_released_at)
      wishlist_entry_id text not null references wishlist_entries(id),
      variant_id text not null references variants(id),
      grade text not null check (grade in ('Flawless', 'Good', 'Fair', 'Broken')),
      price_minor bigint not null check (price_minor > 0),
      currency char(3) not null,
      status text not null,
      ship_by timestamptz not null,
      accepted_at timestamptz not null,
      shipped_at timestamptz,
      delivered_at timestamptz,
      inspection_due_at timestamptz,
      approved_at timestamptz,
      paid_at timestamptz,
      expired_at timestamptz,
      cancelled_at timestamptz,
      returned_at timestamptz,
      unit_released_at timestamptz,
      updated_at timestamptz not null
    );
    create index trade_ins_seller_idx on trade_ins (seller_id, accepted_at desc);
    create index trade_ins_refurbisher_idx on trade_ins (refurbisher_id, status);

    -- The seller's timeline: one row per transition or notable fact, never updated.
    create table trade_in_events (
      id text primary key,
      -- insertion order breaks ties between events of the same instant
      seq bigint generated always as identity,
      trade_in_id text not null references trade_ins(id),
      type text not null,
      from_status text,
      to_status text,
      data jsonb not null default '{}',
      occurred_at timestamptz not null,
      recorded_at timestamptz not null
    );
    create index trade_in_events_timeline_idx on trade_in_events (trade_in_id, occurred_at, seq);

    -- Idempotency-Key records: the first response to (scope, key) is the response forever.
    create table idempotency_keys (
      scope text not null,
      key text not null,
      request_hash text not null,
      response_status integer not null,
      response_body jsonb not null,
      created_at timestamptz not null,
      primary key (scope, key)
    );
  `.execute(db);
}
