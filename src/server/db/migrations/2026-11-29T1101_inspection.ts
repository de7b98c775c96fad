import { sql, type Kysely } from 'kysely';

/**
 * The second half of a trade-in (docs/product.md §5, §9): what the seller declared about the
 * device's identity at accept, the operator-managed blocklist, the inspections and their
 * evidence, counteroffers, lock holds, returns, erasure certificates and messages.
 * Each table belongs to one module (named beside it); others reach it through that module's door.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- trade-ins: the IMEI or serial number the seller gave when accepting (optional).
    alter table trade_ins
      add column device_id_kind text check (device_id_kind in ('imei', 'serial')),
      add column device_id_value text,
      add constraint trade_ins_device_id_check check ((device_id_kind is null) = (device_id_value is null));

    -- blocklist: IMEIs reported lost or stolen, managed by operators.
    create table device_blocklist (
      imei text primary key check (imei ~ '^[0-9]{15}$'),
      reason text not null,
      added_by text not null,
      created_at timestamptz not null
    );

    -- inspection: every inspection filed (a lock hold is followed by a second one).
    create table inspections (
      id text primary key,
      trade_in_id text not null references trade_ins(id),
      refurbisher_id text not null,
      inspector_user_id text not null,
      inspector_name text not null,
      outcome text not null check (outcome in ('match', 'counteroffer', 'lock_hold', 'refused')),
      declared_grade text not null,
      verified_grade text not null,
      answers jsonb not null,
      identity_kind text check (identity_kind in ('imei', 'serial')),
      identity_value text,
      accessories jsonb not null,
      still_linked boolean not null,
      refusal_reason text check (refusal_reason in ('not_declared_device', 'counterfeit', 'blocklisted')),
      notes text not null default '',
      -- copied from the trade-in when filed, so the scorecard reads one table
      delivered_at timestamptz not null,
      due_at timestamptz not null,
      created_at timestamptz not null,
      check ((outcome = 'refused') = (refusal_reason is not null))
    );
    create index inspections_trade_in_idx on inspections (trade_in_id, created_at);
    create index inspections_refurbisher_idx on inspections (refurbisher_id, created_at);

    -- inspection: photo evidence, re-encoded without metadata, stored here so every process serves it and a backup holds it.
    create table inspection_photos (
      id text primary key,
      trade_in_id text not null references trade_ins(id),
      refurbisher_id text not null,
      inspection_id text references inspections(id),
      content_type text not null check (content_type in ('image/jpeg', 'image/png', 'image/webp')),
      width integer not null,
      height integer not null,
      byte_size integer not null check (byte_size > 0),
      data bytea not null,
      uploaded_by text not null,
      created_at timestamptz not null
    );
    create index inspection_photos_trade_in_idx on inspection_photos (trade_in_id, created_at);

    -- inspection: a counteroffer and the seller's answer.
    create table counteroffers (
      id text primary key,
      trade_in_id text not null references trade_ins(id),
      inspection_id text not null references inspections(id),
      refurbisher_id text not null,
      declared_grade text not null,
      verified_grade text not null,
      defects jsonb not null,
      original_price_minor integer not null check (original_price_minor > 0),
      price_minor integer not null check (price_minor > 0),
      currency char(3) not null,
      market_best_minor integer,
      state text not null default 'open' check (state in ('open', 'accepted', 'rejected', 'expired')),
      due_at timestamptz not null,
      answered_at timestamptz,
      created_at timestamptz not null,
      check ((state = 'open') = (answered_at is null))
    );
    create unique index counteroffers_one_open_idx on counteroffers (trade_in_id) where state = 'open';

    -- inspection: a device still linked to the seller's account, and the seller's 7 days to unlink it.
    create table lock_holds (
      id text primary key,
      trade_in_id text not null references trade_ins(id),
      inspection_id text not null references inspections(id),
      due_at timestamptz not null,
      seller_cleared_at timestamptz,
      resolved_at timestamptz,
      resolution text check (resolution in ('rechecked', 'lapsed')),
      created_at timestamptz not null,
      check ((resolved_at is null) = (resolution is null))
    );
    create unique index lock_holds_one_open_idx on lock_holds (trade_in_id) where resolved_at is null;

    -- inspection: the data-erasure certificate of a device that was bought, verifiable by code.
    create table erasure_certificates (
      id text primary key,
      trade_in_id text not null unique references trade_ins(id),
      refurbisher_id text not null,
      refurbisher_name text not null,
      code text not null unique,
      method text not null check (method in ('nist_800_88_clear', 'nist_800_88_purge')),
      tool text not null,
      erased_on date not null,
      erased_by_user_id text not null,
      erased_by_name text not null,
      model_name text not null,
      variant_label text not null,
      identity_kind text check (identity_kind in ('imei', 'serial')),
      identity_value text,
      created_at timestamptz not null
    );

    -- shipping: a free return owed to the seller (its label is a shipping_labels row with direction 'return').
    create table return_shipments (
      trade_in_id text primary key references trade_ins(id),
      reason text not null,
      ship_by timestamptz not null,
      requested_at timestamptz not null,
      flagged_at timestamptz
    );

    -- messages: the seller and the refurbisher writing to each other on a trade-in.
    create table trade_in_messages (
      id text primary key,
      trade_in_id text not null references trade_ins(id),
      author_kind text not null check (author_kind in ('seller', 'refurbisher')),
      author_user_id text not null,
      author_name text not null,
      body text not null check (length(body) between 1 and 2000),
      created_at timestamptz not null
    );
    create index trade_in_messages_idx on trade_in_messages (trade_in_id, created_at);

    -- the operator flags the second half raises (the kind check's name depends on the table's history: look it up)
    do $$
    declare c text;
    begin
      for c in select conname from pg_constraint
               where conrelid = 'operator_flags'::regclass and contype = 'c' and pg_get_constraintdef(oid) like '%kind%'
      loop
        execute format('alter table operator_flags drop constraint %I', c);
      end loop;
    end $$;
    alter table operator_flags add constraint operator_flags_kind_check check (kind in (
      'shared_bank_account', 'blocked_mail', 'scan_after_cancel', 'scan_after_expiry', 'label_issue_failed', 'label_void_failed',
      'blocklisted_device', 'inspection_overdue', 'return_not_shipped'
    ));
  `.execute(db);
}
