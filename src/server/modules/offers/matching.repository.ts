import type { Grade } from '../../../shared/grade.ts';
import type { LadderRung } from './offers.tables.ts';
import type { Database } from '../../platform/db/database.ts';

export interface BestEntry {
  entryId: string;
  grade: Grade;
  priceMinor: number;
  currency: string;
  refurbisherId: string;
  refurbisherName: string;
}

export interface QuoteInsert {
  assessmentId: string;
  offerId: string;
  variantId: string;
  grade: Grade;
  answersJson: string;
  reasonsJson: string;
  now: Date;
  shipBy: Date;
  currency: string;
}

/**
 * THE matching rule of docs/product.md §2 and the quote's hot path, written once, in one prepared
 * statement (one round trip, atomic without an explicit transaction).
 *
 * `best`: for each grade of the variant ($3), the live entry (active, inside its window at $7,
 * a unit left, in currency $9) with the highest price; ties go to the refurbisher with the
 * better score, then to the older entry (the id breaks a tie of timestamps). One LIMIT 1 per
 * grade walks wishlist_match_idx in price order, so the cost does not grow with the number of
 * entries on the variant (measured on 1M entries: 0.8 ms, against 5.9 ms for a DISTINCT ON over
 * the ~1,000 entries of one variant; bench/README.md). The currency is compared as char(3), the
 * column's type, so the index is used.
 *
 * Then: store the assessment with the ladder of every grade, and the offer for the seller's
 * grade ($4) when there is one — price locked at the same snapshot as the ladder.
 */
const QUOTE_STATEMENT = `
  with best as (
    select b.*
      from unnest(array['Flawless', 'Good', 'Fair', 'Broken']) with ordinality as g(grade, ord)
      cross join lateral (
        select w.id as "entryId", w.grade, w.price_minor as "priceMinor", trim(w.currency) as currency,
               w.refurbisher_id as "refurbisherId", r.name as "refurbisherName", g.ord
          from wishlist_entries w
          join refurbishers r on r.id = w.refurbisher_id
         where w.variant_id = $3::text
           and w.grade = g.grade
           and w.currency = $9::char(3)
           and w.active
           and w.quantity_remaining > 0
           and w.active_from <= $7::timestamptz
           and (w.active_until is null or w.active_until > $7::timestamptz)
         order by w.price_minor desc, r.score desc, w.created_at asc, w.id asc
         limit 1
      ) b
  ),
  ladder as (
    select jsonb_agg(jsonb_build_object('grade', g.grade, 'priceMinor', b."priceMinor", 'currency', coalesce(b.currency, $9::text)) order by g.ord) as rungs
      from unnest(array['Flawless', 'Good', 'Fair', 'Broken']) with ordinality as g(grade, ord)
      left join best b on b.grade = g.grade
  ),
  a as (
    insert into assessments (id, variant_id, answers, grade, grade_reasons, ladder, created_at)
    select $1::text, $3::text, $5::jsonb, $4::text, $6::jsonb, ladder.rungs, $7::timestamptz from ladder
    returning id, ladder
  ),
  o as (
    insert into offers (id, assessment_id, wishlist_entry_id, refurbisher_id, variant_id, grade, price_minor, currency, created_at, ship_by)
    select $2::text, a.id, b."entryId", b."refurbisherId", $3::text, $4::text, b."priceMinor", b.currency, $7::timestamptz, $8::timestamptz
      from best b, a
     where b.grade = $4::text
    returning id
  )
  select (select ladder from a) as ladder,
         (select row_to_json(b) from best b where b.grade = $4::text) as offer,
         (select count(*) from o)::int as offered`;

export async function insertQuote(
  database: Database,
  q: QuoteInsert,
): Promise<{ ladder: LadderRung[]; offer: BestEntry | null }> {
  const values = [q.assessmentId, q.offerId, q.variantId, q.grade, q.answersJson, q.reasonsJson, q.now, q.shipBy, q.currency];
  // A named statement is parsed and planned once per connection, not per quote.
  const { rows } = await database.pool.query<{ ladder: LadderRung[]; offer: (BestEntry & { ord: number }) | null; offered: number }>({
    name: 'tradeloop.quote.v1',
    text: QUOTE_STATEMENT,
    values,
  });
  const row = rows[0]!;
  if (row.offered !== 1 || !row.offer) return { ladder: row.ladder, offer: null };
  const { ord: _ord, ...offer } = row.offer;
  return { ladder: row.ladder, offer };
}
