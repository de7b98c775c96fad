import { sql, type Kysely } from 'kysely';

/**
 * Getting paid (docs/payouts.md): the double-entry ledger, one payout per approval, ACH batches
 * in NACHA files, the bank's returns and notifications of change, and each refurbisher's
 * commission rate. The ledger's rules live in the database, not only in the code: an entry
 * whose lines do not sum to zero per currency is refused, and nothing in it is ever updated
 * or deleted (corrections are new entries).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- refurbishers: the platform's commission on each approval, in basis points, set by operators.
    alter table refurbishers
      add column commission_bps integer not null default 1000 check (commission_bps between 0 and 5000);

    -- ledger: one account per (kind, owner); codes are readable: 'refurbisher:ref_…:receivable'.
    create table ledger_accounts (
      code text primary key,
      kind text not null check (kind in ('refurbisher_receivable', 'seller_payable', 'platform_commission', 'ach_clearing')),
      owner_id text,
      currency char(3) not null,
      created_at timestamptz not null,
      check ((kind in ('platform_commission', 'ach_clearing')) = (owner_id is null))
    );

    -- ledger: a journal entry and its lines; a debit is positive, a credit negative.
    create table journal_entries (
      id text primary key,
      seq bigint generated always as identity unique,
      kind text not null check (kind in ('approval', 'payout_sent', 'payout_returned', 'correction')),
      trade_in_id text,
      payout_id text,
      -- a correction or reversal names the entry it undoes
      reverses_entry_id text references journal_entries(id),
      memo text not null,
      -- product time: the day the money moved, as the statement shows it
      posted_at timestamptz not null,
      created_at timestamptz not null default now()
    );
    create index journal_entries_trade_in_idx on journal_entries (trade_in_id);
    create index journal_entries_posted_idx on journal_entries (posted_at);
    -- one approval entry per trade-in, one sent and one return entry per payout: a replay posts nothing twice
    create unique index journal_entries_one_approval on journal_entries (trade_in_id) where kind = 'approval';
    create unique index journal_entries_one_per_payout on journal_entries (payout_id, kind) where kind in ('payout_sent', 'payout_returned');

    create table journal_lines (
      entry_id text not null references journal_entries(id),
      line_no integer not null check (line_no >= 1),
      account_code text not null references ledger_accounts(code),
      amount_minor bigint not null check (amount_minor <> 0),
      currency char(3) not null,
      primary key (entry_id, line_no)
    );
    create index journal_lines_account_idx on journal_lines (account_code, entry_id);

    -- Every entry a statement touched must balance per currency when the statement ends, and have
    -- at least two lines: so an entry's lines are written in one statement.
    create function journal_lines_balanced() returns trigger language plpgsql as $$
    declare bad text;
    begin
      select e.entry_id into bad
        from (select distinct n.entry_id from new_lines n) e
        where (select count(*) from journal_lines l where l.entry_id = e.entry_id) < 2
           or exists (
             select 1 from journal_lines c where c.entry_id = e.entry_id group by c.currency having sum(c.amount_minor) <> 0
           )
        limit 1;
      if bad is not null then
        raise exception 'journal entry % does not balance', bad using errcode = '23514';
      end if;
      return null;
    end $$;
    create trigger journal_lines_balanced after insert on journal_lines
      referencing new table as new_lines for each statement execute function journal_lines_balanced();

    create function ledger_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'the ledger is append-only: % on % refused (post a correcting entry instead)', tg_op, tg_table_name
        using errcode = '42501';
    end $$;
    create trigger journal_entries_append_only before update or delete on journal_entries
      for each row execute function ledger_append_only();
    create trigger journal_lines_append_only before update or delete on journal_lines
      for each row execute function ledger_append_only();
    create trigger journal_entries_no_truncate before truncate on journal_entries
      for each statement execute function ledger_append_only();
    create trigger journal_lines_no_truncate before truncate on journal_lines
      for each statement execute function ledger_append_only();

    -- payouts: one ACH batch per (business day, window); the file is rebuilt from these rows, byte for byte.
    create table payout_batches (
      id text primary key,
      business_date date not null,
      -- 'standard' (next-day) or 'same_day_1', 'same_day_2', … in cutoff order
      window_name text not null,
      same_day boolean not null,
      cutoff_at timestamptz not null,
      effective_date date not null,
      file_id_modifier char(1) not null,
      file_name text not null,
      -- the file header's creation date and time (product time), fixed so a rebuild is identical
      file_created_at timestamptz not null,
      created_by text not null,
      entry_count integer not null,
      total_minor bigint not null,
      entry_hash bigint not null,
      file_sha256 text,
      file_written_at timestamptz,
      created_at timestamptz not null,
      unique (business_date, window_name)
    );

    -- payouts: one live payout per approved trade-in; a returned one is followed by a new attempt.
    create table payouts (
      id text primary key,
      trade_in_id text not null references trade_ins(id),
      seller_id text not null,
      refurbisher_id text not null,
      attempt integer not null check (attempt >= 1),
      amount_minor bigint not null check (amount_minor > 0),
      currency char(3) not null,
      status text not null check (status in ('waiting_for_details', 'ready', 'sent', 'returned')),
      -- the bank details in force when the payout became ready, copied and sealed (AAD: payouts, id, column)
      routing_number_sealed text,
      account_number_sealed text,
      account_type text check (account_type in ('checking', 'savings')),
      holder_name text,
      bank_account_hash text,
      batch_id text references payout_batches(id),
      -- 15 digits: the ODFI's 8-digit routing prefix and a sequence unique in its file
      trace_number text,
      created_at timestamptz not null,
      ready_at timestamptz,
      sent_at timestamptz,
      returned_at timestamptz,
      check ((status = 'waiting_for_details') = (routing_number_sealed is null)),
      check ((routing_number_sealed is null) = (account_number_sealed is null)),
      check ((status in ('sent', 'returned')) = (batch_id is not null)),
      check ((batch_id is null) = (trace_number is null))
    );
    create unique index payouts_one_live_per_trade_in on payouts (trade_in_id) where status <> 'returned';
    create unique index payouts_attempt_idx on payouts (trade_in_id, attempt);
    create unique index payouts_trace_idx on payouts (batch_id, trace_number);
    create index payouts_ready_idx on payouts (ready_at, id) where status = 'ready';
    create index payouts_seller_idx on payouts (seller_id, status);

    -- payouts: what the bank sent back: a return (addenda 99) or a notification of change (addenda 98).
    create table ach_returns (
      id text primary key,
      payout_id text not null references payouts(id),
      kind text not null check (kind in ('return', 'notification_of_change')),
      -- R01…R85 or C01…C14
      code text not null check (code ~ '^[RC][0-9]{2}$'),
      trace_number text not null,
      source text not null check (source in ('file', 'manual')),
      file_name text,
      -- a notification of change: which field the bank corrects and the corrected value, sealed (AAD: ach_returns, id, corrected_data_sealed)
      corrected_field text check (corrected_field in ('routing_number', 'account_number', 'account_type', 'routing_and_account', 'account_and_type', 'holder_name')),
      corrected_data_sealed text,
      recorded_by text not null,
      received_at timestamptz not null,
      -- a notification of change the seller confirmed or dismissed
      resolved_at timestamptz,
      resolution text check (resolution in ('confirmed', 'dismissed')),
      check ((kind = 'notification_of_change') = (corrected_field is not null)),
      check ((kind = 'return') = (code like 'R%'))
    );
    create unique index ach_returns_one_return_per_payout on ach_returns (payout_id) where kind = 'return';
    create unique index ach_returns_one_change_per_code on ach_returns (payout_id, code) where kind = 'notification_of_change';
  `.execute(db);
}
