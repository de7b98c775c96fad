import { sql, type Kysely } from 'kysely';

/**
 * The refurbisher's side: member roles, API keys, and the wishlist's change log and price history.
 *
 * The change log and the price history are kept by triggers on wishlist_entries, so that every
 * writer (portal, API, CSV import, and the reservations and releases of the trade-in flow) is
 * recorded without any code path being able to forget it. Both are statement-level triggers
 * with transition tables: a 10,000-row import costs two set-based statements, not 10,000 calls.
 * Who made a change comes from transaction-local settings (`tradeloop.actor_id`,
 * `tradeloop.actor`, `tradeloop.source`, `tradeloop.now`) that the wishlist service sets;
 * without them a change is recorded as the system's (a reservation, a release, the seed).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- better-auth's organisation plugin stores roles as free text; ours are three.
    update member set role = 'admin' where role in ('owner', 'member');
    alter table member add constraint member_role_check check (role in ('admin', 'buyer', 'inspector'));
    create unique index member_org_user_idx on member ("organizationId", "userId");
    update invitation set role = 'admin' where role is null or role not in ('admin', 'buyer', 'inspector');
    alter table invitation add constraint invitation_role_check check (role in ('admin', 'buyer', 'inspector'));

    create table refurbisher_api_keys (
      id text primary key,
      refurbisher_id text not null references refurbishers(id),
      name text not null,
      role text not null check (role in ('admin', 'buyer', 'inspector')),
      -- The first characters of the secret, shown in lists so a key can be recognised.
      display_prefix text not null,
      -- SHA-256 of the whole secret: the secret itself is shown once and never stored.
      secret_hash text not null unique,
      created_by text not null,
      created_at timestamptz not null,
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    create index refurbisher_api_keys_refurbisher_idx on refurbisher_api_keys (refurbisher_id, created_at desc);

    alter table wishlist_entries add column updated_at timestamptz;
    update wishlist_entries set updated_at = created_at;
    alter table wishlist_entries alter column updated_at set not null;
    -- Writers outside the wishlist service (the seed, tests' factories) need not name it.
    alter table wishlist_entries alter column updated_at set default now();
    -- The portal's default order (model, variant, grade) and its filters walk the refurbisher's rows.
    create index wishlist_refurbisher_updated_idx on wishlist_entries (refurbisher_id, updated_at desc, id);

    create table wishlist_entry_changes (
      id bigint generated always as identity primary key,
      entry_id text not null,
      refurbisher_id text not null,
      variant_id text not null,
      grade text not null,
      currency char(3) not null,
      kind text not null check (kind in ('created', 'updated')),
      source text not null,
      actor_id text,
      actor text,
      changed_at timestamptz not null,
      old_price_minor bigint,
      new_price_minor bigint not null,
      old_quantity_wanted integer,
      new_quantity_wanted integer not null,
      old_quantity_remaining integer,
      new_quantity_remaining integer not null,
      old_active boolean,
      new_active boolean not null
    );
    create index wishlist_entry_changes_entry_idx on wishlist_entry_changes (entry_id, id desc);
    create index wishlist_entry_changes_key_idx on wishlist_entry_changes (variant_id, grade, currency, id);

    create function wishlist_changes_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'wishlist_entry_changes is append-only';
    end $$;
    create trigger wishlist_entry_changes_no_change before update or delete on wishlist_entry_changes
      for each row execute function wishlist_changes_append_only();

    -- The best live price (active, a unit left) per variant, grade and currency, recorded each
    -- time it changes. best_price_minor is null while nobody bids.
    create table price_history (
      id bigint generated always as identity primary key,
      variant_id text not null,
      grade text not null,
      currency char(3) not null,
      best_price_minor bigint,
      live_entries integer not null,
      recorded_at timestamptz not null
    );
    create index price_history_key_idx on price_history (variant_id, grade, currency, recorded_at desc, id desc);

    create function tradeloop_setting(name text) returns text language sql stable as $$
      select nullif(current_setting(name, true), '')
    $$;

    -- Appends one price_history row for every touched (variant, grade, currency) whose best live
    -- price or number of live entries differs from the last row. A transaction-scoped advisory
    -- lock per key (taken in a fixed order) makes two writers of one key take turns, so the
    -- second one computes from what the first committed.
    create function wishlist_record_prices(keys jsonb, at timestamptz) returns void language plpgsql as $$
    declare
      k record;
    begin
      for k in
        select distinct x.variant_id, x.grade, x.currency
          from jsonb_to_recordset(keys) as x(variant_id text, grade text, currency text)
         order by 1, 2, 3
      loop
        perform pg_advisory_xact_lock(hashtext('price:' || k.variant_id || ':' || k.grade || ':' || k.currency));
        insert into price_history (variant_id, grade, currency, best_price_minor, live_entries, recorded_at)
        select k.variant_id, k.grade, k.currency, now_best.best, now_best.n, at
          from (select max(w.price_minor) as best, count(*)::int as n
                  from wishlist_entries w
                 where w.variant_id = k.variant_id and w.grade = k.grade and w.currency = k.currency
                   and w.active and w.quantity_remaining > 0) now_best
          left join lateral (
            select p.best_price_minor, p.live_entries
              from price_history p
             where p.variant_id = k.variant_id and p.grade = k.grade and p.currency = k.currency
             order by p.recorded_at desc, p.id desc
             limit 1) last on true
         where (last.best_price_minor, last.live_entries) is distinct from (now_best.best, now_best.n)
           and not (last.live_entries is null and now_best.n = 0);
      end loop;
    end $$;

    create function wishlist_after_insert() returns trigger language plpgsql as $$
    declare
      at timestamptz := coalesce(tradeloop_setting('tradeloop.now')::timestamptz, now());
      keys jsonb;
    begin
      insert into wishlist_entry_changes (entry_id, refurbisher_id, variant_id, grade, currency, kind, source, actor_id, actor,
                                          changed_at, new_price_minor, new_quantity_wanted, new_quantity_remaining, new_active)
      select n.id, n.refurbisher_id, n.variant_id, n.grade, n.currency, 'created',
             coalesce(tradeloop_setting('tradeloop.source'), 'system'), tradeloop_setting('tradeloop.actor_id'),
             tradeloop_setting('tradeloop.actor'), at, n.price_minor, n.quantity_wanted, n.quantity_remaining, n.active
        from new_rows n;
      select jsonb_agg(distinct jsonb_build_object('variant_id', n.variant_id, 'grade', n.grade, 'currency', n.currency))
        into keys from new_rows n where n.active and n.quantity_remaining > 0;
      if keys is not null then
        perform wishlist_record_prices(keys, at);
      end if;
      return null;
    end $$;

    create function wishlist_after_update() returns trigger language plpgsql as $$
    declare
      at timestamptz := coalesce(tradeloop_setting('tradeloop.now')::timestamptz, now());
      keys jsonb;
    begin
      insert into wishlist_entry_changes (entry_id, refurbisher_id, variant_id, grade, currency, kind, source, actor_id, actor,
                                          changed_at, old_price_minor, new_price_minor, old_quantity_wanted, new_quantity_wanted,
                                          old_quantity_remaining, new_quantity_remaining, old_active, new_active)
      select n.id, n.refurbisher_id, n.variant_id, n.grade, n.currency, 'updated',
             coalesce(tradeloop_setting('tradeloop.source'), 'system'), tradeloop_setting('tradeloop.actor_id'),
             tradeloop_setting('tradeloop.actor'), at, o.price_minor, n.price_minor, o.quantity_wanted, n.quantity_wanted,
             o.quantity_remaining, n.quantity_remaining, o.active, n.active
        from new_rows n join old_rows o on o.id = n.id
       where (o.price_minor, o.quantity_wanted, o.quantity_remaining, o.active)
             is distinct from (n.price_minor, n.quantity_wanted, n.quantity_remaining, n.active);
      select jsonb_agg(distinct jsonb_build_object('variant_id', n.variant_id, 'grade', n.grade, 'currency', n.currency))
        into keys
        from new_rows n join old_rows o on o.id = n.id
       where (o.price_minor, o.quantity_remaining > 0, o.active) is distinct from (n.price_minor, n.quantity_remaining > 0, n.active);
      if keys is not null then
        perform wishlist_record_prices(keys, at);
      end if;
      return null;
    end $$;

    create trigger wishlist_entries_logged_insert after insert on wishlist_entries
      referencing new table as new_rows for each statement execute function wishlist_after_insert();
    create trigger wishlist_entries_logged_update after update on wishlist_entries
      referencing old table as old_rows new table as new_rows for each statement execute function wishlist_after_update();

    -- Entries that exist already get their creation on the log and their prices on the history.
    insert into wishlist_entry_changes (entry_id, refurbisher_id, variant_id, grade, currency, kind, source, changed_at,
                                        new_price_minor, new_quantity_wanted, new_quantity_remaining, new_active)
    select id, refurbisher_id, variant_id, grade, currency, 'created', 'system', created_at,
           price_minor, quantity_wanted, quantity_remaining, active
      from wishlist_entries order by created_at, id;
    insert into price_history (variant_id, grade, currency, best_price_minor, live_entries, recorded_at)
    select variant_id, grade, currency, max(price_minor), count(*)::int, max(created_at)
      from wishlist_entries where active and quantity_remaining > 0
     group by variant_id, grade, currency;
  `.execute(db);
}
