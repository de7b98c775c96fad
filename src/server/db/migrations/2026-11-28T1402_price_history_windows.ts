import { sql, type Kysely } from 'kysely';

/**
 * The price history follows an entry's window (active_from, active_until), as the quote does.
 *
 * An entry whose active_until passes stops being live for quotes, but nothing writes then, so a
 * history kept only on writes went on showing its price. Now:
 *
 * - "live" in wishlist_record_prices is the quote's: active, a unit left, active_from <= at and
 *   active_until unset or later than at;
 * - wishlist_record_lapses(upto) records, at each window boundary between the last sweep
 *   (price_history_sweep.swept_until) and `upto`, the best price of the keys whose entries cross
 *   it, in time order, dated at the boundary itself. It runs before every statement that writes
 *   wishlist_entries (so the boundary rows are computed from the rows as they were before the
 *   write) and from a periodic job on product time (a demo clock that jumps a month records the
 *   month's boundaries at their own instants). It is idempotent: a boundary is swept once.
 * - the change log records active_from and active_until, so the history can be replayed from it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table wishlist_entry_changes
      add column old_active_from timestamptz,
      add column new_active_from timestamptz,
      add column old_active_until timestamptz,
      add column new_active_until timestamptz;

    -- Window boundaries still to come are found along these (an entry created live has no start boundary).
    create index wishlist_active_until_idx on wishlist_entries (active_until) where active_until is not null;
    create index wishlist_late_start_idx on wishlist_entries (active_from) where active_from > created_at;

    create table price_history_sweep (
      one boolean primary key default true check (one),
      swept_until timestamptz not null
    );
    -- From the beginning: windows that ended before this migration are recorded at the first sweep.
    insert into price_history_sweep (one, swept_until) values (true, '-infinity');

    create or replace function wishlist_record_prices(keys jsonb, at timestamptz) returns void language plpgsql as $$
    declare
      b record;
      k record;
    begin
      for b in
        select distinct abs(hashtext(x.variant_id || ':' || x.grade || ':' || x.currency)) % 256 as bucket
          from jsonb_to_recordset(keys) as x(variant_id text, grade text, currency text)
         order by 1
      loop
        perform pg_advisory_xact_lock(7410017, b.bucket);
      end loop;
      for k in
        select distinct x.variant_id, x.grade, x.currency
          from jsonb_to_recordset(keys) as x(variant_id text, grade text, currency text)
         order by 1, 2, 3
      loop
        insert into price_history (variant_id, grade, currency, best_price_minor, live_entries, recorded_at)
        select k.variant_id, k.grade, k.currency, now_best.best, now_best.n, at
          from (select max(w.price_minor) as best, count(*)::int as n
                  from wishlist_entries w
                 where w.variant_id = k.variant_id and w.grade = k.grade and w.currency = k.currency
                   and w.active and w.quantity_remaining > 0
                   and w.active_from <= at and (w.active_until is null or w.active_until > at)) now_best
          left join lateral (
            -- The value in force at "at" (a boundary is recorded at its own instant, which a later write may follow).
            select p.best_price_minor, p.live_entries
              from price_history p
             where p.variant_id = k.variant_id and p.grade = k.grade and p.currency = k.currency and p.recorded_at <= at
             order by p.recorded_at desc, p.id desc
             limit 1) last on true
         where (last.best_price_minor, last.live_entries) is distinct from (now_best.best, now_best.n)
           and not (last.live_entries is null and now_best.n = 0);
      end loop;
    end $$;

    create function wishlist_record_lapses(upto timestamptz) returns void language plpgsql as $$
    declare
      since timestamptz;
      t record;
    begin
      select s.swept_until into since from price_history_sweep s;
      if since >= upto then return; end if;
      -- The common case: no boundary to record, no lock taken (every wishlist write passes here).
      if not exists (select 1 from wishlist_entries w where w.active_until > since and w.active_until <= upto)
         and not exists (select 1 from wishlist_entries w where w.active_from > w.created_at and w.active_from > since and w.active_from <= upto) then
        return;
      end if;
      -- One sweeper at a time; a writer that finds another sweeping goes on (it never waits on it,
      -- so the two cannot deadlock on the price buckets), and the sweeper records the boundaries.
      select s.swept_until into since from price_history_sweep s for update skip locked;
      if not found or since >= upto then return; end if;
      for t in
        select b.at, jsonb_agg(distinct jsonb_build_object('variant_id', b.variant_id, 'grade', b.grade, 'currency', b.currency)) as keys
          from (select w.active_until as at, w.variant_id, w.grade, w.currency
                  from wishlist_entries w where w.active_until > since and w.active_until <= upto
                union all
                select w.active_from, w.variant_id, w.grade, w.currency
                  from wishlist_entries w where w.active_from > w.created_at and w.active_from > since and w.active_from <= upto) b
         group by b.at
         order by b.at
      loop
        perform wishlist_record_prices(t.keys, t.at);
      end loop;
      update price_history_sweep set swept_until = upto;
    end $$;

    create function wishlist_before_write() returns trigger language plpgsql as $$
    begin
      perform wishlist_record_lapses(coalesce(tradeloop_setting('tradeloop.now')::timestamptz, now()));
      return null;
    end $$;
    create trigger wishlist_entries_lapses_first before insert or update on wishlist_entries
      for each statement execute function wishlist_before_write();

    create or replace function wishlist_after_insert() returns trigger language plpgsql as $$
    declare
      at timestamptz := coalesce(tradeloop_setting('tradeloop.now')::timestamptz, now());
      keys jsonb;
    begin
      insert into wishlist_entry_changes (entry_id, refurbisher_id, variant_id, grade, currency, kind, source, actor_id, actor,
                                          changed_at, new_price_minor, new_quantity_wanted, new_quantity_remaining, new_active,
                                          new_active_from, new_active_until)
      select n.id, n.refurbisher_id, n.variant_id, n.grade, n.currency, 'created',
             coalesce(tradeloop_setting('tradeloop.source'), 'system'), tradeloop_setting('tradeloop.actor_id'),
             tradeloop_setting('tradeloop.actor'), at, n.price_minor, n.quantity_wanted, n.quantity_remaining, n.active,
             n.active_from, n.active_until
        from new_rows n;
      select jsonb_agg(distinct jsonb_build_object('variant_id', n.variant_id, 'grade', n.grade, 'currency', n.currency))
        into keys from new_rows n where n.active and n.quantity_remaining > 0;
      if keys is not null then
        perform wishlist_record_prices(keys, at);
      end if;
      return null;
    end $$;

    create or replace function wishlist_after_update() returns trigger language plpgsql as $$
    declare
      at timestamptz := coalesce(tradeloop_setting('tradeloop.now')::timestamptz, now());
      keys jsonb;
      nestloop text := current_setting('enable_nestloop');
    begin
      perform set_config('enable_nestloop', 'off', true);
      insert into wishlist_entry_changes (entry_id, refurbisher_id, variant_id, grade, currency, kind, source, actor_id, actor,
                                          changed_at, old_price_minor, new_price_minor, old_quantity_wanted, new_quantity_wanted,
                                          old_quantity_remaining, new_quantity_remaining, old_active, new_active,
                                          old_active_from, new_active_from, old_active_until, new_active_until)
      select n.id, n.refurbisher_id, n.variant_id, n.grade, n.currency, 'updated',
             coalesce(tradeloop_setting('tradeloop.source'), 'system'), tradeloop_setting('tradeloop.actor_id'),
             tradeloop_setting('tradeloop.actor'), at, o.price_minor, n.price_minor, o.quantity_wanted, n.quantity_wanted,
             o.quantity_remaining, n.quantity_remaining, o.active, n.active,
             o.active_from, n.active_from, o.active_until, n.active_until
        from new_rows n join old_rows o on o.id = n.id
       where (o.price_minor, o.quantity_wanted, o.quantity_remaining, o.active, o.active_from, o.active_until)
             is distinct from (n.price_minor, n.quantity_wanted, n.quantity_remaining, n.active, n.active_from, n.active_until);
      select jsonb_agg(distinct jsonb_build_object('variant_id', n.variant_id, 'grade', n.grade, 'currency', n.currency))
        into keys
        from new_rows n join old_rows o on o.id = n.id
       where (o.price_minor, o.quantity_remaining > 0, o.active, o.active_from, o.active_until)
             is distinct from (n.price_minor, n.quantity_remaining > 0, n.active, n.active_from, n.active_until);
      perform set_config('enable_nestloop', nestloop, true);
      if keys is not null then
        perform wishlist_record_prices(keys, at);
      end if;
      return null;
    end $$;
  `.execute(db);
}
