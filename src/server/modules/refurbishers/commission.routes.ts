import { z } from 'zod';
import { ZCommission, ZSetCommission } from '../../../shared/api/statements.ts';
import { errorResponses, typed, type RoutesPlugin } from '../../platform/http.ts';
import { requireRole } from '../accounts/index.ts';
import { setCommission } from './commission.service.ts';

/** PUT /api/admin/refurbishers/:id/commission: operators only; a PUT of the value, so a repeat changes nothing. */
export const commissionRoutes: RoutesPlugin = async (fastify, deps) => {
  const app = typed(fastify);
  const svc = { db: deps.database.db, securityClock: deps.securityClock };
  app.put(
    '/api/admin/refurbishers/:id/commission',
    {
      schema: {
        tags: ['operator'],
        summary: "Operators only: the platform's commission on this refurbisher's future approvals, in basis points (0–5000; 1000 = 10 %). Past entries keep theirs; audited",
        params: z.object({ id: z.string().min(1).max(100) }),
        body: ZSetCommission,
        response: { 200: ZCommission, ...errorResponses(400, 401, 403, 404) },
      },
      preValidation: async (req) => void requireRole(req, 'operator'),
    },
    async (req, reply) => {
      const operator = requireRole(req, 'operator');
      reply.header('cache-control', 'no-store');
      return setCommission(svc, { id: operator.id, ip: req.ip }, req.params.id, req.body.bps);
    },
  );
};
