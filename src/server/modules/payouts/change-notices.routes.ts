import { z } from 'zod';
import { ZPayoutChangeNotice } from '../../../shared/api/payouts.ts';
import type { Keyring } from '../../platform/crypto.ts';
import { errorResponses, typed, type RoutesPlugin } from '../../platform/http.ts';
import { requireRole } from '../accounts/index.ts';
import { confirmChangeNotice, dismissChangeNotice, listChangeNotices, type ChangeNoticesDeps } from './change-notices.service.ts';

export interface ChangeNoticesRoutesDeps {
  secrets: { keyring: Keyring };
  /** The step PUT /api/me/payout-method runs too (wired in runtime.ts): held payouts leave again with the corrected details. */
  runtime: { afterPayoutMethodSaved: ChangeNoticesDeps['afterPayoutMethodSaved'] };
}

const ZId = z.object({ id: z.string().min(1).max(64) });
const ZConfirm = z.object({ currentPassword: z.string().min(1, 'Enter your current password').max(1024) }).strict();

/** /api/me/payout-change-notices: the seller's bank says their details changed; the seller confirms (password) or dismisses. */
export const changeNoticesRoutes: RoutesPlugin<ChangeNoticesRoutesDeps> = async (fastify, deps) => {
  const app = typed(fastify);
  const svc: ChangeNoticesDeps = {
    db: deps.database.db,
    productClock: deps.productClock,
    securityClock: deps.securityClock,
    keyring: deps.secrets.keyring,
    afterPayoutMethodSaved: deps.runtime.afterPayoutMethodSaved,
  };
  const sellersOnly = { preValidation: async (req: Parameters<typeof requireRole>[0]) => void requireRole(req, 'seller') };
  fastify.addHook('onSend', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.get(
    '/api/me/payout-change-notices',
    {
      schema: {
        tags: ['accounts'],
        summary: "Your bank's notifications of change waiting for your answer (corrected details masked)",
        response: { 200: z.object({ items: z.array(ZPayoutChangeNotice) }), ...errorResponses(401, 403) },
      },
      ...sellersOnly,
    },
    async (req) => ({ items: await listChangeNotices(svc, requireRole(req, 'seller').id) }),
  );

  app.post(
    '/api/me/payout-change-notices/:id/confirm',
    {
      schema: {
        tags: ['accounts'],
        summary: "Use the bank's corrected details for future payouts; needs the current password (403 forbidden, field currentPassword, when wrong)",
        params: ZId,
        body: ZConfirm,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
      ...sellersOnly,
    },
    async (req, reply) => {
      await confirmChangeNotice(svc, requireRole(req, 'seller'), req.params.id, { currentPassword: req.body.currentPassword, ip: req.ip });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/me/payout-change-notices/:id/dismiss',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Keep your details as they are; the notice goes away',
        params: ZId,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
      ...sellersOnly,
    },
    async (req, reply) => {
      await dismissChangeNotice(svc, requireRole(req, 'seller').id, req.params.id);
      return reply.code(204).send(null);
    },
  );
};
