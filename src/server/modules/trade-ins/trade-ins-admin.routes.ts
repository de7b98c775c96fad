import { z } from 'zod';
import { ZAdminTradeIn, ZAdminTradeInQuery, type TAdminTradeIn } from '../../../shared/api/operator-console.ts';
import { zPage } from '../../../shared/api/paging.ts';
import { sendCsv, toCsv } from '../../platform/csv.ts';
import { errorResponses, typed, type RoutesPlugin } from '../../platform/http.ts';
import { requireRole } from '../accounts/index.ts';
import { countAdminTradeIns, listAdminTradeIns } from './trade-ins-admin.repository.ts';

const CSV_COLUMNS = ['trade_in_id', 'status', 'seller_id', 'refurbisher_id', 'price_cents', 'currency', 'accepted_at', 'deadline_kind', 'deadline_at', 'overdue'] as const;

/**
 * GET /api/admin/trade-ins: every trade-in by status and by the deadline it waits on (ship-by,
 * inspection due, counteroffer or lock-hold expiry, return ship-by), soonest first; `overdue=true`
 * for those past it (product time). Operators only; `?format=csv` exports the filtered list.
 */
export const tradeInsAdminRoutes: RoutesPlugin = async (fastify, deps) => {
  const app = typed(fastify);
  const db = deps.database.db;
  fastify.addHook('onSend', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.get(
    '/api/admin/trade-ins',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Operators only: trade-ins by `status`, `overdue` (true/false) and `sort` (deadline: soonest deadline first, the default; newest), each with the deadline its status runs on. Pages with limit/offset; `format=csv` exports the filtered list',
        querystring: ZAdminTradeInQuery,
        produces: ['application/json', 'text/csv'],
        response: { 200: z.union([zPage(ZAdminTradeIn), z.string()]), ...errorResponses(400, 401, 403) },
      },
      preValidation: async (req) => void requireRole(req, 'operator'),
    },
    async (req, reply) => {
      const { status, overdue, sort, limit, offset, format } = req.query;
      const filter = { status, overdue, now: deps.productClock.now() };
      const rows = await listAdminTradeIns(db, filter, sort, format === 'csv' ? { limit: null, offset: 0 } : { limit, offset });
      const items: TAdminTradeIn[] = rows.map((r) => ({
        id: r.id,
        status: r.status,
        sellerId: r.sellerId,
        refurbisherId: r.refurbisherId,
        price: { amountMinor: r.priceMinor, currency: r.currency },
        acceptedAt: r.acceptedAt.toISOString(),
        deadline: r.deadline ? { kind: r.deadline.kind, at: r.deadline.at.toISOString() } : null,
        overdue: r.overdue,
      }));
      if (format === 'csv') {
        const csv = toCsv(
          CSV_COLUMNS,
          items.map((t) => [t.id, t.status, t.sellerId, t.refurbisherId, t.price.amountMinor, t.price.currency, t.acceptedAt, t.deadline?.kind, t.deadline?.at, t.overdue ? 'yes' : 'no']),
        );
        return sendCsv(reply, 'trade-ins.csv', csv);
      }
      return { items, total: await countAdminTradeIns(db, filter), limit, offset };
    },
  );
};
