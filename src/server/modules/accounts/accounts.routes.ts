import type { FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';
import { ZIdentityInput, ZPayoutMethodInput, ZProfileInput } from '../../../shared/seller-details.ts';
import { countAudit, listAudit } from '../../platform/audit.ts';
import { sendCsv, toCsv } from '../../platform/csv.ts';
import { ZAuditLogQuery } from '../../../shared/api/operator-console.ts';
import { errorResponses, typed, type RoutesPlugin } from '../../platform/http.ts';
import {
  authorize,
  canEditOwnSellerDetails,
  canReadAuditLog,
  canRevealSellerField,
  requireUser,
} from './accounts.policy.ts';
import { ZAuditPage, ZMe, ZResendVerificationInput, ZRevealed, ZRevealInput, ZVerificationQueued } from '../../../shared/api/accounts.ts';
import type { Jobs } from '../../platform/jobs/index.ts';
import { operatorFlagRoutes } from './operator-flags.routes.ts';
import { resendVerificationEmail } from './verification.service.ts';
import type { AccountSecrets } from './secrets.ts';
import type { AfterPayoutMethodSaved } from './payout-method-copy.ts';
import { getMe, revealSellerField, saveIdentity, savePayoutMethod, saveProfile, type SellerDetailsDeps } from './seller-details.service.ts';

// The seller-detail bodies are parsed by the service (the age rule needs the Clock's "today",
// and every field must be reported at once); the schema stays on the route for the OpenAPI document.
const documentedOnly: FastifySchemaCompiler<unknown> = () => (data) => ({ value: data });

/** Beyond the base: the session secret and the keyring of the protected fields. */
export interface AccountsRoutesDeps {
  secrets: AccountSecrets;
  runtime: { jobs: Pick<Jobs, 'enqueue'>; afterPayoutMethodSaved: AfterPayoutMethodSaved };
}

const errors = errorResponses(400, 401, 403, 429);

/** GET/PUT /api/me…: the signed-in user's own account and seller details. */
const meRoutes: RoutesPlugin<AccountsRoutesDeps> = async (fastify, deps) => {
  const app = typed(fastify);
  const svc: SellerDetailsDeps = { db: deps.database.db, productClock: deps.productClock, securityClock: deps.securityClock, keyring: deps.secrets.keyring, afterPayoutMethodSaved: deps.runtime.afterPayoutMethodSaved };
  // Personal data, even masked, is not for shared caches or the back button.
  fastify.addHook('onSend', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
  });
  const sellerOnly = async (req: Parameters<typeof requireUser>[0]) => {
    authorize(req, canEditOwnSellerDetails, 'keep seller details');
  };

  app.get(
    '/api/me',
    { schema: { tags: ['accounts'], summary: 'The signed-in user, role and seller details (masked)', response: { 200: ZMe, ...errorResponses(401) } } },
    async (req) => getMe(svc, requireUser(req)),
  );

  app.post(
    '/api/me/verification-email',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Send the link that confirms your e-mail address again (at most one a minute, 5 an hour); 409 conflict once confirmed',
        body: ZResendVerificationInput,
        response: { 202: ZVerificationQueued, ...errorResponses(400, 401, 409, 429) },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      await resendVerificationEmail({ db: deps.database.db, jobs: deps.runtime.jobs }, user.id, req.body.next, deps.securityClock.now());
      return reply.code(202).send({ queued: true as const });
    },
  );

  app.put(
    '/api/me/profile',
    {
      schema: { tags: ['accounts'], summary: 'Legal name, date of birth (18+), address, phone', body: ZProfileInput, response: { 200: ZMe, ...errors } },
      preValidation: sellerOnly,
      validatorCompiler: documentedOnly,
    },
    async (req) => {
      const user = requireUser(req);
      await saveProfile(svc, user.id, req.body as unknown);
      return getMe(svc, user);
    },
  );

  app.put(
    '/api/me/identity',
    {
      schema: { tags: ['accounts'], summary: "Driver's license (with state) or the last 4 digits of the SSN", body: ZIdentityInput, response: { 200: ZMe, ...errors } },
      preValidation: sellerOnly,
      validatorCompiler: documentedOnly,
    },
    async (req) => {
      const user = requireUser(req);
      await saveIdentity(svc, user.id, req.body as unknown);
      return getMe(svc, user);
    },
  );

  app.put(
    '/api/me/payout-method',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Bank account for payouts; needs the current password (403 forbidden, field currentPassword, when wrong)',
        body: ZPayoutMethodInput,
        response: { 200: ZMe, ...errors },
      },
      preValidation: sellerOnly,
      validatorCompiler: documentedOnly,
    },
    async (req) => {
      const user = requireUser(req);
      await savePayoutMethod(svc, user, req.body as unknown, req.ip);
      return getMe(svc, user);
    },
  );
};

/** /api/admin/…: operators only (403 for any other role, before the body is even read). */
const adminRoutes: RoutesPlugin<AccountsRoutesDeps> = async (fastify, deps) => {
  const app = typed(fastify);
  const db = deps.database.db;
  const svc: SellerDetailsDeps = { db, productClock: deps.productClock, securityClock: deps.securityClock, keyring: deps.secrets.keyring };

  app.post(
    '/api/admin/sellers/:userId/reveal',
    {
      schema: {
        tags: ['admin'],
        summary: 'Reveal one protected seller field in full; the reason is written to the audit log first',
        params: z.object({ userId: z.string().min(1).max(100) }),
        body: ZRevealInput,
        response: { 200: ZRevealed, ...errorResponses(400, 401, 403, 404) },
      },
      preValidation: async (req) => {
        authorize(req, canRevealSellerField, 'reveal seller details');
      },
    },
    async (req, reply) => {
      const actor = requireUser(req);
      const revealed = await revealSellerField(svc, { actor, sellerId: req.params.userId, field: req.body.field, reason: req.body.reason, ip: req.ip });
      return reply.header('cache-control', 'no-store').send(revealed);
    },
  );

  app.get(
    '/api/admin/audit-log',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Audit log, newest first; filter by `action` (e.g. seller_field.revealed) and `subject`; page with limit/offset (or the `before` cursor); `format=csv` exports the filtered log',
        querystring: ZAuditLogQuery,
        produces: ['application/json', 'text/csv'],
        response: { 200: z.union([ZAuditPage, z.string()]), ...errorResponses(400, 401, 403) },
      },
      preValidation: async (req) => {
        authorize(req, canReadAuditLog, 'read the audit log');
      },
    },
    async (req, reply) => {
      const { limit, offset, before, subject, action, format } = req.query;
      const filter = { beforeId: before, subject, action };
      if (format === 'csv') {
        const all = await listAudit(db, { ...filter, limit: null });
        const csv = toCsv(
          AUDIT_CSV_COLUMNS,
          all.map((e) => [e.id, e.createdAt, e.actorId, e.action, e.subject, e.field, e.reason, e.ip]),
        );
        return sendCsv(reply, 'audit-log.csv', csv);
      }
      const entries = await listAudit(db, { ...filter, limit, offset });
      return {
        entries: entries.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
        nextBefore: entries.length === limit ? entries[entries.length - 1]!.id : null,
        total: await countAudit(db, filter),
        limit,
        offset,
      };
    },
  );
};

const AUDIT_CSV_COLUMNS = ['id', 'at', 'actor_id', 'action', 'subject', 'field', 'reason', 'ip'] as const;

export const accountsRoutes: RoutesPlugin<AccountsRoutesDeps> = async (app, deps) => {
  await app.register(meRoutes, deps);
  await app.register(adminRoutes, deps);
  await app.register(operatorFlagRoutes, deps);
};
