import { z } from 'zod';
import { ZAdminPayoutQuery } from '../../../shared/api/operator-console.ts';
import { zPage } from '../../../shared/api/paging.ts';
import { ZAdminPayout, type TAdminPayout } from '../../../shared/api/payouts.ts';
import { decryptField, mask, type Keyring } from '../../platform/crypto.ts';
import { sendCsv, toCsv } from '../../platform/csv.ts';
import { errorResponses, typed, type RoutesPlugin } from '../../platform/http.ts';
import { findSellerNames, requireRole } from '../accounts/index.ts';
import { countAdminPayouts, listAdminPayouts, type WaitingReason } from './payouts-admin.repository.ts';

type Row = Awaited<ReturnType<typeof listAdminPayouts>>[number];

function waitingReason(r: Row): WaitingReason | null {
  if (r.status === 'waiting_for_details') return 'no_bank_details';
  if (r.status === 'ready') return 'next_batch';
  if (r.status === 'returned' && r.latest) return 'returned_awaiting_correction';
  return null;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function present(keyring: Keyring, names: Map<string, string>, r: Row): TAdminPayout {
  return {
    id: r.id,
    tradeInId: r.tradeInId,
    sellerId: r.sellerId,
    sellerName: names.get(r.sellerId) ?? '',
    refurbisherId: r.refurbisherId,
    status: r.status,
    waitingReason: waitingReason(r),
    amount: { amountMinor: r.amountMinor, currency: r.currency },
    attempt: r.attempt,
    // The copied account number is opened only to show its last 4; it never leaves whole.
    accountMasked: r.accountNumberSealed ? mask(decryptField(keyring, r.accountNumberSealed, { table: 'payouts', rowId: r.id, column: 'account_number_sealed' })) : null,
    batchId: r.batchId,
    traceNumber: r.traceNumber,
    createdAt: iso(r.createdAt)!,
    readyAt: iso(r.readyAt),
    sentAt: iso(r.sentAt),
    returnedAt: iso(r.returnedAt),
    returnCode: r.returnCode ?? null,
  };
}

const CSV_COLUMNS = [
  'payout_id',
  'trade_in_id',
  'seller_id',
  'seller_name',
  'refurbisher_id',
  'status',
  'waiting_reason',
  'amount_cents',
  'currency',
  'attempt',
  'account',
  'batch_id',
  'trace_number',
  'created_at',
  'ready_at',
  'sent_at',
  'returned_at',
  'return_code',
] as const;

/**
 * GET /api/admin/payouts: every payout, newest first, by status and by why it has not left
 * (no bank details, waiting for the next batch, returned and awaiting the seller's correction).
 * Operators only (403 for anyone else); `?format=csv` exports the whole filtered list.
 */
export const payoutsAdminRoutes: RoutesPlugin<{ secrets: { keyring: Keyring } }> = async (fastify, deps) => {
  const app = typed(fastify);
  const db = deps.database.db;
  fastify.addHook('onSend', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.get(
    '/api/admin/payouts',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Operators only: payouts newest first, filtered by `status` and by `reason` (no_bank_details, next_batch, returned_awaiting_correction); accounts masked (last 4). Pages with limit/offset; `format=csv` exports the filtered list',
        querystring: ZAdminPayoutQuery,
        produces: ['application/json', 'text/csv'],
        response: { 200: z.union([zPage(ZAdminPayout), z.string()]), ...errorResponses(400, 401, 403) },
      },
      preValidation: async (req) => void requireRole(req, 'operator'),
    },
    async (req, reply) => {
      const { status, reason, limit, offset, format } = req.query;
      const filter = { status, reason };
      const rows = await listAdminPayouts(db, filter, format === 'csv' ? { limit: null, offset: 0 } : { limit, offset });
      const names = await findSellerNames(db, rows.map((r) => r.sellerId));
      const items = rows.map((r) => present(deps.secrets.keyring, names, r));
      if (format === 'csv') {
        const csv = toCsv(
          CSV_COLUMNS,
          items.map((p) => [
            p.id,
            p.tradeInId,
            p.sellerId,
            p.sellerName,
            p.refurbisherId,
            p.status,
            p.waitingReason,
            p.amount.amountMinor,
            p.amount.currency,
            p.attempt,
            p.accountMasked,
            p.batchId,
            p.traceNumber,
            p.createdAt,
            p.readyAt,
            p.sentAt,
            p.returnedAt,
            p.returnCode,
          ]),
        );
        return sendCsv(reply, 'payouts.csv', csv);
      }
      return { items, total: await countAdminPayouts(db, filter), limit, offset };
    },
  );
};
