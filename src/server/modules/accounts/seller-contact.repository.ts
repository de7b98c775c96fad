import type { Executor } from '../../platform/db/database.ts';
import type { LabelAddress } from '../../platform/pdf/label.ts';

export interface SellerContact {
  email: string;
  firstName: string;
  address: LabelAddress | null;
}

/**
 * What a message or a label needs to reach a seller: e-mail, first name, postal address.
 * Never a protected field — those stay sealed in the accounts module.
 */
export async function findSellerContact(db: Executor, userId: string): Promise<SellerContact | undefined> {
  const row = await db
    .selectFrom('user as u')
    .leftJoin('seller_profiles as p', 'p.user_id', 'u.id')
    .select(['u.email', 'u.name', 'p.first_name', 'p.last_name', 'p.address_line1', 'p.address_line2', 'p.city', 'p.state', 'p.zip'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    email: row.email,
    firstName: row.first_name ?? row.name.split(' ')[0] ?? row.name,
    address:
      row.first_name && row.address_line1 && row.city && row.state && row.zip
        ? {
            name: `${row.first_name} ${row.last_name ?? ''}`.trim(),
            line1: row.address_line1,
            ...(row.address_line2 ? { line2: row.address_line2 } : {}),
            city: row.city,
            state: row.state,
            zip: row.zip,
          }
        : null,
  };
}

/**
 * What a refurbisher may know of the seller of a device it inspects: first name and city, and
 * nothing else (no e-mail, no street, no protected field).
 */
export async function findSellerFirstNameAndCity(db: Executor, userId: string): Promise<{ firstName: string; city: string }> {
  const row = await db
    .selectFrom('user as u')
    .leftJoin('seller_profiles as p', 'p.user_id', 'u.id')
    .select(['u.name', 'p.first_name', 'p.city'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!row) return { firstName: '', city: '' };
  return { firstName: row.first_name ?? row.name.split(' ')[0] ?? '', city: row.city ?? '' };
}

/** Sellers' names for operator lists: first and last name from the profile, else the account name. Never a protected field. */
export async function findSellerNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('user as u')
    .leftJoin('seller_profiles as p', 'p.user_id', 'u.id')
    .select(['u.id', 'u.name', 'p.first_name', 'p.last_name'])
    .where('u.id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r.first_name ? `${r.first_name} ${r.last_name ?? ''}`.trim() : r.name]));
}
