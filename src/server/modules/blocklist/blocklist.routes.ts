import { z } from 'zod';
import { ZAddToBlocklist, ZBlocklistEntry, ZBlocklistImeiParam, ZBlocklistPage, ZBlocklistQuery } from '../../../shared/api/blocklist.ts';
import { sendCsv, toCsv } from '../../platform/csv.ts';
import { errorResponses, typed, type RoutesPlugin } from '../../platform/http.ts';
import { requireRole } from '../accounts/index.ts';
import { addToBlocklist, listBlocklist, removeFromBlocklist } from './blocklist.service.ts';

/**
 * /api/admin/blocklist: the IMEIs reported lost or stolen. Operators only (any other role is 403
 * before the body is read); every change is in the audit log.
 */
export const blocklistRoutes: RoutesPlugin = async (fastify, deps) => {
  const app = typed(fastify);
  const db = deps.database.db;
  const serviceDeps = { db, securityClock: deps.securityClock };
  const operatorsOnly = { preValidation: async (req: Parameters<typeof requireRole>[0]) => void requireRole(req, 'operator') };
  fastify.addHook('onSend', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.get(
    '/api/admin/blocklist',
    {
      schema: {
        tags: ['admin'],
        summary: 'Operators only: the IMEIs reported lost or stolen, newest first (in full); `format=csv` exports the whole list',
        querystring: ZBlocklistQuery,
        produces: ['application/json', 'text/csv'],
        response: { 200: z.union([ZBlocklistPage, z.string()]), ...errorResponses(400, 401, 403) },
      },
      ...operatorsOnly,
    },
    async (req, reply) => {
      if (req.query.format === 'csv') {
        const { entries } = await listBlocklist(db, { limit: null, offset: 0 });
        return sendCsv(reply, 'imei-blocklist.csv', toCsv(['imei', 'reason', 'added_by', 'created_at'], entries.map((e) => [e.imei, e.reason, e.addedBy, e.createdAt])));
      }
      return listBlocklist(db, { limit: req.query.limit, offset: req.query.offset });
    },
  );

  app.post(
    '/api/admin/blocklist',
    {
      schema: {
        tags: ['admin'],
        summary: 'Operators only: add an IMEI (15 digits, valid check digit) with the reason; audited. 409 if it is already listed',
        body: ZAddToBlocklist,
        response: { 201: ZBlocklistEntry, ...errorResponses(400, 401, 403, 409) },
      },
      ...operatorsOnly,
    },
    async (req, reply) => {
      const operator = requireRole(req, 'operator');
      return reply.code(201).send(await addToBlocklist(serviceDeps, { id: operator.id, ip: req.ip }, req.body));
    },
  );

  app.delete(
    '/api/admin/blocklist/:imei',
    {
      schema: {
        tags: ['admin'],
        summary: 'Operators only: take an IMEI off the blocklist; audited. 404 if it is not listed',
        params: ZBlocklistImeiParam,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404) },
      },
      ...operatorsOnly,
    },
    async (req, reply) => {
      const operator = requireRole(req, 'operator');
      await removeFromBlocklist(serviceDeps, { id: operator.id, ip: req.ip }, req.params.imei);
      return reply.code(204).send(null);
    },
  );
};
