import { sql, type Kysely } from 'kysely';

/**
 * Two fixes found by bench/wishlist.ts (numbers in bench/README.md):
 *
 * - The change-log trigger joins the statement's old and new rows by id. Transition tables carry
 *   no statistics, so the planner guessed a nested loop: 10,000 changed prices took 47 s on
 *   PGlite. With a hash join it is under two seconds; the trigger asks for one around those two
 *   statements only (a function-wide setting also slowed the per-key lookups after them).
 * - The portal's sorts by price and quantity sorted every entry of the refurbisher per page.
 * - One advisory lock per (variant, grade) key ran out of lock slots ("out of shared memory")
 *   on a bulk change of 20,000 entries. Writers now take turns per bucket of keys (256 buckets,
 *   in a fixed order): at most 256 locks per transaction, and two writers of one key still
 *   serialise.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Hash joins for the two old/new joins only: the per-key lookups after them need their index walks.
    create or replace function wishlist_after_update() returns trigger language plpgsql as $$
    declare
      at timestamptz := coalesce(tradeloop_setting('tradeloop.now')::timestamptz, now());
      keys jsonb;
      nestloop text := current_setting('enable_nestloop');
    begin
      perform set_config('enable_nestloop', 'off', true);
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
      perform set_config('enable_nestloop', nestloop, true);
      if keys is not null then
        perform wishlist_record_prices(keys, at);
      end if;
      return null;
    end $$;

    -- The portal's price and quantity orders walk an index instead of sorting the whole wishlist.
    create index wishlist_refurbisher_price_idx on wishlist_entries (refurbisher_id, price_minor, id);
    create index wishlist_refurbisher_quantity_idx on wishlist_entries (refurbisher_id, quantity_wanted, id);

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
  `.execute(db);
}
