import { luhnValid } from '../src/shared/device-identity.ts';
import type { Grade } from '../src/shared/grade.ts';
import type { Executor } from '../src/server/platform/db/database.ts';
import { newId } from '../src/server/platform/ids.ts';

let seq = 0;

export async function buildRefurbisher(db: Executor, over: { name?: string; score?: number; createdAt?: Date } = {}) {
  seq += 1;
  const row = {
    id: newId('refurbisher'),
    name: over.name ?? `Test Refurbisher ${seq} ${Math.random().toString(36).slice(2, 7)}`,
    score: over.score ?? 50,
    receiving_address: JSON.stringify({ name: 'Receiving', line1: '1 Dock St', city: 'Columbus', state: 'OH', zip: '43207' }),
    created_at: over.createdAt ?? new Date('2026-01-01T00:00:00Z'),
  };
  await db.insertInto('refurbishers').values(row).execute();
  return row;
}

export interface EntryOverrides {
  refurbisherId: string;
  variantId: string;
  grade?: Grade;
  priceMinor?: number;
  quantityWanted?: number;
  quantityRemaining?: number;
  active?: boolean;
  activeFrom?: Date;
  activeUntil?: Date | null;
  createdAt?: Date;
}

export async function buildWishlistEntry(db: Executor, o: EntryOverrides) {
  const quantityWanted = o.quantityWanted ?? Math.max(10, o.quantityRemaining ?? 0);
  const row = {
    id: newId('wishlistEntry'),
    refurbisher_id: o.refurbisherId,
    variant_id: o.variantId,
    grade: o.grade ?? 'Good',
    price_minor: o.priceMinor ?? 10_000,
    currency: 'USD',
    quantity_wanted: quantityWanted,
    quantity_remaining: o.quantityRemaining ?? quantityWanted,
    active: o.active ?? true,
    active_from: o.activeFrom ?? new Date('2026-01-01T00:00:00Z'),
    active_until: o.activeUntil ?? null,
    created_at: o.createdAt ?? new Date('2026-01-02T00:00:00Z'),
  };
  await db.insertInto('wishlist_entries').values(row).execute();
  return row;
}

/** A random IMEI with a valid check digit (14 random digits: two tests never draw the same one by chance). */
export function randomImei(): string {
  const body = Array.from({ length: 14 }, () => Math.floor(Math.random() * 10)).join('');
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new Error('unreachable: one check digit always fits');
}
