import { sql } from 'kysely';
import type { MemberRole, TReceivingAddress } from '../../../shared/api/refurbishers.ts';
import type { Executor } from '../../platform/db/database.ts';
import { findUserCards, findUserIdsByEmail } from '../accounts/index.ts';

export interface RefurbisherRow {
  id: string;
  name: string;
  organizationId: string | null;
  receivingAddress: TReceivingAddress;
  createdAt: Date;
}

export async function findRefurbisher(db: Executor, id: string): Promise<RefurbisherRow | undefined> {
  return db
    .selectFrom('refurbishers')
    .select(['id', 'name', 'organization_id as organizationId', 'receiving_address as receivingAddress', 'created_at as createdAt'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listRefurbishersWithCounts(db: Executor) {
  return db
    .selectFrom('refurbishers as r')
    .select((eb) => [
      'r.id',
      'r.name',
      'r.receiving_address as receivingAddress',
      'r.created_at as createdAt',
      'r.commission_bps as commissionBps',
      eb.selectFrom('member as m').whereRef('m.organizationId', '=', 'r.organization_id').select(eb.fn.countAll<number>().as('n')).as('members'),
      eb
        .selectFrom('invitation as i')
        .whereRef('i.organizationId', '=', 'r.organization_id')
        .where('i.status', '=', 'pending')
        .select(eb.fn.countAll<number>().as('n'))
        .as('pendingInvitations'),
    ])
    .orderBy('r.name')
    .execute();
}

/** The refurbisher a member acts for: the session's active organisation if linked, else the oldest membership. */
export async function findRefurbisherIdForMember(db: Executor, userId: string, activeOrganizationId: string | null): Promise<string | null> {
  const row = await db
    .selectFrom('member as m')
    .innerJoin('refurbishers as r', 'r.organization_id', 'm.organizationId')
    .select('r.id')
    .where('m.userId', '=', userId)
    .orderBy(sql`m."organizationId" = ${activeOrganizationId ?? ''}`, 'desc')
    .orderBy('m.createdAt', 'asc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The member's role in the refurbisher's organisation, if they are one. */
export async function findMembership(db: Executor, userId: string, refurbisherId: string) {
  return db
    .selectFrom('member as m')
    .innerJoin('refurbishers as r', 'r.organization_id', 'm.organizationId')
    .select(['m.id', 'm.role', 'm.organizationId', 'r.id as refurbisherId'])
    .where('m.userId', '=', userId)
    .where('r.id', '=', refurbisherId)
    .executeTakeFirst();
}

/** The organisation's members with their names and addresses (the accounts module's users, asked in one batch). */
export async function listMembers(db: Executor, organizationId: string) {
  const members = await db
    .selectFrom('member')
    .select(['id', 'userId', 'role', 'createdAt'])
    .where('organizationId', '=', organizationId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  const users = await findUserCards(db, members.map((m) => m.userId));
  return members.flatMap((m) => {
    const u = users.get(m.userId);
    return u ? [{ ...m, name: u.name, email: u.email }] : [];
  });
}

/** E-mail addresses and names of a refurbisher's members with one of `roles` (who hears about a trade-in). */
export async function findMemberContacts(db: Executor, refurbisherId: string, roles: readonly MemberRole[]): Promise<{ name: string; email: string }[]> {
  const r = await db.selectFrom('refurbishers').select('organization_id').where('id', '=', refurbisherId).executeTakeFirst();
  if (!r?.organization_id) return [];
  return (await listMembers(db, r.organization_id)).filter((m) => (roles as readonly string[]).includes(m.role)).map((m) => ({ name: m.name, email: m.email }));
}

/** Locks the organisation's admins (in a fixed order), so "the last admin" is decided by one writer at a time. */
export async function lockAdmins(db: Executor, organizationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('member')
    .select('id')
    .where('organizationId', '=', organizationId)
    .where('role', '=', 'admin')
    .orderBy('id')
    .forUpdate()
    .execute();
  return rows.map((r) => r.id);
}

export async function listInvitations(db: Executor, organizationId: string) {
  return db
    .selectFrom('invitation')
    .select(['id', 'email', 'role', 'status', 'expiresAt', 'createdAt'])
    .where('organizationId', '=', organizationId)
    .where('status', '=', 'pending')
    .orderBy('createdAt', 'desc')
    .execute();
}

export async function findInvitationView(db: Executor, id: string) {
  return db
    .selectFrom('invitation as i')
    .innerJoin('refurbishers as r', 'r.organization_id', 'i.organizationId')
    .select(['i.id', 'i.email', 'i.role', 'i.status', 'i.expiresAt', 'i.organizationId', 'r.id as refurbisherId', 'r.name as refurbisherName'])
    .where('i.id', '=', id)
    .executeTakeFirst();
}

export async function insertInvitation(
  db: Executor,
  row: { id: string; organizationId: string; email: string; role: MemberRole; inviterId: string; expiresAt: Date; createdAt: Date },
) {
  await db.insertInto('invitation').values({ ...row, status: 'pending' }).execute();
}

export async function cancelPendingInvitations(db: Executor, organizationId: string, email: string): Promise<void> {
  await db
    .updateTable('invitation')
    .set({ status: 'canceled' })
    .where('organizationId', '=', organizationId)
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .where('status', '=', 'pending')
    .execute();
}

export async function isMemberByEmail(db: Executor, organizationId: string, email: string): Promise<boolean> {
  const userIds = await findUserIdsByEmail(db, email);
  if (userIds.length === 0) return false;
  const row = await db.selectFrom('member').select('id').where('organizationId', '=', organizationId).where('userId', 'in', userIds).executeTakeFirst();
  return !!row;
}

export async function findApiKeyByHash(db: Executor, hash: string) {
  return db
    .selectFrom('refurbisher_api_keys as k')
    .innerJoin('refurbishers as r', 'r.id', 'k.refurbisher_id')
    .select(['k.id', 'k.name', 'k.role', 'k.secret_hash as secretHash', 'k.last_used_at as lastUsedAt', 'k.refurbisher_id as refurbisherId', 'r.organization_id as organizationId'])
    .where('k.secret_hash', '=', hash)
    .where('k.revoked_at', 'is', null)
    .executeTakeFirst();
}

/** At most one write a minute per key: "last used" stays cheap on a busy key. */
export async function touchApiKey(db: Executor, id: string, now: Date): Promise<void> {
  await db
    .updateTable('refurbisher_api_keys')
    .set({ last_used_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', new Date(now.getTime() - 60_000))]))
    .execute();
}

export async function listApiKeys(db: Executor, refurbisherId: string) {
  return db
    .selectFrom('refurbisher_api_keys')
    .select(['id', 'name', 'role', 'display_prefix as prefix', 'created_at as createdAt', 'last_used_at as lastUsedAt', 'revoked_at as revokedAt'])
    .where('refurbisher_id', '=', refurbisherId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Where a refurbisher receives devices: the recipient of every inbound label. */
export async function findReceivingAddress(db: Executor, refurbisherId: string): Promise<TReceivingAddress | undefined> {
  const row = await db.selectFrom('refurbishers').select('receiving_address').where('id', '=', refurbisherId).executeTakeFirst();
  return row?.receiving_address;
}

/** What other modules' pages show of a refurbisher, for a batch of ids (one query; unknown ids are absent). */
export interface RefurbisherDisplay {
  id: string;
  name: string;
}

export async function findRefurbisherDisplays(db: Executor, ids: readonly string[]): Promise<Map<string, RefurbisherDisplay>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('refurbishers').select(['id', 'name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Every refurbisher with the organisation it is linked to, if any (the demo seed links the unlinked). */
export async function listOrganisationLinks(db: Executor): Promise<{ id: string; name: string; organizationId: string | null }[]> {
  return db.selectFrom('refurbishers').select(['id', 'name', 'organization_id as organizationId']).orderBy('id').execute();
}

/** Links a refurbisher that has no organisation yet to one (never re-links a linked one). */
export async function linkOrganisation(db: Executor, refurbisherId: string, organizationId: string): Promise<void> {
  await db.updateTable('refurbishers').set({ organization_id: organizationId }).where('id', '=', refurbisherId).where('organization_id', 'is', null).execute();
}

export async function listRefurbisherIds(db: Executor): Promise<string[]> {
  return (await db.selectFrom('refurbishers').select('id').orderBy('id').execute()).map((r) => r.id);
}

/**
 * Writes the matching tie-break (docs/product.md §2: ties go to the better scorecard), derived
 * by the inspection module's scorecard job; one statement, rows whose score is unchanged untouched.
 */
export async function setRefurbisherScores(db: Executor, scores: ReadonlyMap<string, number>): Promise<void> {
  if (scores.size === 0) return;
  const ids = [...scores.keys()];
  const values = ids.map((id) => Math.round(scores.get(id)!));
  await sql`
    update refurbishers r set score = v.score
    from (select unnest(${ids}::text[]) as id, unnest(${values}::int[]) as score) v
    where r.id = v.id and r.score is distinct from v.score`.execute(db);
}

/**
 * Who hears about a refurbisher's incoming devices (deadline reminders, breaches): its name and
 * the addresses of its members in these roles. Staff addresses only; no seller data.
 */
export async function findOrganisationContacts(db: Executor, refurbisherId: string, roles: readonly MemberRole[]): Promise<{ name: string; emails: string[] } | undefined> {
  const r = await findRefurbisher(db, refurbisherId);
  if (!r) return undefined;
  if (!r.organizationId) return { name: r.name, emails: [] };
  const members = await listMembers(db, r.organizationId);
  return { name: r.name, emails: [...new Set(members.filter((m) => (roles as readonly string[]).includes(m.role)).map((m) => m.email))] };
}

/** The platform's commission on this refurbisher's approvals, in basis points (read in the approving transaction). */
export async function findCommissionBps(db: Executor, refurbisherId: string): Promise<number> {
  const row = await db.selectFrom('refurbishers').select('commission_bps').where('id', '=', refurbisherId).executeTakeFirst();
  if (!row) throw new Error(`refurbisher ${refurbisherId} not found`);
  return row.commission_bps;
}
