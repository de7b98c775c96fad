import { z } from 'zod';
import { ZErasureCertificate, ZRecordErasure } from '../../../shared/api/inspection.ts';
import { AppError } from '../../platform/errors.ts';
import { errorResponses, typed, type RoutesPlugin } from '../../platform/http.ts';
import { allow, canInspect, refurbisherActor } from '../refurbishers/index.ts';
import { normaliseErasureCode } from './erasure-code.ts';
import { findErasureCertificateByCode } from './erasure.repository.ts';
import { erasureCertificatePdf, publicCertificate, recordErasure, type ErasureDeps } from './erasure.service.ts';
import { tradeInForViewer } from './trade-in-viewer.ts';

const ZId = z.object({ id: z.string().max(100) });

export interface ErasureRoutesDeps {
  runtime: { variants: ErasureDeps['variants']; notify: ErasureDeps['notify'] };
}

/** Data erasure certificates: recorded by the inspector, a PDF for the people of the trade-in, a public check of the code. */
export const erasureRoutes: RoutesPlugin<ErasureRoutesDeps> = async (fastify, deps) => {
  const app = typed(fastify);
  const db = deps.database.db;
  const publicBase = deps.config.publicUrl ?? `http://localhost:${deps.config.port}`;
  const service: ErasureDeps = { db, clock: deps.productClock, variants: deps.runtime.variants, notify: deps.runtime.notify, publicBase };

  app.post(
    '/api/refurbisher/trade-ins/:id/erasure',
    {
      schema: {
        tags: ['inspection'],
        summary: 'Records the data erasure of an approved device (once) and issues its certificate; the seller gets it by e-mail',
        security: [{ bearerApiKey: [] }, { sessionCookie: [] }],
        params: ZId,
        body: ZRecordErasure,
        response: { 201: ZErasureCertificate, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const actor = allow(await refurbisherActor(req, { db, clock: deps.securityClock }), canInspect, 'record a data erasure');
      return reply.code(201).send(await recordErasure(service, actor, req.params.id, req.body));
    },
  );

  app.get(
    '/api/trade-ins/:id/erasure-certificate.pdf',
    {
      schema: {
        tags: ['inspection'],
        summary: "The data erasure certificate (PDF), for the trade-in's seller, its refurbisher and operators; 404 for anyone else or before it is recorded",
        params: ZId,
        response: { 200: z.unknown().describe('PDF'), ...errorResponses(400, 401, 404) },
      },
    },
    async (req, reply) => {
      await tradeInForViewer(req, { db, clock: deps.securityClock }, req.params.id);
      const found = await erasureCertificatePdf(db, publicBase, req.params.id);
      if (!found) throw new AppError('not_found', 'No data erasure has been recorded for this trade-in yet');
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${found.filename}"`)
        .header('cache-control', 'private, no-store')
        .send(found.pdf);
    },
  );

  app.get(
    '/api/verify/:code',
    {
      schema: {
        tags: ['inspection'],
        summary: 'Checks a data erasure certificate by its code (public): what it certifies, with the IMEI or serial masked but for its last 4 characters; 404 for an unknown code',
        params: z.object({ code: z.string().max(40) }),
        response: { 200: ZErasureCertificate, ...errorResponses(400, 404) },
      },
    },
    async (req) => {
      const code = normaliseErasureCode(req.params.code);
      const row = code ? await findErasureCertificateByCode(db, code) : undefined;
      if (!row) throw new AppError('not_found', 'No certificate has this code');
      return publicCertificate(row);
    },
  );
};
