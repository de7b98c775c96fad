import { z } from 'zod';
import { ZClearOperatorFlag, ZOperatorFlag, ZOperatorFlagId, ZOperatorFlagPage, ZOperatorFlagQuery } from '../../../shared/api/operator-flags.ts';
import { errorResponses, typed, type RoutesPlugin } from '../../platform/http.ts';
import { sendCsv, toCsv } from '../../platform/csv.ts';
import { clearOperatorFlag, countOperatorFlags, listAllOperatorFlags, listOperatorFlags } from '../../platform/operator-flags.review.ts';
import { authorize, canClearOperatorFlags, canReadOperatorFlags, requireUser } from './accounts.policy.ts';

const FLAG_CSV_COLUMNS = ['id', 'kind', 'status', 'trade_in_id', 'user_ids', 'details', 'created_at', 'updated_at', 'cleared_by', 'cleared_at', 'cleared_note'] as const;

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
          'Operators only: things an operator must look at (a bank account shared by 3 or more sellers, an e-mail the protected-data guard refused, a carrier scan on a cancelled or expired trade-in, a carrier that kept failing to issue or void a label). Open first, newest first; filter by status and kind; page with `after`; `format=csv` exports the filtered list',
        querystring: ZOperatorFlagQuery,
        produces: ['application/json', 'text/csv'],
        response: { 200: z.union([ZOperatorFlagPage, z.string()]), ...errorResponses(400, 401, 403) },
      },
      preValidation: async (req) => {
        authorize(req, canReadOperatorFlags, 'read operator flags');
      },
    },
    async (req, reply) => {
      const filter = { status: req.query.status, kind: req.query.kind };
      if (req.query.format === 'csv') {
        const flags = await listAllOperatorFlags(db, filter);
        const csv = toCsv(
          FLAG_CSV_COLUMNS,
          flags.map((f) => [f.id, f.kind, f.status, f.tradeInId, f.userIds.join(' '), JSON.stringify(f.details), f.createdAt, f.updatedAt, f.clearedBy, f.clearedAt, f.clearedNote]),
        );
        return sendCsv(reply, 'flags.csv', csv);
      }
      const page = await listOperatorFlags(db, { ...filter, limit: req.query.limit, after: req.query.after });
      return { ...page, total: await countOperatorFlags(db, filter) };
    },
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
