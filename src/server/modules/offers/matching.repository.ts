import { sql } from 'kysely';
import type { Grade } from '../../../shared/grade.ts';
import type { Executor } from '../../platform/db/database.ts';

export interface BestEntry {
  entryId: string;
  grade: Grade;
  priceMinor: number;
  currency: string;
  refurbisherId: string;
  refurbisherName: string;
}

/**
 * The matching rule of PRODUCT.md §2, in one query: for each grade of a variant, the live entry
 * (active, inside its window, a unit left) with the highest price; ties go to the refurbisher
 * with the better score, then to the older entry (the id breaks a tie of timestamps).
 */
export async function bestEntriesByGrade(db: Executor, variantId: string, now: Date, currency = 'USD'): Promise<BestEntry[]> {
  const rows = await sql<BestEntry>`
    select distinct on (w.grade)
      w.id as "entryId", w.grade, w.price_minor as "priceMinor", w.currency,
      w.refurbisher_id as "refurbisherId", r.name as "refurbisherName"
    from wishlist_entries w
    join refurbishers r on r.id = w.refurbisher_id
    where w.variant_id = ${variantId}
      and w.currency = ${currency}
      and w.active
      and w.quantity_remaining > 0
      and w.active_from <= ${now}
      and (w.active_until is null or w.active_until > ${now})
    order by w.grade, w.price_minor desc, r.score desc, w.created_at asc, w.id asc
  `.execute(db);
  return rows.rows;
}
