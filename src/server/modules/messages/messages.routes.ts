import { z as zod } from 'zod';
import { ZMessage, ZMessageThread, ZPostMessage } from '../../../shared/api/inspection.ts';
import type { Keyring } from '../../platform/crypto.ts';
import { errorResponses, typed, type RoutesPlugin } from '../../platform/http.ts';
import { requireIdempotencyKey } from '../../platform/idempotency.ts';
import type { Jobs } from '../../platform/jobs/index.ts';
import { protectedValuesOf, requireRole } from '../accounts/index.ts';
import { allow, canInspect, refurbisherActor } from '../refurbishers/index.ts';
import { messageThread, postMessage, type MessagesDeps } from './messages.service.ts';

const ZId = zod.object({ id: zod.string().max(100) });

export interface MessagesRoutesDeps {
  secrets: { keyring: Keyring };
  runtime: { jobs: Pick<Jobs, 'enqueue'> };
}

/** Messages on a trade-in between its seller and its refurbisher: both sides read the thread and write to it. */
export const messagesRoutes: RoutesPlugin<MessagesRoutesDeps> = async (fastify, deps) => {
  const app = typed(fastify);
  const db = deps.database.db;
  const service: MessagesDeps = {
    db,
    clock: deps.productClock,
    enqueue: (executor, name, data, opts) => deps.runtime.jobs.enqueue(executor, name, data, opts),
    protectedValues: (sellerId) => protectedValuesOf(db, deps.secrets.keyring, sellerId),
  };
  const staff = async (req: Parameters<typeof refurbisherActor>[0]) =>
    allow(await refurbisherActor(req, { db, clock: deps.securityClock }), canInspect, 'read or write messages on trade-ins');
  const limits = `Plain text, 1–2000 characters; a message that seems to carry bank or identity details (a routing or account number, an SSN) is refused (422)`;

  app.get(
    '/api/trade-ins/:id/messages',
    { schema: { tags: ['messages'], summary: 'The messages on my trade-in with its refurbisher', params: ZId, response: { 200: ZMessageThread, ...errorResponses(400, 401, 403, 404) } } },
    async (req) => messageThread(service, { kind: 'seller', sellerId: requireRole(req, 'seller').id }, req.params.id),
  );

  app.post(
    '/api/trade-ins/:id/messages',
    {
      schema: {
        tags: ['messages'],
        summary: `Writes to the refurbisher of my trade-in (Idempotency-Key required); e-mailed to its team. ${limits}`,
        params: ZId,
        body: ZPostMessage,
        response: { 201: ZMessage, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      const seller = requireRole(req, 'seller');
      const key = requireIdempotencyKey(req.headers['idempotency-key']);
      const r = await postMessage(service, { kind: 'seller', sellerId: seller.id }, req.params.id, req.body.body, key);
      if (r.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send(r.body);
    },
  );

  app.get(
    '/api/refurbisher/trade-ins/:id/messages',
    {
      schema: {
        tags: ['messages'],
        summary: "The messages on one of our trade-ins with its seller",
        security: [{ bearerApiKey: [] }, { sessionCookie: [] }],
        params: ZId,
        response: { 200: ZMessageThread, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => messageThread(service, { kind: 'refurbisher', actor: await staff(req) }, req.params.id),
  );

  app.post(
    '/api/refurbisher/trade-ins/:id/messages',
    {
      schema: {
        tags: ['messages'],
        summary: `Writes to the seller of one of our trade-ins (an Idempotency-Key is honoured when sent); e-mailed to the seller. ${limits}`,
        security: [{ bearerApiKey: [] }, { sessionCookie: [] }],
        params: ZId,
        body: ZPostMessage,
        response: { 201: ZMessage, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      const actor = await staff(req);
      const header = req.headers['idempotency-key'];
      const key = header === undefined ? undefined : requireIdempotencyKey(header);
      const r = await postMessage(service, { kind: 'refurbisher', actor }, req.params.id, req.body.body, key);
      if (r.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send(r.body);
    },
  );
};
