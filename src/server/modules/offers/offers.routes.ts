import { z } from 'zod';
import { ZCreateAssessment, ZQuote } from '../../../shared/api/quotes.ts';
import { errorResponses, typed, type RoutesPlugin } from '../../platform/http.ts';
import type { VariantCache } from '../catalog/index.ts';
import { addressBucket } from '../../platform/client-address.ts';
import { takeQuoteToken } from './quote-rate-limit.ts';
import { createQuote, getQuoteByAssessment, getQuoteByOffer } from './quote.service.ts';

export const offersRoutes: RoutesPlugin<{ runtime: { variants: VariantCache } }> = async (fastify, { config, database, productClock, securityClock, runtime }) => {
  const app = typed(fastify);
  const db = database.db;
  const variants = runtime.variants;

  app.post(
    '/api/assessments',
    {
      schema: {
        tags: ['quote'],
        summary: 'Grade a device and get the best offer with the ladder of every grade',
        body: ZCreateAssessment,
        response: { 201: ZQuote, ...errorResponses(400, 404, 429) },
      },
      // Before the body is parsed or graded: a refused quote costs one statement.
      onRequest: async (req) => takeQuoteToken(db, `address:${addressBucket(req.ip)}`, config.quoteRateLimit, securityClock.now()),
    },
    async (req, reply) => reply.code(201).send(await createQuote({ database, clock: productClock, variants }, req.body)),
  );

  app.get(
    '/api/assessments/:id',
    { schema: { tags: ['quote'], params: z.object({ id: z.string().max(100) }), response: { 200: ZQuote, ...errorResponses(400, 404) } } },
    async (req) => getQuoteByAssessment(db, productClock, variants, req.params.id),
  );

  app.get(
    '/api/offers/:id',
    { schema: { tags: ['quote'], params: z.object({ id: z.string().max(100) }), response: { 200: ZQuote, ...errorResponses(400, 404) } } },
    async (req) => getQuoteByOffer(db, productClock, variants, req.params.id),
  );
};
