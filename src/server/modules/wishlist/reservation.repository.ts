import { sql } from 'kysely';
import type { Grade } from '../../../shared/grade.ts';
import type { Executor } from '../../platform/db/database.ts';

export interface ReservedUnit {
  entryId: string;
  refurbisherId: string;
  priceMinor: number;
  currency: string;
}

/**
 * Takes one unit of a wishlist entry if it is still live. The condition and the decrement are
 * one statement, so two sellers can never take the last unit (the CHECK keeps it ≥ 0 anyway).
 */
export async function reserveUnit(db: Executor, entryId: string, now: Date): Promise<ReservedUnit | undefined> {
  const { rows } = await sql<ReservedUnit>`
    update wishlist_entries
       set quantity_remaining = quantity_remaining - 1
     where id = ${entryId}
       and active and quantity_remaining > 0
       and active_from <= ${now} and (active_until is null or active_until > ${now})
    returning id as "entryId", refurbisher_id as "refurbisherId", price_minor as "priceMinor", currency`.execute(db);
  return rows[0] ? { ...rows[0], currency: rows[0].currency.trim() } : undefined;
}

/**
 * Re-match at accept time: the best live entry for (variant, grade) paying at least `minPrice`,
 * by the same order as the quote (price, score, age), reserved in the same statement.
 * SKIP LOCKED lets concurrent accepts take different entries instead of queueing on one.
 */
export async function reserveBestAtLeast(
  db: Executor,
  q: { variantId: string; grade: Grade; minPriceMinor: number; currency: string; now: Date },
): Promise<ReservedUnit | undefined> {
  const { rows } = await sql<ReservedUnit>`
    update wishlist_entries
       set quantity_remaining = quantity_remaining - 1
     where id = (
       select w.id
         from wishlist_entries w
         join refurbishers r on r.id = w.refurbisher_id
        where w.variant_id = ${q.variantId} and w.grade = ${q.grade} and w.currency = ${q.currency}
          and w.active and w.quantity_remaining > 0 and w.price_minor >= ${q.minPriceMinor}
          and w.active_from <= ${q.now} and (w.active_until is null or w.active_until > ${q.now})
        order by w.price_minor desc, r.score desc, w.created_at asc, w.id asc
        limit 1
        for update of w skip locked)
       and quantity_remaining > 0
    returning id as "entryId", refurbisher_id as "refurbisherId", price_minor as "priceMinor", currency`.execute(db);
  return rows[0] ? { ...rows[0], currency: rows[0].currency.trim() } : undefined;
}

/** Gives a reserved unit back (expired, cancelled, returned). Callers make sure it happens once. */
export async function releaseUnit(db: Executor, entryId: string): Promise<void> {
  await sql`
    update wishlist_entries
       set quantity_remaining = least(quantity_remaining + 1, quantity_wanted)
     where id = ${entryId}`.execute(db);
}
