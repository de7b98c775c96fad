import { sql } from 'kysely';
import type { Executor } from '../platform/db/database.ts';
import { newId } from '../platform/ids.ts';
import { DEMO_REFURBISHERS, generateWishlists } from './wishlist-generator.ts';

/**
 * Demo data for `npm start`: refurbishers with wishlists. Runs only into a database that has
 * no refurbishers yet, so a restart, or a real operator's data, is never overwritten.
 */
export async function seedDemoData(db: Executor, now: Date): Promise<{ seeded: boolean; entries: number }> {
  const existing = await db.selectFrom('refurbishers').select('id').limit(1).executeTakeFirst();
  if (existing) return { seeded: false, entries: 0 };

  const ids = DEMO_REFURBISHERS.map(() => newId('refurbisher', now.getTime()));
  await db
    .insertInto('refurbishers')
    .values(
      DEMO_REFURBISHERS.map((r, i) => ({
        id: ids[i]!,
        name: r.name,
        score: r.score,
        receiving_address: JSON.stringify({ name: `${r.name} Receiving`, line1: r.line1, city: r.city, state: r.state, zip: r.zip }),
        created_at: now,
      })),
    )
    .execute();

  const entries = generateWishlists();
  // Entries created in generation order, a millisecond apart, so "older entry wins a tie" is visible.
  const rows = entries.map((e, i) => {
    const createdAt = new Date(now.getTime() - (entries.length - i));
    return {
      id: newId('wishlistEntry', createdAt.getTime()),
      refurbisher_id: ids[e.refurbisherIndex]!,
      variant_id: e.variantId,
      grade: e.grade,
      price_minor: e.priceMinor,
      currency: 'USD',
      quantity_wanted: e.quantityWanted,
      quantity_remaining: e.quantityRemaining,
      active: e.active,
      active_from: new Date(now.getTime() - 30 * 86_400_000),
      active_until: null,
      created_at: createdAt,
    };
  });
  // One statement with one JSON parameter: ~20k rows in well under a second, even on PGlite.
  await sql`
    insert into wishlist_entries (id, refurbisher_id, variant_id, grade, price_minor, currency, quantity_wanted,
                                  quantity_remaining, active, active_from, active_until, created_at)
    select id, refurbisher_id, variant_id, grade, price_minor, currency, quantity_wanted,
           quantity_remaining, active, active_from, active_until, created_at
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(
        id text, refurbisher_id text, variant_id text, grade text, price_minor bigint, currency text,
        quantity_wanted int, quantity_remaining int, active boolean, active_from timestamptz,
        active_until timestamptz, created_at timestamptz)`.execute(db);
  return { seeded: true, entries: rows.length };
}
