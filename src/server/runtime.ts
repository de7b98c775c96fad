import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Config } from './config.ts';
import { flagBlockedMail, getSellerReadiness, protectedValuesOf } from './modules/accounts/index.ts';
import { VariantCache } from './modules/catalog/index.ts';
import { JOB_ASSESSMENT_RETENTION, RETENTION_INTERVAL_MS, retentionRunKey, runAssessmentRetention } from './modules/offers/index.ts';
import { createNotifications } from './modules/notifications/index.ts';
import { JOB_INVITATION_MAIL, runInvitationMail } from './modules/refurbishers/index.ts';
import { JOB_PRICE_WINDOWS, PRICE_WINDOWS_INTERVAL_MS, priceWindowsRunKey, recordWindowBoundaries } from './modules/wishlist/index.ts';
import { BuiltInCarrier, createShipping, type Carrier, type Shipping, type ShippingDeps } from './modules/shipping/index.ts';
import type { Clock } from './platform/clock.ts';
import type { Keyring } from './platform/crypto.ts';
import type { Database } from './platform/db/database.ts';
import { createJobs, QUEUE_PROFILES, type Jobs, type JobsLogger } from './platform/jobs/index.ts';
import { createMailer, type Mailer } from './platform/mail/index.ts';

/**
 * The long-lived collaborators of a process: job queue, mail, carrier, caches, and each
 * module's steps for the others. This file only wires: the flows and their rules live in the
 * modules that own them (accept and cancel in trade-ins, labels and scans in shipping).
 */
export interface Runtime {
  jobs: Jobs;
  mailer: Mailer;
  carrier: Carrier;
  variants: VariantCache;
  shipping: Shipping;
  /** After jobs.start(): schedules the recurring housekeeping (assessment retention, price-history window edges). Safe from every process. */
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
  /** Tests retry a failing carrier at once instead of 30 s later. */
  carrierRetry?: ShippingDeps['carrierRetry'];
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
  const notifications = createNotifications({
    db,
    clock,
    jobs,
    mailer,
    config,
    protectedValues: (sellerId) => protectedValuesOf(db, input.keyring, sellerId),
    flagBlockedMail: (sellerId, mailKey, now) => flagBlockedMail(db, sellerId, mailKey, now),
  });
  const shipping = createShipping({
    db,
    clock,
    jobs,
    carrier,
    notify: notifications.notify,
    ...(input.carrierRetry ? { carrierRetry: input.carrierRetry } : {}),
  });
  jobs.register<{ invitationId: string }>(JOB_INVITATION_MAIL, async (data) => {
    await runInvitationMail({ db, clock, mailer, config }, data);
  }, QUEUE_PROFILES.network);

  jobs.register(JOB_ASSESSMENT_RETENTION, async () => {
    const run = await runAssessmentRetention({ db, now: () => clock.now(), retentionDays: config.assessmentRetentionDays });
    // Unfinished (a backlog): go on at once, as a new job; finished: the next slot's run.
    const next = run.finished ? new Date(clock.now().getTime() + RETENTION_INTERVAL_MS) : clock.now();
    await jobs.enqueue(db, JOB_ASSESSMENT_RETENTION, {}, { runAt: next, singletonKey: run.finished ? retentionRunKey(next) : `more:${randomUUID()}` });
  }, QUEUE_PROFILES.database);

  jobs.register(JOB_PRICE_WINDOWS, async () => {
    await recordWindowBoundaries(db, clock.now());
    const next = new Date(clock.now().getTime() + PRICE_WINDOWS_INTERVAL_MS);
    await jobs.enqueue(db, JOB_PRICE_WINDOWS, {}, { runAt: next, singletonKey: priceWindowsRunKey(next) });
  }, QUEUE_PROFILES.database);

  async function scheduleMaintenance() {
    // One run per slot, however many processes start in it (the key makes the job id).
    await jobs.enqueue(db, JOB_ASSESSMENT_RETENTION, {}, { singletonKey: retentionRunKey(clock.now()) });
    await jobs.enqueue(db, JOB_PRICE_WINDOWS, {}, { singletonKey: priceWindowsRunKey(clock.now()) });
  }

  return { jobs, mailer, carrier, variants, shipping, scheduleMaintenance };
}
