import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { UserRole } from './auth.ts';

/**
 * The accounts module's users and sessions as other modules may see and change them (the
 * refurbishers module's members are users). Each takes `db` or the caller's transaction.
 */

export interface UserCard {
  id: string;
  name: string;
  email: string;
  role: UserRole;
}

/** Name, e-mail and role of a batch of users (one query; unknown ids are absent). */
export async function findUserCards(db: Executor, ids: readonly string[]): Promise<Map<string, UserCard>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('user').select(['id', 'name', 'email', 'role']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** The users with this e-mail address, compared without case. */
export async function findUserIdsByEmail(db: Executor, email: string): Promise<string[]> {
  const rows = await db.selectFrom('user').select('id').where(sql`lower(email)`, '=', email.toLowerCase()).execute();
  return rows.map((r) => r.id);
}

/** An invitation link reached the user's address: the address is verified, and the account acts for a refurbisher. */
export async function makeRefurbisherMember(db: Executor, userId: string): Promise<void> {
  await db.updateTable('user').set({ role: 'refurbisher', emailVerified: true }).where('id', '=', userId).execute();
}

/** Every session of the user now acts for this organisation. */
export async function setActiveOrganization(db: Executor, userId: string, organizationId: string): Promise<void> {
  await db.updateTable('session').set({ activeOrganizationId: organizationId }).where('userId', '=', userId).execute();
}

/** The user's sessions stop acting for this organisation (they left it). */
export async function clearActiveOrganization(db: Executor, userId: string, organizationId: string): Promise<void> {
  await db
    .updateTable('session')
    .set({ activeOrganizationId: null })
    .where('userId', '=', userId)
    .where('activeOrganizationId', '=', organizationId)
    .execute();
}
