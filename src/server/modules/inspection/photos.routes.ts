import type { FastifyError } from 'fastify';
import { z } from 'zod';
import { PHOTO_LIMITS, ZPhoto } from '../../../shared/api/inspection.ts';
import { AppError } from '../../platform/errors.ts';
import { errorResponses, typed, type RoutesPlugin } from '../../platform/http.ts';
import { allow, canInspect, refurbisherActor } from '../refurbishers/index.ts';
import { findPhotoWithData } from './photos.repository.ts';
import { uploadPhoto } from './photos.service.ts';
import { tradeInForViewer } from './trade-in-viewer.ts';

const ZId = z.object({ id: z.string().max(100) });
const ZPhotoParams = z.object({ id: z.string().max(100), photoId: z.string().max(100) });
const TOO_LARGE = `A photo may be at most ${PHOTO_LIMITS.maxBytes / 1024 / 1024} MB`;

/**
 * Inspection photos: uploaded as the raw image bytes (no multipart), checked by content and
 * re-encoded (photo-image.ts), stored in the database so every API process serves them.
 * A plugin of its own: the binary body parser and the 10 MB limit apply to these routes only.
 */
export const photosRoutes: RoutesPlugin = async (fastify, deps) => {
  const app = typed(fastify);
  const db = deps.database.db;
  const clock = deps.productClock;

  // The bytes as they came; what they are is decided from their content, never this header.
  const asBuffer = (_req: unknown, body: Buffer, done: (err: null, body: Buffer) => void) => done(null, body);
  fastify.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: PHOTO_LIMITS.maxBytes }, asBuffer);
  fastify.addContentTypeParser(/^image\/[\w.+-]+\s*(;|$)/i, { parseAs: 'buffer', bodyLimit: PHOTO_LIMITS.maxBytes }, asBuffer);
  // A photo over the limit is told the limit; every other error goes on to the app's handler.
  fastify.setErrorHandler((err: FastifyError) => {
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw new AppError('payload_too_large', TOO_LARGE);
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') throw new AppError('unsupported_media_type', 'Send the photo as the request body, as image/jpeg, image/png, image/webp or application/octet-stream');
    throw err;
  });

  app.post(
    '/api/refurbisher/trade-ins/:id/photos',
    {
      bodyLimit: PHOTO_LIMITS.maxBytes,
      schema: {
        tags: ['inspection'],
        summary: `Uploads one inspection photo: the body is the image file itself (JPEG, PNG or WebP, recognised by content; at most ${PHOTO_LIMITS.maxBytes / 1024 / 1024} MB; at most ${PHOTO_LIMITS.maxCount} per inspection). Re-encoded: no metadata (GPS) is kept`,
        security: [{ bearerApiKey: [] }, { sessionCookie: [] }],
        params: ZId,
        response: { 201: ZPhoto, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (req, reply) => {
      const actor = allow(await refurbisherActor(req, { db, clock: deps.securityClock }), canInspect, 'upload inspection photos');
      if (!Buffer.isBuffer(req.body)) {
        throw new AppError('unsupported_media_type', 'Send the photo as the request body, as image/jpeg, image/png, image/webp or application/octet-stream');
      }
      const photo = await uploadPhoto({ database: deps.database, clock }, { tradeInId: req.params.id, refurbisherId: actor.refurbisherId, uploadedBy: actor.actorId, bytes: req.body });
      return reply.code(201).send(photo);
    },
  );

  app.get(
    '/api/trade-ins/:id/photos/:photoId',
    {
      schema: {
        tags: ['inspection'],
        summary: "An inspection photo's bytes, for the trade-in's seller, its refurbisher and operators; 404 for anyone else",
        params: ZPhotoParams,
        response: { 200: z.unknown().describe('JPEG, PNG or WebP'), ...errorResponses(400, 401, 404) },
      },
    },
    async (req, reply) => {
      await tradeInForViewer(req, { db, clock: deps.securityClock }, req.params.id);
      const photo = await findPhotoWithData(db, req.params.id, req.params.photoId);
      if (!photo) throw new AppError('not_found', 'Photo not found');
      return reply
        .type(photo.content_type)
        .header('cache-control', 'private, max-age=3600')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', 'inline')
        .send(photo.data);
    },
  );
};
