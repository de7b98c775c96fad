import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Config } from './config.ts';
import { flagBlockedMail, protectedValuesOf } from './modules/accounts/index.ts';
import { VariantCache } from './modules/catalog/index.ts';
import { JOB_ASSESSMENT_RETENTION, RETENTION_INTERVAL_MS, retentionRunKey, runAssessmentRetention } from './modules/offers/index.ts';
import { enqueueTradeInMail, findSellerContact, JOB_TRADE_IN_MAIL, runTradeInMail, type TradeInMailJob } from './modules/notifications/index.ts';
import { JOB_INVITATION_MAIL, runInvitationMail } from './modules/refurbishers/index.ts';
import {
  BuiltInCarrier,
  decideCarrierEvent,
  issueInboundLabel,
  JOB_CARRIER_EVENT_DECIDE,
  JOB_SHIPPING_EXPIRY,
  JOB_SHIPPING_REMINDER,
  runShippingExpiry,
  runShippingReminder,
  scheduleShippingWindow,
  voidLabels,
  type Carrier,
  type EnqueueFn,
} from './modules/shipping/index.ts';
import type { TradeInHooks } from './modules/trade-ins/index.ts';
import type { Clock } from './platform/clock.ts';
import type { Keyring } from './platform/crypto.ts';
import type { Database, Trx } from './platform/db/database.ts';
import { AppError } from './platform/errors.ts';
import { createJobs, onceKey, QUEUE_PROFILES, type Jobs, type JobsLogger } from './platform/jobs/index.ts';
import { createMailer, type Mailer } from './platform/mail/index.ts';

/** The long-lived collaborators of a process: job queue, mail, carrier, caches, and the flows that join modules. */
export interface Runtime {
  jobs: Jobs;
  mailer: Mailer;
  carrier: Carrier;
  variants: VariantCache;
  hooks: TradeInHooks & { onDelivered(trx: Trx, tradeInId: string, now: Date): Promise<void> };
  /** After jobs.start(): schedules the recurring housekeeping (assessment retention). Safe from every process. */
  scheduleMaintenance(): Promise<void>;
}

export interface RuntimeInput {
  config: Config;
  database: Database;
  /** Product time: job due times, deadlines, e-mail dates. Nothing here is security time. */
  productClock: Clock;
  logger?: JobsLogger;
  /** Tests drive jobs with runDue() instead of background polling. */
  workers?: boolean;
  mailer?: Mailer;
  carrier?: Carrier;
  /** Opens sellers' protected values for the e-mail guard (never to send them). */
  keyring: Keyring;
}

export function createRuntime(input: RuntimeInput): Runtime {
  const { config, database, productClock: clock } = input;
  const db = database.db;
  const jobs = createJobs(database, {
    clock,
    role: config.role,
    ...(input.logger ? { logger: input.logger } : {}),
    ...(input.workers !== undefined ? { workers: input.workers } : {}),
  });
  const mailer =
    input.mailer ??
    createMailer({
      ...(config.smtpUrl ? { smtpUrl: config.smtpUrl } : {}),
      outboxDir: path.join(config.dataDir, 'outbox'),
      from: config.mailFrom,
      clock,
    });
  const carrier = input.carrier ?? new BuiltInCarrier();
  const variants = new VariantCache(db);
  const enqueue: EnqueueFn = async (executor, name, data, opts) => {
    await jobs.enqueue(executor, name, data, opts);
  };
  const windowDeps = {
    db,
    clock,
    carrier,
    enqueue,
    once: (trx: Trx, key: string) => onceKey(trx, key, clock.now()),
    sendMail: (trx: Trx, mail: TradeInMailJob) => enqueueTradeInMail(enqueue, trx, mail),
  };

  jobs.register<{ tradeInId: string; daysBefore: number }>(JOB_SHIPPING_REMINDER, async (data) => {
    await runShippingReminder(windowDeps, data);
  }, QUEUE_PROFILES.database);
  jobs.register<{ tradeInId: string }>(JOB_SHIPPING_EXPIRY, async (data) => {
    await runShippingExpiry(windowDeps, data);
  }, QUEUE_PROFILES.database);
  jobs.register<{ eventId: string }>(JOB_CARRIER_EVENT_DECIDE, async ({ eventId }) => {
    await decideCarrierEvent(
      // `hooks` is defined below; the job runs only after the runtime is built.
      { db, clock, onDelivered: (trx, tradeInId, now) => hooks.onDelivered(trx, tradeInId, now) },
      eventId,
    );
  }, QUEUE_PROFILES.database);
  jobs.register<TradeInMailJob>(JOB_TRADE_IN_MAIL, async (data) => {
    await runTradeInMail(
      {
        db,
        clock,
        mailer,
        config,
        protectedValues: (sellerId) => protectedValuesOf(db, input.keyring, sellerId),
        flagBlockedMail: (sellerId, mailKey, now) => flagBlockedMail(db, sellerId, mailKey, now),
      },
      data,
    );
  }, QUEUE_PROFILES.network);

  jobs.register<{ invitationId: string }>(JOB_INVITATION_MAIL, async (data) => {
    await runInvitationMail({ db, clock, mailer, config }, data);
  }, QUEUE_PROFILES.network);

  jobs.register(JOB_ASSESSMENT_RETENTION, async () => {
    const run = await runAssessmentRetention({ db, now: () => clock.now(), retentionDays: config.assessmentRetentionDays });
    // Unfinished (a backlog): go on at once, as a new job; finished: the next slot's run.
    const next = run.finished ? new Date(clock.now().getTime() + RETENTION_INTERVAL_MS) : clock.now();
    await enqueue(db, JOB_ASSESSMENT_RETENTION, {}, { runAt: next, singletonKey: run.finished ? retentionRunKey(next) : `more:${randomUUID()}` });
  }, QUEUE_PROFILES.database);

  const hooks: Runtime['hooks'] = {
    async onAccepted(trx, tradeInId, now) {
      const t = await trx.selectFrom('trade_ins').select(['seller_id', 'ship_by']).where('id', '=', tradeInId).executeTakeFirstOrThrow();
      const seller = await findSellerContact(trx, t.seller_id);
      if (!seller?.address) throw new AppError('profile_incomplete', 'Add your address before accepting: the label is issued from it');
      await issueInboundLabel(trx, carrier, tradeInId, seller.address, now);
      await scheduleShippingWindow(enqueue, trx, tradeInId, t.ship_by, now);
      await enqueueTradeInMail(enqueue, trx, { template: 'accepted', tradeInId });
    },
    async onCancelled(trx, tradeInId, now) {
      await voidLabels(trx, carrier, tradeInId, now);
    },
    async onDelivered(trx, tradeInId) {
      await enqueueTradeInMail(enqueue, trx, { template: 'delivered', tradeInId });
    },
  };

  async function scheduleMaintenance() {
    // One run per slot, however many processes start in it (the key makes the job id).
    await enqueue(db, JOB_ASSESSMENT_RETENTION, {}, { singletonKey: retentionRunKey(clock.now()) });
  }

  return { jobs, mailer, carrier, variants, hooks, scheduleMaintenance };
}
