import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ZAdvanceClock, ZCarrierEventSent, ZClockAdvanced, ZMailMessage, ZMailSummary, ZSendCarrierEvent } from '../../../shared/api/dev.ts';
import { AdjustableClock } from '../../platform/clock.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { errorResponses, typed, type RoutesPlugin } from '../../platform/http.ts';
import { InvalidDurationError, parseIsoDuration } from '../../platform/jobs/index.ts';
import { requireUser } from '../accounts/index.ts';
import type { Jobs } from '../../platform/jobs/index.ts';
import type { Mailer } from '../../platform/mail/index.ts';
import { findLatestInboundLabel, returnShipmentOf, signPayload } from '../shipping/index.ts';
import { findTradeIn } from '../trade-ins/index.ts';
import { advanceDemoClockOffset } from './demo-clock.repository.ts';
import { canReadMail } from './dev.policy.ts';

/**
 * Demo-mode tools, so the whole journey can be walked by hand: move the clock (deadlines fire),
 * play carrier scans through the real signed webhook, read the e-mails that were "sent".
 * Registered only when TRADELOOP_MODE=demo; absent (404) in production. Every tool needs a
 * signed-in user (401 otherwise), and its state changes pass the same cross-site check as every
 * other cookie-authenticated write (403 from the auth plugin); who reads which e-mail is
 * dev.policy.ts.
 */
export interface DevRoutesDeps {
  runtime: { jobs: Jobs; mailer: Mailer };
}

export const devRoutes: RoutesPlugin<DevRoutesDeps> = async (fastify, deps) => {
  const app = typed(fastify);
  const { productClock: clock, securityClock, runtime, config, database } = deps;

  app.get(
    '/api/dev/clock',
    {
      schema: {
        tags: ['demo'],
        summary: 'Demo only, signed in: what the product clock reads, and how far ahead of the real clock it runs',
        response: { 200: z.object({ now: z.string(), offsetMs: z.number() }), ...errorResponses(401) },
      },
    },
    async (req) => {
      requireUser(req);
      return { now: clock.now().toISOString(), offsetMs: clock instanceof AdjustableClock ? clock.offsetMs : 0 };
    },
  );

  app.post(
    '/api/dev/clock',
    {
      schema: {
        tags: ['demo'],
        summary: 'Demo only, signed in: move the product clock forward (deadlines, not sessions) and run what fell due',
        body: ZAdvanceClock,
        response: { 200: ZClockAdvanced, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (req) => {
      requireUser(req);
      if (!(clock instanceof AdjustableClock)) throw new AppError('conflict', 'This process runs on the system clock');
      let ms: number;
      try {
        ms = parseIsoDuration(req.body.advance);
      } catch (err) {
        if (err instanceof InvalidDurationError) throw new AppError('validation_failed', err.message, { fields: { advance: err.message } });
        throw err;
      }
      // The database holds the offset every process follows (and a restart reloads); this
      // process moves at once, the others when the move's notification reaches them.
      // (Not advance(): this process's own notification may already have caught it up.)
      const before = clock.offsetMs;
      const stored = await advanceDemoClockOffset(database.db, ms);
      clock.catchUp(Math.max(stored, before + ms));
      const now = clock.now();
      const ran = await runtime.jobs.runDue();
      return { now: now.toISOString(), completed: ran.completed, failed: ran.failed };
    },
  );

  app.post(
    '/api/dev/carrier-events',
    {
      schema: {
        tags: ['demo'],
        summary: 'Demo only: send a signed carrier event for a trade-in through the real webhook',
        body: ZSendCarrierEvent,
        response: { 200: ZCarrierEventSent, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const t = await findTradeIn(database.db, req.body.tradeInId);
      if (!t || (t.seller_id !== user.id && user.role !== 'operator')) throw notFound('Trade-in');
      // A device on its way back to the seller is scanned on its return label.
      const returnTracking = t.status === 'return_pending' || t.status === 'returning' ? (await returnShipmentOf(database.db, t.id))?.trackingNumber : null;
      const label = returnTracking ? { tracking_number: returnTracking } : await findLatestInboundLabel(database.db, t.id);
      if (!label) throw notFound('Shipping label');
      const body = JSON.stringify({
        eventId: `demo_${randomUUID()}`,
        trackingNumber: label.tracking_number,
        type: req.body.type,
        occurredAt: clock.now().toISOString(),
      });
      const res = await fastify.inject({
        method: 'POST',
        url: '/api/webhooks/carrier',
        headers: {
          'content-type': 'application/json',
          'tradeloop-signature': signPayload(config.carrierWebhookSecret, body, Math.floor(securityClock.now().getTime() / 1000)),
        },
        payload: body,
      });
      if (res.statusCode !== 200) throw new AppError('internal', `the webhook answered ${res.statusCode}`);
      await runtime.jobs.runDue();
      return { outcome: (res.json() as { outcome: string }).outcome, trackingNumber: label.tracking_number };
    },
  );

  app.get(
    '/api/dev/mailbox',
    {
      schema: {
        tags: ['demo'],
        summary: 'Demo only, signed in: the e-mails written to the outbox that are addressed to you (an operator sees all)',
        response: { 200: z.array(ZMailSummary), ...errorResponses(401) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const mails = await runtime.mailer.listOutbox();
      return mails.filter((m) => canReadMail(user, m.to)).map((m) => ({ id: m.id, to: m.to, subject: m.subject, date: m.date }));
    },
  );

  app.get(
    '/api/dev/mailbox/:id',
    {
      schema: {
        tags: ['demo'],
        summary: 'Demo only, signed in: one e-mail of your mailbox; 404 if it is not addressed to you',
        params: z.object({ id: z.string().regex(/^[0-9a-f]{32}$/) }),
        response: { 200: ZMailMessage, ...errorResponses(400, 401, 404) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const m = await runtime.mailer.readOutboxMessage(req.params.id);
      // Someone else's message is as absent as one that never existed.
      if (!m || !canReadMail(user, m.to)) throw notFound('Message');
      return {
        id: m.id,
        to: m.to,
        subject: m.subject,
        date: m.date,
        text: m.text,
        html: m.html,
        attachments: m.attachments.map((a, i) => ({
          filename: a.filename ?? null,
          contentType: a.contentType,
          size: a.size,
          inline: a.inline,
          url: `/api/dev/mailbox/${m.id}/attachments/${i}`,
        })),
      };
    },
  );

  app.get(
    '/api/dev/mailbox/:id/attachments/:index',
    {
      schema: {
        tags: ['demo'],
        summary: 'Demo only, signed in: one attachment of an e-mail of your mailbox (the label PDF, the QR code), as a download',
        params: z.object({ id: z.string().regex(/^[0-9a-f]{32}$/), index: z.coerce.number().int().min(0).max(99) }),
        response: { 200: z.unknown().describe('The attachment'), ...errorResponses(400, 401, 404) },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const m = await runtime.mailer.readOutboxMessage(req.params.id);
      if (!m || !canReadMail(user, m.to)) throw notFound('Message');
      const a = m.attachments[req.params.index];
      if (!a) throw notFound('Attachment');
      const name = (a.filename ?? `part-${req.params.index}.${a.contentType.split('/')[1] ?? 'bin'}`).replace(/[^A-Za-z0-9._-]/g, '_');
      // Served as a download with its own type; nosniff (security headers) keeps the browser from guessing another.
      return reply.header('content-type', a.contentType).header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'private, no-store').send(a.content);
    },
  );
};
