import type { Grade } from '../../../shared/grade.ts';
import type { Executor } from '../../platform/db/database.ts';

/**
 * A refurbisher's own live price per grade for a variant (active, inside its window): the floor of
 * its counteroffers (docs/product.md §5, no bait and switch). An entry with no unit left still
 * counts: a refurbisher cannot lower its floor by running its quantity down.
 */
export async function ownLivePricesByGrade(
  db: Executor,
  q: { refurbisherId: string; variantId: string; currency: string; now: Date },
): Promise<Map<Grade, number>> {
  const rows = await db
    .selectFrom('wishlist_entries')
    .select(['grade', (eb) => eb.fn.max('price_minor').as('price')])
    .where('refurbisher_id', '=', q.refurbisherId)
    .where('variant_id', '=', q.variantId)
    .where('currency', '=', q.currency)
    .where('active', '=', true)
    .where('active_from', '<=', q.now)
    .where((eb) => eb.or([eb('active_until', 'is', null), eb('active_until', '>', q.now)]))
    .groupBy('grade')
    .execute();
  return new Map(rows.map((r) => [r.grade, Number(r.price)]));
}

/** The best price the market pays today for this variant and grade (a live entry with a unit left), as a quote would find it. */
export async function marketBestPrice(db: Executor, q: { variantId: string; grade: Grade; currency: string; now: Date }): Promise<number | null> {
  const row = await db
    .selectFrom('wishlist_entries')
    .select((eb) => eb.fn.max('price_minor').as('price'))
    .where('variant_id', '=', q.variantId)
    .where('grade', '=', q.grade)
    .where('currency', '=', q.currency)
    .where('active', '=', true)
    .where('quantity_remaining', '>', 0)
    .where('active_from', '<=', q.now)
    .where((eb) => eb.or([eb('active_until', 'is', null), eb('active_until', '>', q.now)]))
    .executeTakeFirst();
  return row?.price == null ? null : Number(row.price);
}
