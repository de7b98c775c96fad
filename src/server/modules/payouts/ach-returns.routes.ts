import { z } from 'zod';
import { zPage, ZPageQuery } from '../../../shared/api/paging.ts';
import { ZAchReturnRecord, ZAchReturnUploadResult, ZManualAchReturn } from '../../../shared/api/payouts.ts';
import type { Keyring } from '../../platform/crypto.ts';
import { sendCsv, toCsv } from '../../platform/csv.ts';
import { AppError } from '../../platform/errors.ts';
import { errorResponses, typed, type RoutesPlugin } from '../../platform/http.ts';
import { requireIdempotencyKey } from '../../platform/idempotency.ts';
import { requireRole } from '../accounts/index.ts';
import {
  ACH_RETURN_CSV_COLUMNS,
  ACH_RETURN_FILE_LIMIT,
  achReturnCsvRow,
  listReturns,
  recordManualReturn,
  uploadReturnFile,
  type AchReturnsDeps,
  type NotifyPayoutMail,
} from './ach-returns.service.ts';

/** Beyond the base: the keyring (a notification of change's corrected data is sealed) and the seller's e-mails. */
export interface AchReturnsRoutesDeps {
  secrets: { keyring: Keyring };
  runtime: { notify: NotifyPayoutMail };
}

const ZIdempotencyHeaders = z.object({ 'idempotency-key': z.string().optional() }).passthrough();
const ZFileNameQuery = z.object({ fileName: z.string().trim().min(1).max(120).regex(/^[\w.-]+$/, 'letters, digits, dot, dash and underscore').default('returns.ach') });

/**
 * /api/admin/ach-returns: what the bank sent back about payouts (docs/payouts/returns.md).
 * Operators only (any other role is 403 before the body is read).
 */
export const achReturnsRoutes: RoutesPlugin<AchReturnsRoutesDeps> = async (fastify, deps) => {
  const app = typed(fastify);
  const db = deps.database.db;
  const svc: AchReturnsDeps = { db, productClock: deps.productClock, securityClock: deps.securityClock, keyring: deps.secrets.keyring, notify: deps.runtime.notify };
  const operatorsOnly = { preValidation: async (req: Parameters<typeof requireRole>[0]) => void requireRole(req, 'operator') };
  // The bank's file arrives as it is (only this plugin's routes read text bodies).
  fastify.addContentTypeParser(['text/plain', 'application/octet-stream'], { parseAs: 'string', bodyLimit: ACH_RETURN_FILE_LIMIT }, (_req, body, done) => done(null, body));
  fastify.addHook('onSend', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.post(
    '/api/admin/ach-returns',
    {
      schema: {
        tags: ['admin'],
        summary:
          "Operators only: upload the bank's returns file (text/plain, ?fileName=). All of it is recorded or nothing: 422 ach_file_invalid lists every unreadable line, unknown trace number and wrong amount. Re-uploading records nothing twice",
        consumes: ['text/plain'],
        querystring: ZFileNameQuery,
        headers: ZIdempotencyHeaders,
        body: z.string().max(ACH_RETURN_FILE_LIMIT),
        response: { 200: ZAchReturnUploadResult, ...errorResponses(400, 401, 403, 409, 413, 415, 422) },
      },
      bodyLimit: ACH_RETURN_FILE_LIMIT,
      ...operatorsOnly,
    },
    async (req, reply) => {
      const operator = requireRole(req, 'operator');
      if (typeof req.body !== 'string') throw new AppError('unsupported_media_type', "Send the bank's file as text/plain");
      const key = requireIdempotencyKey(req.headers['idempotency-key']);
      const result = await uploadReturnFile(svc, { id: operator.id, ip: req.ip }, { text: req.body, fileName: req.query.fileName, idempotencyKey: key });
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(200).send(result.body);
    },
  );

  app.post(
    '/api/admin/ach-returns/manual',
    {
      schema: {
        tags: ['admin'],
        summary: 'Operators only: record a return the bank reported another way (same effect as a file return); audited',
        headers: ZIdempotencyHeaders,
        body: ZManualAchReturn,
        response: { 201: ZAchReturnRecord, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
      ...operatorsOnly,
    },
    async (req, reply) => {
      const operator = requireRole(req, 'operator');
      const key = requireIdempotencyKey(req.headers['idempotency-key']);
      const result = await recordManualReturn(svc, { id: operator.id, ip: req.ip }, { ...req.body, idempotencyKey: key });
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send(result.body);
    },
  );

  app.get(
    '/api/admin/ach-returns',
    {
      schema: {
        tags: ['admin'],
        summary: 'Operators only: returns and notifications of change, newest first; ?format=csv exports them all',
        querystring: ZPageQuery,
        response: { 200: zPage(ZAchReturnRecord).or(z.string()), ...errorResponses(400, 401, 403) },
      },
      ...operatorsOnly,
    },
    async (req, reply) => {
      const page = await listReturns(db, req.query);
      if (req.query.format === 'csv') return sendCsv(reply, 'ach-returns.csv', toCsv(ACH_RETURN_CSV_COLUMNS, page.items.map(achReturnCsvRow)));
      return page;
    },
  );
};
