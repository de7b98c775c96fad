import { z } from 'zod';
import { fieldsOf } from '../../../shared/zod-fields.ts';
import { AppError } from '../../platform/errors.ts';
import { errorResponses, typed, type RoutesPlugin } from '../../platform/http.ts';
import type { Jobs } from '../../platform/jobs/index.ts';
import { requireRole, requireUser } from '../accounts/index.ts';
import { refurbisherActor } from '../refurbishers/index.ts';
import { findTradeIn } from '../trade-ins/index.ts';
import { receiveCarrierEvent, ZCarrierEvent, type CarrierEventDeps } from './carrier-events.service.ts';
import type { Shipping } from './shipping.wiring.ts';
import { labelPdfFor, qrPngFor } from './labels.service.ts';
import { verifySignature } from './webhook-signature.ts';

const ZId = z.object({ id: z.string().max(100) });

export interface ShippingRoutesDeps {
  runtime: { jobs: Pick<Jobs, 'enqueue'>; shipping: Pick<Shipping, 'onDelivered' | 'notify'> };
}

export const shippingRoutes: RoutesPlugin<ShippingRoutesDeps> = async (fastify, deps) => {
  const app = typed(fastify);
  const { database, productClock, securityClock, config, runtime } = deps;
  const db = database.db;
  const carrierEvents: CarrierEventDeps = {
    db,
    clock: productClock,
    realClock: securityClock,
    maxSkewSeconds: config.carrierEventMaxSkewSeconds,
    enqueue: async (executor, name, data, opts) => {
      await runtime.jobs.enqueue(executor, name, data, opts);
    },
    onDelivered: runtime.shipping.onDelivered,
    notify: runtime.shipping.notify,
    log: fastify.log,
  };

  /** Only the trade-in's seller sees its label; anyone else is told it does not exist. */
  async function ownTradeIn(sellerId: string, id: string) {
    const t = await findTradeIn(db, id);
    if (!t || t.seller_id !== sellerId) throw new AppError('not_found', 'Trade-in not found');
    return t;
  }

  app.get(
    '/api/trade-ins/:id/label.pdf',
    { schema: { tags: ['shipping'], summary: 'The prepaid 4×6 label (PDF); 404 unless it is your trade-in', params: ZId, response: { 200: z.unknown().describe('PDF'), ...errorResponses(400, 401, 403, 404) } } },
    async (req, reply) => {
      const seller = requireRole(req, 'seller');
      await ownTradeIn(seller.id, req.params.id);
      const { pdf, trackingNumber } = await labelPdfFor(db, req.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="tradeloop-label-${trackingNumber}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  app.get(
    '/api/trade-ins/:id/qr.png',
    { schema: { tags: ['shipping'], summary: 'The drop-off QR code (PNG); 404 unless it is your trade-in', params: ZId, response: { 200: z.unknown().describe('PNG'), ...errorResponses(400, 401, 403, 404) } } },
    async (req, reply) => {
      const seller = requireRole(req, 'seller');
      await ownTradeIn(seller.id, req.params.id);
      return reply.type('image/png').header('cache-control', 'private, no-store').send(await qrPngFor(db, req.params.id));
    },
  );

  app.get(
    '/api/refurbisher/trade-ins/:id/return-label.pdf',
    {
      schema: {
        tags: ['refurbisher'],
        summary: "The prepaid 4×6 return label (PDF), to ship the device back to its seller; 404 unless the trade-in is your organisation's and you are an admin or inspector",
        params: ZId,
        response: { 200: z.unknown().describe('PDF'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const actor = await refurbisherActor(req, { db, clock: securityClock });
      const t = await findTradeIn(db, req.params.id);
      // A buyer handles the wishlist, not parcels: like another organisation's trade-in, not found.
      if (!t || t.refurbisher_id !== actor.refurbisherId || !(actor.role === 'admin' || actor.role === 'inspector')) {
        throw new AppError('not_found', 'Trade-in not found');
      }
      const { pdf, trackingNumber } = await labelPdfFor(db, t.id, 'return');
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="tradeloop-return-label-${trackingNumber}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  app.post(
    '/api/webhooks/carrier',
    {
      // The JSON parser (platform/request-guards.ts) keeps the exact bytes in req.rawBody: the signature covers them.
      bodyLimit: 64 * 1024,
      schema: {
        tags: ['carrier'],
        summary:
          'Carrier tracking events, signed: Tradeloop-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">. Every well-formed event is stored and answered 200 (a replayed eventId changes nothing); 400 for an event dated in the future or before its label (not stored)',
        response: { 200: z.object({ outcome: z.string() }), ...errorResponses(400, 401) },
      },
    },
    async (req, reply) => {
      // Transport freshness is security time: the real clock, never the (possibly advanced) demo clock.
      const nowSeconds = Math.floor(securityClock.now().getTime() / 1000);
      const header = req.headers['tradeloop-signature'];
      const check = verifySignature(config.carrierWebhookSecret, typeof header === 'string' ? header : undefined, req.rawBody ?? '', nowSeconds);
      if (!check.ok) {
        req.log.warn({ reason: check.reason }, 'carrier webhook refused');
        return reply.code(401).send({ error: { code: 'unauthenticated', message: `Invalid signature: ${check.reason}` } });
      }
      const parsed = ZCarrierEvent.safeParse(req.body);
      if (!parsed.success) {
        throw new AppError('validation_failed', 'The carrier event has invalid fields', { fields: fieldsOf(parsed.error) });
      }
      const outcome = await receiveCarrierEvent(carrierEvents, parsed.data);
      return { outcome };
    },
  );
};
