import { sql, type Kysely } from 'kysely';

// Grade and money live as plain columns with CHECKs: the database refuses what the domain
// would refuse, even if a future code path forgets to validate.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table categories (
      id text primary key,
      name text not null,
      icon text not null,
      sort integer not null
    );

    create table models (
      id text primary key,
      category_id text not null references categories(id),
      brand text not null,
      name text not null,
      release_year integer not null check (release_year between 1990 and 2100),
      mandatory_accessories jsonb not null default '[]',
      search_text text not null
    );
    create index models_category_idx on models (category_id, release_year desc, name);

    create table variants (
      id text primary key,
      model_id text not null references models(id),
      label text not null,
      attributes jsonb not null,
      sort integer not null
    );
    create index variants_model_idx on variants (model_id, sort);

    create table refurbishers (
      id text primary key,
      name text not null unique,
      -- stands in for the public scorecard until scorecards exist; higher is better
      score integer not null default 0,
      receiving_address jsonb not null,
      created_at timestamptz not null
    );

    create table wishlist_entries (
      id text primary key,
      refurbisher_id text not null references refurbishers(id),
      variant_id text not null references variants(id),
      grade text not null check (grade in ('Flawless', 'Good', 'Fair', 'Broken')),
      price_minor bigint not null check (price_minor > 0),
      currency char(3) not null default 'USD',
      quantity_wanted integer not null check (quantity_wanted >= 0),
      quantity_remaining integer not null check (quantity_remaining >= 0 and quantity_remaining <= quantity_wanted),
      active boolean not null default true,
      active_from timestamptz not null,
      active_until timestamptz,
      created_at timestamptz not null,
      check (active_until is null or active_until > active_from)
    );
    -- The quote reads the best entries of one variant at every grade; only live rows matter.
    create index wishlist_match_idx on wishlist_entries (variant_id, grade, price_minor desc, created_at)
      where active and quantity_remaining > 0;
    create index wishlist_refurbisher_idx on wishlist_entries (refurbisher_id, variant_id, grade);

    -- assessments and offers are the write path of every quote. They carry no foreign keys to
    -- the shared rows (variants, refurbishers, wishlist entries): each such check takes a
    -- KEY SHARE lock on a row every concurrent quote also locks, and that multixact contention
    -- cut quote throughput five-fold (bench/README.md). Those rows are instead never deleted:
    -- the guard trigger below refuses it, so every reference stays valid.
    create table assessments (
      id text primary key,
      variant_id text not null,
      answers jsonb not null,
      grade text not null check (grade in ('Flawless', 'Good', 'Fair', 'Broken')),
      grade_reasons jsonb not null,
      ladder jsonb not null,
      created_at timestamptz not null
    );

    create table offers (
      id text primary key,
      assessment_id text not null unique references assessments(id),
      wishlist_entry_id text not null,
      refurbisher_id text not null,
      variant_id text not null,
      grade text not null check (grade in ('Flawless', 'Good', 'Fair', 'Broken')),
      price_minor bigint not null check (price_minor > 0),
      currency char(3) not null,
      created_at timestamptz not null,
      ship_by timestamptz not null
    );

    -- Catalogue rows, refurbishers and wishlist entries are retired (deactivated), never deleted.
    create function refuse_delete() returns trigger language plpgsql as $$
    begin
      raise exception '% rows are never deleted (deactivate them instead)', tg_table_name using errcode = 'restrict_violation';
    end $$;
    create trigger variants_no_delete before delete on variants for each row execute function refuse_delete();
    create trigger models_no_delete before delete on models for each row execute function refuse_delete();
    create trigger refurbishers_no_delete before delete on refurbishers for each row execute function refuse_delete();
    create trigger wishlist_entries_no_delete before delete on wishlist_entries for each row execute function refuse_delete();
  `.execute(db);
}
