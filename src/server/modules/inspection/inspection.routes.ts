import { z } from 'zod';
import { INCOMING_BUCKETS, ZIncomingDetail, ZIncomingPage, ZInspectionRequest, ZSellerAnswerResult } from '../../../shared/api/inspection.ts';
import { requireIdempotencyKey } from '../../platform/idempotency.ts';
import { errorResponses, typed, type RoutesPlugin } from '../../platform/http.ts';
import { requireRole } from '../accounts/index.ts';
import { allow, canInspect, refurbisherActor } from '../refurbishers/index.ts';
import { getIncoming, listIncoming } from './incoming.service.ts';
import { fileInspection } from './inspection.service.ts';
import type { Inspection } from './inspection.wiring.ts';
import { sellerAnswer, type SellerAnswer } from './seller-answers.service.ts';

const ZId = z.object({ id: z.string().min(1).max(100) });
const security: { [scheme: string]: string[] }[] = [{ bearerApiKey: [] }, { sessionCookie: [] }];

export interface InspectionRoutesDeps {
  runtime: { inspection: Inspection };
}

/** The refurbisher's incoming devices and the inspection, and the seller's answers to its outcome. */
export const inspectionRoutes: RoutesPlugin<InspectionRoutesDeps> = async (fastify, deps) => {
  const app = typed(fastify);
  const { database, productClock: clock, securityClock, runtime } = deps;
  const db = database.db;
  const services = runtime.inspection.services;
  const inspector = async (req: Parameters<typeof refurbisherActor>[0]) =>
    allow(await refurbisherActor(req, { db, clock: securityClock }), canInspect, 'see or inspect incoming devices');

  fastify.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/refurbisher/')) reply.header('cache-control', 'no-store');
  });

  app.get(
    '/api/refurbisher/trade-ins',
    {
      schema: {
        tags: ['refurbisher'],
        summary: "The organisation's incoming devices: in transit, to inspect (with the deadline), overdue, awaiting the seller, returns to ship",
        security,
        querystring: z.object({ bucket: z.enum(INCOMING_BUCKETS).optional() }),
        response: { 200: ZIncomingPage, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => listIncoming({ db, clock }, await inspector(req), req.query.bucket),
  );

  app.get(
    '/api/refurbisher/trade-ins/:id',
    {
      schema: {
        tags: ['refurbisher'],
        summary: "One incoming device: the seller's answers and grade, the variant and its accessories, the inspections and their outcome",
        security,
        params: ZId,
        response: { 200: ZIncomingDetail, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => getIncoming({ db, clock }, await inspector(req), req.params.id),
  );

  app.post(
    '/api/refurbisher/trade-ins/:id/inspection',
    {
      schema: {
        tags: ['refurbisher'],
        summary: 'File the inspection: its outcome (match, counteroffer, lock hold, refusal) follows from what was found; it is final',
        security,
        params: ZId,
        body: ZInspectionRequest,
        response: { 200: ZIncomingDetail, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => fileInspection(services, await inspector(req), req.params.id, req.body),
  );

  const answerRoute = (path: string, answer: SellerAnswer, summary: string) =>
    app.post(
      `/api/trade-ins/:id/${path}`,
      {
        schema: {
          tags: ['trade-ins'],
          summary,
          params: ZId,
          headers: z.object({ 'idempotency-key': z.string().optional() }).passthrough(),
          response: { 200: ZSellerAnswerResult, ...errorResponses(400, 401, 403, 404, 409, 422) },
        },
      },
      async (req, reply) => {
        const seller = requireRole(req, 'seller');
        const key = requireIdempotencyKey(req.headers['idempotency-key']);
        const result = await sellerAnswer(services, seller.id, req.params.id, answer, key);
        if (result.replayed) reply.header('idempotent-replayed', 'true');
        return reply.code(200).send(result.body);
      },
    );
  answerRoute('counteroffer/accept', 'accept', "Accept the counteroffer: approved at the counteroffer's price");
  answerRoute('counteroffer/reject', 'reject', 'Reject the counteroffer: the device is returned for free');
  answerRoute('lock-removed', 'lock_removed', '"I removed it": the refurbisher is told to check the device again');
};
