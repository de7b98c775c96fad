import { ZClearOperatorFlag, ZOperatorFlag, ZOperatorFlagId, ZOperatorFlagPage, ZOperatorFlagQuery } from '../../../shared/api/operator-flags.ts';
import { errorResponses, typed, type RoutesPlugin } from '../../platform/http.ts';
import { clearOperatorFlag, listOperatorFlags } from '../../platform/operator-flags.review.ts';
import { authorize, canClearOperatorFlags, canReadOperatorFlags, requireUser } from './accounts.policy.ts';

/**
 * /api/admin/flags: the one list of things an operator must look at (the platform's
 * `operator_flags`), and clearing one with a note. Operators only: any other role is 403 before
 * the body is read, as on every admin route.
 */
export const operatorFlagRoutes: RoutesPlugin = async (fastify, deps) => {
  const app = typed(fastify);
  const db = deps.database.db;
  // Flags name sellers and trade-ins: not for shared caches or the back button.
  fastify.addHook('onSend', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.get(
    '/api/admin/flags',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Operators only: things an operator must look at (a bank account shared by 3 or more sellers, an e-mail the protected-data guard refused, a carrier scan on a cancelled or expired trade-in, a carrier that kept failing to issue or void a label). Open first, newest first; filter by status and kind; page with `after`',
        querystring: ZOperatorFlagQuery,
        response: { 200: ZOperatorFlagPage, ...errorResponses(400, 401, 403) },
      },
      preValidation: async (req) => {
        authorize(req, canReadOperatorFlags, 'read operator flags');
      },
    },
    async (req) => listOperatorFlags(db, { status: req.query.status, kind: req.query.kind, limit: req.query.limit, after: req.query.after }),
  );

  app.post(
    '/api/admin/flags/:id/clear',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Operators only: clear an open flag with a note (who, when and the note are kept on the flag and in the audit log). 409 flag_already_cleared if someone cleared it first, 404 for an unknown id',
        params: ZOperatorFlagId,
        body: ZClearOperatorFlag,
        response: { 200: ZOperatorFlag, ...errorResponses(400, 401, 403, 404, 409) },
      },
      preValidation: async (req) => {
        authorize(req, canClearOperatorFlags, 'clear operator flags');
      },
    },
    async (req) => {
      const actor = requireUser(req);
      return clearOperatorFlag({ db, securityClock: deps.securityClock }, { id: req.params.id, actorId: actor.id, note: req.body.note, ip: req.ip });
    },
  );
};
