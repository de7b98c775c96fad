import { sql } from 'kysely';
import type { Db } from '../src/server/platform/db/database.ts';

/**
 * Grows wishlist_entries to `target` rows with generate_series in one statement per chunk:
 * entries spread evenly over every variant and grade and over `refurbishers` bidders,
 * prices pseudo-random, 5% paused, 3% exhausted — the shape of a busy marketplace.
 */
export async function loadWishlists(db: Db, target: number, refurbishers = 400): Promise<number> {
  const have = Number((await sql<{ n: number }>`select count(*)::int as n from wishlist_entries`.execute(db)).rows[0]!.n);
  if (have >= target) return have;
  const existing = Number((await sql<{ n: number }>`select count(*)::int as n from refurbishers`.execute(db)).rows[0]!.n);
  if (existing < refurbishers) {
    await sql`
      insert into refurbishers (id, name, score, receiving_address, created_at)
      select 'ref_bench' || lpad(g::text, 6, '0'), 'Bench Refurbisher ' || g, g % 100,
             '{"name":"Dock","line1":"1 Dock St","city":"Columbus","state":"OH","zip":"43207"}'::jsonb, now()
      from generate_series(${existing + 1}::int, ${refurbishers}::int) g
      on conflict do nothing`.execute(db);
  }
  const chunk = 100_000;
  for (let start = have; start < target; start += chunk) {
    const end = Math.min(target, start + chunk) - 1;
    await sql`
      with v as (select array_agg(id order by id) as ids from variants),
           r as (select array_agg(id order by id) as ids from refurbishers)
      insert into wishlist_entries (id, refurbisher_id, variant_id, grade, price_minor, currency,
                                    quantity_wanted, quantity_remaining, active, active_from, created_at)
      select 'wle_bench' || lpad(g::text, 8, '0'),
             r.ids[1 + (g / (4 * cardinality(v.ids))) % cardinality(r.ids)],
             v.ids[1 + (g / 4) % cardinality(v.ids)],
             (array['Flawless','Good','Fair','Broken'])[1 + g % 4],
             (10 + (hashint4(g) & 2147483647) % 900) * 100,
             'USD',
             50,
             case when g % 33 = 0 then 0 else 1 + (hashint4(g + 7) & 2147483647) % 50 end,
             g % 20 <> 0,
             now() - interval '30 days',
             now() - make_interval(secs => g % 100000)
      from generate_series(${start}::int, ${end}::int) g, v, r`.execute(db);
  }
  await sql`analyze wishlist_entries`.execute(db);
  return target;
}
