import { z } from 'zod';
import {
  ZApiKey,
  ZChangeRole,
  ZCreateApiKey,
  ZCreatedApiKey,
  ZCreatedRefurbisher,
  ZCreateRefurbisher,
  ZInvitation,
  ZInvitationView,
  ZInvite,
  ZMember,
  ZMembersPage,
  ZOrganisation,
  ZReceivingAddress,
  ZRefurbisherSummary,
  type TRefurbisherSummary,
} from '../../../shared/api/refurbishers.ts';
import { sendCsv, toCsv } from '../../platform/csv.ts';
import { errorResponses, typed, type RoutesPlugin } from '../../platform/http.ts';
import type { Jobs } from '../../platform/jobs/index.ts';
import { requireRole, requireUser } from '../accounts/index.ts';
import { createApiKey, getApiKeys, revokeApiKey } from './api-keys.service.ts';
import {
  acceptInvitation,
  cancelInvitation,
  changeMemberRole,
  createRefurbisher,
  getMembers,
  getOrganisation,
  inviteMember,
  JOB_INVITATION_MAIL,
  listRefurbishers,
  removeMember,
  updateReceivingAddress,
  viewInvitation,
  type OrganisationDeps,
  type WishlistEntryCounts,
} from './organisations.service.ts';
import { refurbisherActor } from './refurbisher-actor.ts';
import { allow, canEditSettings, canManageKeys, canManageMembers, canViewMembers, permissionsOf } from './refurbishers.policy.ts';

const ZId = z.object({ id: z.string().min(1).max(100) });
const errors = errorResponses(400, 401, 403, 404, 409);

/** GET /api/admin/refurbishers: the operator console pages it; without `limit` the whole list (as before). */
const ZRefurbisherListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).optional(),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .strict();

function refurbishersCsv(rows: TRefurbisherSummary[]): string {
  return toCsv(
    ['refurbisher_id', 'name', 'city', 'state', 'members', 'pending_invitations', 'wishlist_entries', 'commission_bps', 'created_at'],
    rows.map((r) => [
      r.id,
      r.name,
      r.receivingAddress.city,
      r.receivingAddress.state,
      r.members,
      r.pendingInvitations,
      r.wishlistEntries,
      // The commission rate (bps) once the summary carries it.
      'commissionBps' in r ? (r.commissionBps as number) : null,
      r.createdAt,
    ]),
  );
}
const security: { [scheme: string]: string[] }[] = [{ bearerApiKey: [] }, { sessionCookie: [] }];

/** Organisations, members, invitations and API keys (refurbisher side), and refurbisher creation (operator side). */
export const refurbishersRoutes: RoutesPlugin<{ runtime: { jobs: Pick<Jobs, 'enqueue'>; wishlistEntryCounts: WishlistEntryCounts } }> = async (fastify, deps) => {
  const app = typed(fastify);
  const { database, productClock: clock, securityClock, runtime } = deps;
  const db = database.db;
  const orgDeps: OrganisationDeps = {
    db,
    clock,
    securityClock,
    enqueueInvitationMail: async (trx, invitationId) => {
      await runtime.jobs.enqueue(trx, JOB_INVITATION_MAIL, { invitationId }, { singletonKey: `invitation:${invitationId}` });
    },
  };
  const actorOf = (req: Parameters<typeof refurbisherActor>[0]) => refurbisherActor(req, { db, clock: securityClock });

  fastify.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/refurbisher/') || req.url.startsWith('/api/admin/refurbishers')) reply.header('cache-control', 'no-store');
  });

  // --- operators ---
  app.get(
    '/api/admin/refurbishers',
    {
      schema: {
        tags: ['operator'],
        summary:
          'Every refurbisher with its members, pending invitations and wishlist size, by name. `limit`/`offset` page it (the total in `x-total-count`); without `limit`, all of them; `format=csv` exports the whole list',
        querystring: ZRefurbisherListQuery,
        produces: ['application/json', 'text/csv'],
        response: { 200: z.union([z.array(ZRefurbisherSummary), z.string()]), ...errors },
      },
      preValidation: async (req) => void requireRole(req, 'operator'),
    },
    async (req, reply) => {
      requireRole(req, 'operator');
      const all = await listRefurbishers(db, runtime.wishlistEntryCounts);
      if (req.query.format === 'csv') return sendCsv(reply, 'refurbishers.csv', refurbishersCsv(all));
      const { limit, offset } = req.query;
      reply.header('x-total-count', String(all.length));
      return limit === undefined ? all.slice(offset) : all.slice(offset, offset + limit);
    },
  );
  app.post(
    '/api/admin/refurbishers',
    {
      schema: {
        tags: ['operator'],
        summary: 'Open a refurbisher organisation and invite its first admin by e-mail',
        body: ZCreateRefurbisher,
        response: { 201: ZCreatedRefurbisher, ...errors },
      },
    },
    async (req, reply) => {
      const operator = requireRole(req, 'operator');
      return reply.code(201).send(await createRefurbisher(orgDeps, operator.id, req.body));
    },
  );

  // --- invitations (whoever holds the link) ---
  app.get(
    '/api/invitations/:id',
    { schema: { tags: ['refurbisher'], summary: 'An invitation to join a refurbisher, as its link shows it', params: ZId, response: { 200: ZInvitationView, ...errorResponses(400, 404) } } },
    async (req) => viewInvitation(db, securityClock, req.params.id),
  );
  app.post(
    '/api/invitations/:id/accept',
    {
      schema: {
        tags: ['refurbisher'],
        summary: 'Join the refurbisher (signed in with the invited e-mail address)',
        params: ZId,
        response: { 200: z.object({ refurbisherId: z.string() }), ...errors },
      },
    },
    async (req) => acceptInvitation(db, securityClock, requireUser(req), req.params.id),
  );

  // --- the refurbisher's own organisation ---
  app.get(
    '/api/refurbisher/organisation',
    { schema: { tags: ['refurbisher'], summary: 'The organisation the caller acts for, its role and what it may do', security, response: { 200: ZOrganisation, ...errors } } },
    async (req) => {
      const actor = await actorOf(req);
      return { ...(await getOrganisation(db, actor)), role: actor.role, can: permissionsOf(actor) };
    },
  );
  app.put(
    '/api/refurbisher/organisation/receiving-address',
    { schema: { tags: ['refurbisher'], summary: 'Where sellers ship devices (admins)', security, body: ZReceivingAddress, response: { 200: ZOrganisation, ...errors } } },
    async (req) => {
      const actor = allow(await actorOf(req), canEditSettings, 'change the receiving address');
      await updateReceivingAddress(db, actor, req.body);
      return { ...(await getOrganisation(db, actor)), role: actor.role, can: permissionsOf(actor) };
    },
  );

  app.get(
    '/api/refurbisher/members',
    { schema: { tags: ['refurbisher'], summary: 'Members, and pending invitations for admins', security, response: { 200: ZMembersPage, ...errors } } },
    async (req) => {
      const actor = allow(await actorOf(req), canViewMembers, 'see members');
      return getMembers(db, actor, canManageMembers(actor));
    },
  );
  app.post(
    '/api/refurbisher/invitations',
    { schema: { tags: ['refurbisher'], summary: 'Invite a member by e-mail (admins)', security, body: ZInvite, response: { 201: ZInvitation, ...errors } } },
    async (req, reply) => {
      const actor = allow(await actorOf(req), canManageMembers, 'invite members');
      return reply.code(201).send(await inviteMember(orgDeps, actor, req.body));
    },
  );
  app.delete(
    '/api/refurbisher/invitations/:id',
    { schema: { tags: ['refurbisher'], summary: 'Withdraw a pending invitation (admins)', security, params: ZId, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      const actor = allow(await actorOf(req), canManageMembers, 'withdraw invitations');
      await cancelInvitation(db, actor, req.params.id);
      return reply.code(204).send(null);
    },
  );
  app.put(
    '/api/refurbisher/members/:id/role',
    { schema: { tags: ['refurbisher'], summary: "Change a member's role (admins; the last admin stays admin)", security, params: ZId, body: ZChangeRole, response: { 200: ZMember, ...errors } } },
    async (req) => {
      const actor = allow(await actorOf(req), canManageMembers, 'change roles');
      return changeMemberRole(db, actor, req.params.id, req.body.role);
    },
  );
  app.delete(
    '/api/refurbisher/members/:id',
    { schema: { tags: ['refurbisher'], summary: 'Remove a member (admins; the last admin cannot leave)', security, params: ZId, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      const actor = allow(await actorOf(req), canManageMembers, 'remove members');
      await removeMember(db, actor, req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/refurbisher/api-keys',
    { schema: { tags: ['refurbisher'], summary: 'API keys (admins); secrets are never shown again', security, response: { 200: z.array(ZApiKey), ...errors } } },
    async (req) => getApiKeys(db, allow(await actorOf(req), canManageKeys, 'manage API keys')),
  );
  app.post(
    '/api/refurbisher/api-keys',
    {
      schema: {
        tags: ['refurbisher'],
        summary: 'Create an API key for a role (admins). The answer carries the secret, once: send it as `Authorization: Bearer <secret>`',
        security,
        body: ZCreateApiKey,
        response: { 201: ZCreatedApiKey, ...errors },
      },
    },
    async (req, reply) => {
      const actor = allow(await actorOf(req), canManageKeys, 'manage API keys');
      return reply.code(201).send(await createApiKey({ db, clock: securityClock }, actor, req.body));
    },
  );
  app.delete(
    '/api/refurbisher/api-keys/:id',
    { schema: { tags: ['refurbisher'], summary: 'Revoke an API key: refused from the next request on', security, params: ZId, response: { 200: ZApiKey, ...errors } } },
    async (req) => revokeApiKey({ db, clock: securityClock }, allow(await actorOf(req), canManageKeys, 'manage API keys'), req.params.id),
  );
};
