import { z } from 'zod';
import {
  ZBulkChange,
  ZBulkChangeResult,
  ZCsvImportResult,
  ZEntryChanges,
  ZEntryPriceHistory,
  ZPriceHistory,
  ZPriceHistoryQuery,
  ZWishlistPage,
  ZWishlistPatch,
  ZWishlistQuery,
  ZWishlistUpsert,
  ZWishlistUpsertResult,
  ZWishlistEntry,
} from '../../../shared/api/wishlist.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { errorResponses, typed, type RoutesPlugin } from '../../platform/http.ts';
import { findVariant } from '../catalog/index.ts';
import { allow, canEditWishlist, canViewWishlist, refurbisherActor, type RefurbisherActor } from '../refurbishers/index.ts';
import { allEntries } from './wishlist.repository.ts';
import { parseWishlistCsv, wishlistToCsv } from './wishlist-csv.ts';
import { bulkChange, entryPriceHistory, getEntryChanges, listWishlist, patchEntry, priceHistory, upsertWishlist, type ChangeSource } from './wishlist.service.ts';

const ZId = z.object({ id: z.string().min(1).max(100) });
const errors = errorResponses(400, 401, 403, 404, 409);
const security: { [scheme: string]: string[] }[] = [{ bearerApiKey: [] }, { sessionCookie: [] }];
/** A 10,000-row file is about 600 kB; room for 50,000 rows. */
const CSV_BODY_LIMIT = 8 * 1024 * 1024;

const sourceOf = (a: RefurbisherActor): ChangeSource => (a.kind === 'key' ? 'api' : 'portal');

export const wishlistRoutes: RoutesPlugin = async (fastify, deps) => {
  const app = typed(fastify);
  const { database, productClock: clock, securityClock } = deps;
  const db = database.db;
  const svc = { db, clock };
  const actorOf = (req: Parameters<typeof refurbisherActor>[0]) => refurbisherActor(req, { db, clock: securityClock });

  // CSV bodies arrive as text (only this plugin's routes accept them).
  fastify.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string', bodyLimit: CSV_BODY_LIMIT }, (_req, body, done) => done(null, body));
  fastify.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/refurbisher/')) reply.header('cache-control', 'no-store');
  });

  app.get(
    '/api/refurbisher/wishlist',
    {
      schema: {
        tags: ['refurbisher'],
        summary: "A page of the organisation's wishlist, each entry with its rank among live prices, the best price and the price to win",
        security,
        querystring: ZWishlistQuery,
        response: { 200: ZWishlistPage, ...errors },
      },
    },
    async (req) => listWishlist(svc, allow(await actorOf(req), canViewWishlist, 'see the wishlist'), req.query),
  );

  app.put(
    '/api/refurbisher/wishlist',
    {
      schema: {
        tags: ['refurbisher'],
        summary: 'Create or change entries by variant and grade, many at once, all or nothing. Changes apply to new quotes only',
        security,
        body: ZWishlistUpsert,
        response: { 200: ZWishlistUpsertResult, ...errors },
      },
      bodyLimit: CSV_BODY_LIMIT,
    },
    async (req) => {
      const actor = allow(await actorOf(req), canEditWishlist, 'change the wishlist');
      const items = req.body.entries.map((e, i) => ({ row: i, variantId: e.variantId, grade: e.grade, priceMinor: e.price.amountMinor, quantity: e.quantity, active: e.active }));
      return upsertWishlist(svc, actor, items, { source: sourceOf(actor), what: 'entries', variantColumn: 'variantId', gradeColumn: 'grade', quantityColumn: 'quantity' });
    },
  );

  app.patch(
    '/api/refurbisher/wishlist/:id',
    {
      schema: { tags: ['refurbisher'], summary: "Change one entry's price, quantity or active", security, params: ZId, body: ZWishlistPatch, response: { 200: ZWishlistEntry, ...errors } },
    },
    async (req) => {
      const actor = allow(await actorOf(req), canEditWishlist, 'change the wishlist');
      return patchEntry(svc, actor, req.params.id, req.body, sourceOf(actor));
    },
  );

  app.post(
    '/api/refurbisher/wishlist/bulk-change',
    {
      schema: {
        tags: ['refurbisher'],
        summary: 'Change the price of selected entries by a percentage or an amount (cents), in one transaction',
        security,
        body: ZBulkChange,
        response: { 200: ZBulkChangeResult, ...errors },
      },
      bodyLimit: CSV_BODY_LIMIT,
    },
    async (req) => {
      const actor = allow(await actorOf(req), canEditWishlist, 'change the wishlist');
      return bulkChange(svc, actor, req.body, sourceOf(actor));
    },
  );

  app.get(
    '/api/refurbisher/wishlist/:id/changes',
    { schema: { tags: ['refurbisher'], summary: "One entry's change history: who, when, old and new", security, params: ZId, response: { 200: ZEntryChanges, ...errors } } },
    async (req) => getEntryChanges(db, allow(await actorOf(req), canViewWishlist, 'see the wishlist'), req.params.id),
  );

  app.get(
    '/api/refurbisher/wishlist/:id/price-history',
    {
      schema: {
        tags: ['refurbisher'],
        summary: "The entry's own live price beside the market's best, over `days` (default 90)",
        security,
        params: ZId,
        querystring: ZPriceHistoryQuery.pick({ days: true }),
        response: { 200: ZEntryPriceHistory, ...errors },
      },
    },
    async (req) => entryPriceHistory(svc, allow(await actorOf(req), canViewWishlist, 'see the wishlist'), req.params.id, req.query.days),
  );

  app.get(
    '/api/refurbisher/wishlist.csv',
    {
      schema: {
        tags: ['refurbisher'],
        summary: 'The whole wishlist as CSV (variant_id, brand, model, variant, grade, price_cents, currency, quantity, active)',
        security,
        produces: ['text/csv'],
        response: { 200: z.string(), ...errors },
      },
    },
    async (req, reply) => {
      const actor = allow(await actorOf(req), canViewWishlist, 'see the wishlist');
      const csv = wishlistToCsv(await allEntries(db, actor.refurbisherId));
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="wishlist.csv"').send(csv);
    },
  );

  app.post(
    '/api/refurbisher/wishlist.csv',
    {
      schema: {
        tags: ['refurbisher'],
        summary: 'Import a CSV (same columns as the export; brand, model, variant and currency are optional). All or nothing: a 400 lists every bad row and column',
        security,
        consumes: ['text/csv'],
        body: z.string().max(CSV_BODY_LIMIT),
        response: { 200: ZCsvImportResult, ...errors },
      },
      bodyLimit: CSV_BODY_LIMIT,
    },
    async (req) => {
      const actor = allow(await actorOf(req), canEditWishlist, 'change the wishlist');
      if (typeof req.body !== 'string') throw new AppError('unsupported_media_type', 'Send the file as text/csv');
      const { items, problems } = parseWishlistCsv(req.body);
      if (items.length === 0 && problems.length === 0) throw new AppError('validation_failed', 'The file has a header but no rows; nothing was changed');
      const result = await upsertWishlist(svc, actor, items, { source: 'csv', what: 'CSV', problems, variantColumn: 'variant_id', gradeColumn: 'grade', quantityColumn: 'quantity' });
      return { ...result, rows: items.length };
    },
  );

  // Public: what sellers see on the offer page.
  app.get(
    '/api/catalog/variants/:id/price-history',
    {
      schema: {
        tags: ['catalogue'],
        summary: 'The best live price for a variant and grade over the last `days` days (default 90)',
        params: ZId,
        querystring: ZPriceHistoryQuery,
        response: { 200: ZPriceHistory, ...errorResponses(400, 404) },
      },
    },
    async (req) => {
      const variant = await findVariant(db, req.params.id);
      if (!variant) throw notFound('Variant');
      return priceHistory(db, { variantId: variant.id, grade: req.query.grade }, req.query.days, clock.now());
    },
  );
};
