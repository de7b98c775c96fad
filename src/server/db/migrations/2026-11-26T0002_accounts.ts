import { sql, type Kysely } from 'kysely';

/**
 * Accounts: roles, refurbisher organisations, the seller's protected details, the audit log,
 * review flags and the sign-in limiter. Runs after better-auth's own tables exist
 * (migrateAll creates them first), since it refers to "user" and "organization".
 *
 * Protected values live only in `*_sealed` columns (crypto.ts envelope, `v1.<key id>.…`), bound
 * to (table, user_id, column); the CHECKs refuse anything that is not a sealed value, so a code
 * path that forgets to encrypt fails loudly instead of storing plaintext.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    update "user" set role = 'seller' where role is null;
    alter table "user" alter column role set default 'seller';
    alter table "user" alter column role set not null;
    alter table "user" add constraint user_role_check check (role in ('seller', 'refurbisher', 'operator'));

    -- A refurbisher acts through the members of one better-auth organisation.
    alter table refurbishers add column organization_id text unique references "organization"(id) on delete set null;

    create table seller_profiles (
      user_id text primary key references "user"(id) on delete cascade,
      first_name text not null,
      last_name text not null,
      date_of_birth_sealed text not null check (date_of_birth_sealed like 'v1.%'),
      -- When the date of birth was checked to be 18 or more; age only grows, so it stays true.
      adult_verified_at timestamptz not null,
      address_line1 text not null,
      address_line2 text,
      city text not null,
      state text not null,
      zip text not null,
      phone text not null,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );

    create table seller_identities (
      user_id text primary key references "user"(id) on delete cascade,
      kind text not null check (kind in ('drivers_license', 'ssn_last4')),
      licence_number_sealed text check (licence_number_sealed like 'v1.%'),
      licence_state text,
      licence_number_hash text,
      ssn_last4_sealed text check (ssn_last4_sealed like 'v1.%'),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check (
        case kind
          when 'drivers_license' then licence_number_sealed is not null and licence_state is not null
            and licence_number_hash is not null and ssn_last4_sealed is null
          else ssn_last4_sealed is not null and licence_number_sealed is null and licence_state is null
            and licence_number_hash is null
        end
      )
    );
    create index seller_identities_licence_idx on seller_identities (licence_number_hash) where licence_number_hash is not null;

    create table payout_methods (
      user_id text primary key references "user"(id) on delete cascade,
      routing_number_sealed text not null check (routing_number_sealed like 'v1.%'),
      account_number_sealed text not null check (account_number_sealed like 'v1.%'),
      -- Keyed hash of routing + account: finds the same bank account across sellers.
      bank_account_hash text not null,
      account_type text not null check (account_type in ('checking', 'savings')),
      holder_names jsonb not null,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index payout_methods_bank_account_idx on payout_methods (bank_account_hash);

    create table review_flags (
      id bigint generated always as identity primary key,
      kind text not null check (kind in ('shared_bank_account')),
      subject text not null,
      user_ids jsonb not null,
      status text not null default 'open' check (status in ('open', 'cleared')),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (kind, subject)
    );

    create table audit_log (
      id bigint generated always as identity primary key,
      actor_id text not null,
      action text not null,
      subject text not null,
      field text,
      reason text,
      ip text,
      created_at timestamptz not null
    );
    create index audit_log_created_idx on audit_log (created_at desc, id desc);
    create index audit_log_subject_idx on audit_log (subject, created_at desc);

    -- The audit log is append-only: no code path may rewrite what an operator did.
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only';
    end
    $$;
    create trigger audit_log_no_change before update or delete on audit_log
      for each row execute function audit_log_append_only();

    -- Failed sign-ins per account and per client address, in fixed windows (shared by every process).
    create table sign_in_attempts (
      key text primary key,
      window_started_at timestamptz not null,
      attempts integer not null check (attempts >= 0)
    );
  `.execute(db);
}
