import { Readable } from 'node:stream';
import { z } from 'zod';
import { ZPageQuery, zPage } from '../../../shared/api/paging.ts';
import { ZCreatePayoutBatch, ZCreatePayoutBatchResult, ZPayoutBatch, type TCreatePayoutBatchResult } from '../../../shared/api/payouts.ts';
import { recordAudit } from '../../platform/audit.ts';
import { sendCsv, toCsv } from '../../platform/csv.ts';
import { AppError } from '../../platform/errors.ts';
import { errorResponses, typed, type RoutesPlugin } from '../../platform/http.ts';
import { requestHash, requireIdempotencyKey, withIdempotency } from '../../platform/idempotency.ts';
import type { Jobs } from '../../platform/jobs/index.ts';
import { requireRole, type AccountSecrets } from '../accounts/index.ts';
import { batchFileLines, batchFileSha256 } from './batch-file.ts';
import { findBatch, listBatches } from './batches.repository.ts';
import { createBatch, finishBatchFileById, toBatchView, type BatchesDeps } from './batches.service.ts';

export interface PayoutBatchesRoutesDeps {
  secrets: Pick<AccountSecrets, 'keyring'>;
  runtime: { jobs: Pick<Jobs, 'enqueue'> };
}

const ZId = z.object({ id: z.string().min(1).max(100) });
const ZBatchPage = zPage(ZPayoutBatch);
const CSV_COLUMNS = ['id', 'business_date', 'window', 'same_day', 'cutoff_at', 'effective_date', 'file_name', 'entry_count', 'total_cents', 'currency', 'created_at', 'created_by', 'file_written_at', 'file_sha256'] as const;

/** Thrown inside the idempotency transaction to ask whether the key was answered before, without claiming it. */
class NotAnsweredYet extends Error {}

/**
 * /api/admin/payout-batches (docs/payouts/batches.md): operators close the window due now,
 * list the batches (paged, or CSV), see one, and download its NACHA file (audited: it carries
 * full account numbers). Operators only: any other role is 403 before the body is read.
 */
export const payoutBatchesRoutes: RoutesPlugin<PayoutBatchesRoutesDeps> = async (fastify, deps) => {
  const app = typed(fastify);
  const db = deps.database.db;
  const batchesDeps: BatchesDeps = { db, clock: deps.productClock, ach: deps.config.ach, keyring: deps.secrets.keyring, jobs: deps.runtime.jobs };
  const fileDeps = { db, keyring: deps.secrets.keyring, ach: deps.config.ach };
  const operatorsOnly = { preValidation: async (req: Parameters<typeof requireRole>[0]) => void requireRole(req, 'operator') };
  fastify.addHook('onSend', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.post(
    '/api/admin/payout-batches',
    {
      schema: {
        tags: ['admin'],
        summary: "Operators only: close the ACH window due now (or today's named window): every ready payout goes into its batch and NACHA file. Two operators at once get the one batch (created: false for the second)",
        headers: z.object({ 'idempotency-key': z.string().optional() }).passthrough(),
        body: ZCreatePayoutBatch,
        response: { 200: ZCreatePayoutBatchResult, ...errorResponses(400, 401, 403, 422) },
      },
      ...operatorsOnly,
    },
    async (req, reply) => {
      const operator = requireRole(req, 'operator');
      const key = requireIdempotencyKey(req.headers['idempotency-key']);
      const opts = { scope: `payout-batch:${operator.id}`, key, hash: requestHash({ method: 'POST', path: '/api/admin/payout-batches', body: req.body }), now: deps.securityClock.now() };
      // Answered before under this key: the same answer (the window may have moved on since).
      const prior = await db
        .transaction()
        .execute((trx) => withIdempotency<TCreatePayoutBatchResult>(trx, opts, async () => Promise.reject(new NotAnsweredYet())))
        .catch((err: unknown) => {
          if (err instanceof NotAnsweredYet) return undefined;
          throw err;
        });
      if (prior) return reply.header('idempotent-replayed', 'true').code(200).send(prior.body);
      // The batch has its own transaction (and the file comes after its commit); the answer is stored after.
      const result = await createBatch(batchesDeps, { window: req.body.window, by: operator.id });
      const stored = await db.transaction().execute((trx) => withIdempotency(trx, opts, async () => ({ status: 200, body: result })));
      if (stored.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(200).send(stored.body);
    },
  );

  app.get(
    '/api/admin/payout-batches',
    {
      schema: {
        tags: ['admin'],
        summary: 'Operators only: the ACH batches, newest cutoff first (paged), or all of them as CSV with ?format=csv',
        querystring: ZPageQuery,
        response: { 200: ZBatchPage, ...errorResponses(400, 401, 403) },
      },
      ...operatorsOnly,
    },
    async (req, reply) => {
      const { limit, offset, format } = req.query;
      if (format === 'csv') {
        const { rows } = await listBatches(db, null);
        const csv = toCsv(
          CSV_COLUMNS,
          rows.map((b) => [b.id, b.business_date, b.window_name, b.same_day ? 'yes' : 'no', b.cutoff_at, b.effective_date, b.file_name, b.entry_count, Number(b.total_minor), 'USD', b.created_at, b.created_by, b.file_written_at, b.file_sha256]),
        );
        return sendCsv(reply, 'payout-batches.csv', csv);
      }
      const { rows, total } = await listBatches(db, { limit, offset });
      return { items: rows.map(toBatchView), total, limit, offset };
    },
  );

  app.get(
    '/api/admin/payout-batches/:id',
    {
      schema: { tags: ['admin'], summary: 'Operators only: one ACH batch', params: ZId, response: { 200: ZPayoutBatch, ...errorResponses(400, 401, 403, 404) } },
      ...operatorsOnly,
    },
    async (req) => {
      const batch = await findBatch(db, req.params.id);
      if (!batch) throw new AppError('not_found', 'Payout batch not found');
      return toBatchView(batch);
    },
  );

  app.get(
    '/api/admin/payout-batches/:id/file',
    {
      schema: {
        tags: ['admin'],
        summary: "Operators only: the batch's NACHA file (text/plain download), rebuilt from its rows and checked against the recorded SHA-256; audited, since it carries full account numbers",
        params: ZId,
        produces: ['text/plain'],
        response: { 200: z.string(), ...errorResponses(400, 401, 403, 404, 409) },
      },
      ...operatorsOnly,
    },
    async (req, reply) => {
      const operator = requireRole(req, 'operator');
      // A batch whose file a crash left unwritten is finished first (the same bytes a rerun writes).
      const batch = await finishBatchFileById(batchesDeps, req.params.id);
      const check = await batchFileSha256(fileDeps, batch);
      if (check.sha256 !== batch.file_sha256) {
        throw new AppError('conflict', 'The batch rebuilt from its payouts no longer matches the file that was written; nothing was sent (check the payouts of this batch)');
      }
      // The record comes first: no download without its audit entry.
      await recordAudit(db, { actorId: operator.id, action: 'payout_batch.file_downloaded', subject: `payout_batch:${batch.id}`, field: batch.file_name, ip: req.ip, at: deps.securityClock.now() });
      const safe = batch.file_name.replace(/[^A-Za-z0-9._-]/g, '_');
      return reply
        .header('content-type', 'text/plain; charset=us-ascii')
        .header('content-disposition', `attachment; filename="${safe}"`)
        .header('content-length', String(check.bytes))
        .send(Readable.from(batchFileLines(fileDeps, batch)) as unknown as string);
    },
  );
};
