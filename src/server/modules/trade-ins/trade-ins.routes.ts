import { z } from 'zod';
import { ZAcceptOffer, ZTradeIn, ZTradeInSummary } from '../../../shared/api/trade-ins.ts';
import { requireIdempotencyKey } from '../../platform/idempotency.ts';
import { errorResponses, typed, type RoutesPlugin } from '../../platform/http.ts';
import { getSellerReadiness, requireRole } from '../accounts/index.ts';
import type { VariantCache } from '../catalog/index.ts';
import { acceptOffer } from './accept-offer.service.ts';
import type { TradeInAftercare } from './aftercare.port.ts';
import type { TradeInPayout } from './payout.port.ts';
import type { TradeInShipping } from './shipping.port.ts';
import { cancelTradeIn, getSellerTradeIn, listSellerTradeIns } from './trade-ins.service.ts';

const ZId = z.object({ id: z.string().max(100) });

export interface TradeInsRoutesDeps {
  runtime: { variants: VariantCache; shipping: { forTradeIns: TradeInShipping }; aftercare: TradeInAftercare; sellerPayout: TradeInPayout };
}

export const tradeInsRoutes: RoutesPlugin<TradeInsRoutesDeps> = async (fastify, deps) => {
  const app = typed(fastify);
  const { database, productClock, runtime } = deps;
  const db = database.db;
  const base = { db, clock: productClock, sellerReadiness: getSellerReadiness, shipping: runtime.shipping.forTradeIns, aftercare: runtime.aftercare, payout: runtime.sellerPayout };

  app.post(
    '/api/offers/:id/accept',
    {
      schema: {
        tags: ['trade-ins'],
        summary: 'Accept an offer: creates the trade-in and reserves one wishlist unit',
        params: ZId,
        body: ZAcceptOffer,
        headers: z.object({ 'idempotency-key': z.string().optional() }).passthrough(),
        response: { 200: ZTradeIn, 201: ZTradeIn, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const seller = requireRole(req, 'seller');
      const key = requireIdempotencyKey(req.headers['idempotency-key']);
      const result = await acceptOffer(
        { ...base, database, variants: runtime.variants, securityClock: deps.securityClock },
        { offerId: req.params.id, sellerId: seller.id, idempotencyKey: key, body: req.body ?? null },
      );
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(result.status as 200 | 201).send(result.body);
    },
  );

  app.get(
    '/api/trade-ins',
    { schema: { tags: ['trade-ins'], summary: 'My trade-ins', response: { 200: z.array(ZTradeInSummary), ...errorResponses(401, 403) } } },
    async (req) => listSellerTradeIns(db, requireRole(req, 'seller').id),
  );

  app.get(
    '/api/trade-ins/:id',
    { schema: { tags: ['trade-ins'], params: ZId, response: { 200: ZTradeIn, ...errorResponses(400, 401, 403, 404) } } },
    async (req) => getSellerTradeIn(base, requireRole(req, 'seller').id, req.params.id),
  );

  app.post(
    '/api/trade-ins/:id/cancel',
    {
      schema: {
        tags: ['trade-ins'],
        summary: 'Cancel before the first carrier scan: the label is voided and the unit released',
        params: ZId,
        response: { 200: ZTradeIn, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const seller = requireRole(req, 'seller');
      const key = requireIdempotencyKey(req.headers['idempotency-key']);
      const result = await cancelTradeIn(base, seller.id, req.params.id, key);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(200).send(result.body);
    },
  );
};
