import { z } from 'zod';
import { ZStatement, ZStatementQuery } from '../../../shared/api/statements.ts';
import { sendCsv } from '../../platform/csv.ts';
import { errorResponses, typed, type RoutesPlugin } from '../../platform/http.ts';
import { renderStatementPdf } from '../../platform/pdf/statement.ts';
import { allow, canViewStatement, refurbisherActor } from '../refurbishers/index.ts';
import { statementCsv } from './statement.csv.ts';
import { currentMonth, getStatement, type StatementPeriod } from './statement.service.ts';

const security: { [scheme: string]: string[] }[] = [{ bearerApiKey: [] }, { sessionCookie: [] }];

/**
 * The refurbisher's statement (docs/payouts/ledger.md) as JSON, CSV (`?format=csv`) and PDF,
 * always of the caller's own refurbisher: no id in the address, so no other one's can be asked for.
 */
export const statementRoutes: RoutesPlugin = async (fastify, deps) => {
  const app = typed(fastify);
  const db = deps.database.db;
  const svc = { db, clock: deps.productClock };
  const actorOf = async (req: Parameters<typeof refurbisherActor>[0]) =>
    allow(await refurbisherActor(req, { db, clock: deps.securityClock }), canViewStatement, 'see the statement');
  // No period given: the current calendar month in New York, by product time.
  const periodOf = (q: { from?: string | undefined; to?: string | undefined }): StatementPeriod =>
    q.from && q.to ? { from: q.from, to: q.to } : currentMonth(deps.productClock.now());
  const filename = (p: StatementPeriod, ext: string) => `statement-${p.from}-to-${p.to}.${ext}`;

  app.get(
    '/api/refurbisher/statement',
    {
      schema: {
        tags: ['refurbisher'],
        summary:
          'The statement of the refurbisher the caller acts for (admins and buyers): opening balance, approvals with commission, returns (no charge), corrections, closing balance. ' +
          '`from`/`to` are New York dates, both included (default: the current month; at most 366 days). `?format=csv` for CSV',
        security,
        querystring: ZStatementQuery,
        produces: ['application/json', 'text/csv'],
        response: { 200: ZStatement, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const actor = await actorOf(req);
      const period = periodOf(req.query);
      const statement = await getStatement(svc, actor.refurbisherId, period);
      reply.header('cache-control', 'private, no-store');
      if (req.query.format === 'csv') return sendCsv(reply, filename(period, 'csv'), statementCsv(statement));
      return statement;
    },
  );

  app.get(
    '/api/refurbisher/statement.pdf',
    {
      schema: {
        tags: ['refurbisher'],
        summary: 'The same statement as a PDF (admins and buyers)',
        security,
        querystring: ZStatementQuery,
        response: { 200: z.unknown().describe('PDF'), ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const actor = await actorOf(req);
      const period = periodOf(req.query);
      const pdf = await renderStatementPdf(await getStatement(svc, actor.refurbisherId, period));
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${filename(period, 'pdf')}"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );
};
