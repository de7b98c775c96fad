import { randomBytes } from 'node:crypto';

import type {
  MemberRole,
  TCreateRefurbisher,
  TInvitation,
  TInvitationView,
  TMember,
  TMembersPage,
  TReceivingAddress,
  TRefurbisherSummary,
} from '../../../shared/api/refurbishers.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Executor, Trx } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { clearActiveOrganization, findUserCards, makeRefurbisherMember, setActiveOrganization } from '../accounts/index.ts';
import { isUniqueViolation } from './db-errors.ts';
import type { RefurbisherActor } from './refurbishers.policy.ts';
import {
  cancelPendingInvitations,
  findInvitationView,
  findRefurbisher,
  insertInvitation,
  isMemberByEmail,
  listInvitations,
  listMembers,
  listRefurbishersWithCounts,
  lockAdmins,
} from './refurbishers.repository.ts';

/** Invitations are security tokens: they expire by the real clock, never the demo clock. */
export const INVITATION_DAYS = 7;
export const JOB_INVITATION_MAIL = 'mail.refurbisher-invitation';

export interface OrganisationDeps {
  db: Db;
  /** Product time (when the refurbisher was opened). */
  clock: Clock;
  /** Security time: an invitation is a token, it expires by the real clock. */
  securityClock: Clock;
  /** Enqueues the invitation e-mail in the transaction that creates the invitation. */
  enqueueInvitationMail: (trx: Trx, invitationId: string) => Promise<void>;
}

const shortId = () => randomBytes(18).toString('base64url');

function slugOf(name: string): string {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'refurbisher';
  return `${base}-${randomBytes(3).toString('hex')}`;
}

function presentInvitation(i: { id: string; email: string; role: MemberRole; status: TInvitation['status']; expiresAt: Date; createdAt: Date }): TInvitation {
  return { id: i.id, email: i.email, role: i.role, status: i.status, expiresAt: i.expiresAt.toISOString(), createdAt: i.createdAt.toISOString() };
}

async function createInvitation(
  deps: OrganisationDeps,
  trx: Trx,
  input: { organizationId: string; email: string; role: MemberRole; inviterId: string },
): Promise<TInvitation> {
  const now = deps.securityClock.now();
  const row = {
    id: shortId(),
    organizationId: input.organizationId,
    email: input.email.toLowerCase(),
    role: input.role,
    inviterId: input.inviterId,
    expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
    createdAt: now,
  };
  // A new invitation replaces an older pending one for the same address (its link stops working).
  await cancelPendingInvitations(trx, input.organizationId, row.email);
  await insertInvitation(trx, row);
  await deps.enqueueInvitationMail(trx, row.id);
  return presentInvitation({ ...row, status: 'pending' });
}

/**
 * How many wishlist entries each refurbisher has: the wishlist module's answer (it owns the
 * entries), which this module cannot import (the wishlist imports refurbishers); runtime.ts wires it.
 */
export type WishlistEntryCounts = (db: Executor, refurbisherIds: readonly string[]) => Promise<Map<string, number>>;

export async function listRefurbishers(db: Executor, wishlistEntryCounts: WishlistEntryCounts): Promise<TRefurbisherSummary[]> {
  const rows = await listRefurbishersWithCounts(db);
  const entries = await wishlistEntryCounts(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    receivingAddress: r.receivingAddress,
    members: Number(r.members ?? 0),
    pendingInvitations: Number(r.pendingInvitations ?? 0),
    wishlistEntries: entries.get(r.id) ?? 0,
    commissionBps: r.commissionBps,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** An operator opens a refurbisher: its organisation, its row and the invitation of its first admin, at once. */
export async function createRefurbisher(
  deps: OrganisationDeps,
  operatorId: string,
  input: TCreateRefurbisher,
): Promise<{ refurbisher: TRefurbisherSummary; invitation: TInvitation }> {
  const now = deps.clock.now();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const organizationId = shortId();
      await trx.insertInto('organization').values({ id: organizationId, name: input.name, slug: slugOf(input.name), logo: null, createdAt: now, metadata: null }).execute();
      const id = newId('refurbisher', now.getTime());
      const { commission_bps: commissionBps } = await trx
        .insertInto('refurbishers')
        .values({ id, name: input.name, receiving_address: JSON.stringify(input.receivingAddress), created_at: now, organization_id: organizationId })
        .returning('commission_bps')
        .executeTakeFirstOrThrow();
      const invitation = await createInvitation(deps, trx, { organizationId, email: input.adminEmail, role: 'admin', inviterId: operatorId });
      return {
        refurbisher: { id, name: input.name, receivingAddress: input.receivingAddress, members: 0, pendingInvitations: 1, wishlistEntries: 0, commissionBps, createdAt: now.toISOString() },
        invitation,
      };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('conflict', 'A refurbisher with this name exists already', { fields: { name: 'This name is taken' } });
    throw err;
  }
}

export async function updateReceivingAddress(db: Db, actor: RefurbisherActor, address: TReceivingAddress): Promise<void> {
  await db.updateTable('refurbishers').set({ receiving_address: JSON.stringify(address) }).where('id', '=', actor.refurbisherId).execute();
}

export async function getOrganisation(db: Executor, actor: RefurbisherActor) {
  const r = await findRefurbisher(db, actor.refurbisherId);
  if (!r) throw notFound('Refurbisher');
  return { id: r.id, name: r.name, receivingAddress: r.receivingAddress };
}

function presentMember(m: { id: string; userId: string; name: string; email: string; role: string; createdAt: Date }): TMember {
  return { id: m.id, userId: m.userId, name: m.name, email: m.email, role: m.role as MemberRole, joinedAt: m.createdAt.toISOString() };
}

export async function getMembers(db: Executor, actor: RefurbisherActor, withInvitations: boolean): Promise<TMembersPage> {
  const members = await listMembers(db, actor.organizationId);
  const invitations = withInvitations ? await listInvitations(db, actor.organizationId) : [];
  return { members: members.map(presentMember), invitations: invitations.map(presentInvitation) };
}

export async function inviteMember(deps: OrganisationDeps, actor: RefurbisherActor, input: { email: string; role: MemberRole }): Promise<TInvitation> {
  return deps.db.transaction().execute(async (trx) => {
    if (await isMemberByEmail(trx, actor.organizationId, input.email)) {
      throw new AppError('conflict', 'This person is a member already', { fields: { email: 'Already a member' } });
    }
    return createInvitation(deps, trx, { organizationId: actor.organizationId, email: input.email, role: input.role, inviterId: actor.actorId });
  });
}

export async function cancelInvitation(db: Db, actor: RefurbisherActor, invitationId: string): Promise<void> {
  const res = await db
    .updateTable('invitation')
    .set({ status: 'canceled' })
    .where('id', '=', invitationId)
    .where('organizationId', '=', actor.organizationId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw notFound('Invitation');
}

const LAST_ADMIN = 'An organisation keeps at least one admin: make someone else admin first';

export async function changeMemberRole(db: Db, actor: RefurbisherActor, memberId: string, role: MemberRole): Promise<TMember> {
  return db.transaction().execute(async (trx) => {
    const admins = await lockAdmins(trx, actor.organizationId);
    const member = await trx.selectFrom('member').selectAll().where('id', '=', memberId).where('organizationId', '=', actor.organizationId).forUpdate().executeTakeFirst();
    if (!member) throw notFound('Member');
    if (member.role === 'admin' && role !== 'admin' && admins.length <= 1) throw new AppError('conflict', LAST_ADMIN);
    await trx.updateTable('member').set({ role }).where('id', '=', memberId).execute();
    const [row] = (await listMembers(trx, actor.organizationId)).filter((m) => m.id === memberId);
    return presentMember(row!);
  });
}

export async function removeMember(db: Db, actor: RefurbisherActor, memberId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const admins = await lockAdmins(trx, actor.organizationId);
    const member = await trx.selectFrom('member').selectAll().where('id', '=', memberId).where('organizationId', '=', actor.organizationId).forUpdate().executeTakeFirst();
    if (!member) throw notFound('Member');
    if (member.role === 'admin' && admins.length <= 1) throw new AppError('conflict', LAST_ADMIN);
    await trx.deleteFrom('member').where('id', '=', memberId).execute();
    // Their sessions stay, but acting for this refurbisher needs the membership, checked on every request.
    await clearActiveOrganization(trx, member.userId, actor.organizationId);
  });
}

function invitationState(i: { status: TInvitation['status']; expiresAt: Date }, now: Date): TInvitationView['status'] {
  if (i.status === 'pending' && i.expiresAt.getTime() <= now.getTime()) return 'expired';
  return i.status;
}

/** What the invitation link shows. The id is an unguessable token: holding it is being invited. */
export async function viewInvitation(db: Executor, securityClock: Clock, id: string): Promise<TInvitationView> {
  const i = await findInvitationView(db, id);
  if (!i) throw notFound('Invitation');
  return { id: i.id, refurbisherName: i.refurbisherName, email: i.email, role: i.role, status: invitationState(i, securityClock.now()), expiresAt: i.expiresAt.toISOString() };
}

/**
 * `clock` is the security clock (the invitation's expiry).
 * The invited person, signed in with the invited address, joins. Compare-and-set on the
 * invitation's status: two clicks make one membership. A seller account becomes a refurbisher
 * member's (it keeps its past trade-ins); an operator's cannot join.
 */
export async function acceptInvitation(db: Db, clock: Clock, user: { id: string; email: string; role: string }, id: string): Promise<{ refurbisherId: string }> {
  return db.transaction().execute(async (trx) => {
    const i = await findInvitationView(trx, id);
    // Someone else's invitation is not theirs to see: the same answer as an unknown one.
    if (!i || i.email.toLowerCase() !== user.email.toLowerCase()) throw notFound('Invitation');
    if (user.role === 'operator') throw new AppError('conflict', 'An operator account cannot join a refurbisher; sign in with another account');
    const taken = await trx
      .updateTable('invitation')
      .set({ status: 'accepted' })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where('expiresAt', '>', clock.now())
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) === 0) {
      const state = invitationState(i, clock.now());
      throw new AppError('conflict', state === 'expired' ? 'This invitation has expired; ask for a new one' : `This invitation is ${state}`);
    }
    await trx
      .insertInto('member')
      .values({ id: shortId(), organizationId: i.organizationId, userId: user.id, role: i.role, createdAt: clock.now() })
      .onConflict((oc) => oc.columns(['organizationId', 'userId']).doUpdateSet({ role: i.role }))
      .execute();
    // The link reached this address: it is verified.
    await makeRefurbisherMember(trx, user.id);
    await setActiveOrganization(trx, user.id, i.organizationId);
    return { refurbisherId: i.refurbisherId };
  });
}

export async function invitationForMail(db: Executor, id: string) {
  const i = await db
    .selectFrom('invitation as i')
    .innerJoin('refurbishers as r', 'r.organization_id', 'i.organizationId')
    .select(['i.id', 'i.email', 'i.role', 'i.status', 'i.inviterId', 'r.name as refurbisherName'])
    .where('i.id', '=', id)
    .executeTakeFirst();
  if (!i) return undefined;
  const inviter = (await findUserCards(db, [i.inviterId])).get(i.inviterId);
  const { inviterId: _inviterId, ...rest } = i;
  return { ...rest, inviterName: inviter?.name ?? null, inviterRole: inviter?.role ?? null };
}
