import { sql, type Insertable, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { PayoutMethodsTable, SellerIdentitiesTable, SellerProfilesTable } from './accounts.tables.ts';

export type ProfileRow = Selectable<SellerProfilesTable>;
export type IdentityRow = Selectable<SellerIdentitiesTable>;
export type PayoutRow = Selectable<PayoutMethodsTable>;

export async function findPasswordHash(db: Executor, userId: string): Promise<string | null> {
  const row = await db
    .selectFrom('account')
    .select('password')
    .where('userId', '=', userId)
    .where('providerId', '=', 'credential')
    .executeTakeFirst();
  return row?.password ?? null;
}

export async function findProfile(db: Executor, userId: string): Promise<ProfileRow | undefined> {
  return db.selectFrom('seller_profiles').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function findIdentity(db: Executor, userId: string): Promise<IdentityRow | undefined> {
  return db.selectFrom('seller_identities').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function findPayoutMethod(db: Executor, userId: string): Promise<PayoutRow | undefined> {
  return db.selectFrom('payout_methods').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function upsertProfile(db: Executor, row: Insertable<SellerProfilesTable>): Promise<void> {
  const { user_id: _id, created_at: _created, ...changes } = row;
  await db.insertInto('seller_profiles').values(row).onConflict((oc) => oc.column('user_id').doUpdateSet(changes)).execute();
}

export async function upsertIdentity(db: Executor, row: Insertable<SellerIdentitiesTable>): Promise<void> {
  const { user_id: _id, created_at: _created, ...changes } = row;
  await db.insertInto('seller_identities').values(row).onConflict((oc) => oc.column('user_id').doUpdateSet(changes)).execute();
}

export async function upsertPayoutMethod(db: Executor, row: Insertable<PayoutMethodsTable>): Promise<void> {
  const { user_id: _id, created_at: _created, ...changes } = row;
  await db.insertInto('payout_methods').values(row).onConflict((oc) => oc.column('user_id').doUpdateSet(changes)).execute();
}

/** Sellers whose payout method is the bank account behind any of these hashes (one per key in the keyring). */
export async function sellersWithBankAccount(db: Executor, hashes: readonly string[]): Promise<string[]> {
  if (hashes.length === 0) return [];
  const rows = await db
    .selectFrom('payout_methods')
    .select('user_id')
    .distinct()
    .where('bank_account_hash', 'in', hashes)
    .orderBy('user_id')
    .execute();
  return rows.map((r) => r.user_id);
}

/**
 * Serialises saves of one bank account (by its hash) within a transaction, so two sellers
 * saving the same account at once cannot both count "2 others" and miss the flag.
 */
export async function lockBankAccount(db: Executor, hash: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`bank:${hash}`}))`.execute(db);
}

export interface ReadinessRow {
  adultVerifiedAt: Date | null;
  hasProfile: boolean;
  hasIdentity: boolean;
  hasPayout: boolean;
  emailVerified: boolean;
}

export async function findReadiness(db: Executor, userId: string): Promise<ReadinessRow> {
  const row = await db
    .selectFrom('user as u')
    .leftJoin('seller_profiles as p', 'p.user_id', 'u.id')
    .leftJoin('seller_identities as i', 'i.user_id', 'u.id')
    .leftJoin('payout_methods as pm', 'pm.user_id', 'u.id')
    .select(['p.adult_verified_at as adultVerifiedAt', 'p.user_id as profileUser', 'i.user_id as identityUser', 'pm.user_id as payoutUser', 'u.emailVerified'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  return {
    adultVerifiedAt: row?.adultVerifiedAt ?? null,
    hasProfile: !!row?.profileUser,
    hasIdentity: !!row?.identityUser,
    hasPayout: !!row?.payoutUser,
    emailVerified: row?.emailVerified === true,
  };
}

/** What the verification e-mail needs of a user (better-auth's `user` row). */
export async function findUserForVerification(db: Executor, userId: string): Promise<{ id: string; email: string; name: string; emailVerified: boolean } | undefined> {
  return db.selectFrom('user').select(['id', 'email', 'name', 'emailVerified']).where('id', '=', userId).executeTakeFirst();
}
