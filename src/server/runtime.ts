import path from 'node:path';
import type { Config } from './config.ts';
import { JOB_VERIFICATION_MAIL, protectedValuesOf, runVerificationMail, type AfterPayoutMethodSaved, type RefurbisherOfMember } from './modules/accounts/index.ts';
import { VariantCache } from './modules/catalog/index.ts';
import { aftercareOf, createInspection, registerInspectionDeadlines, registerScorecardScores, type Inspection, type RequestReturn, type ReturnsShippedOnTime } from './modules/inspection/index.ts';
import type { TradeInAftercare, TradeInPayout } from './modules/trade-ins/index.ts';
import { createPayouts, createSellerPayoutView, registerPayoutBatches } from './modules/payouts/index.ts';
import { registerMessageMail } from './modules/messages/index.ts';
import { registerAssessmentRetention } from './modules/offers/index.ts';
import { createNotifications, type Notifications } from './modules/notifications/index.ts';
import { findRefurbisherIdForMember, JOB_INVITATION_MAIL, runInvitationMail, type WishlistEntryCounts } from './modules/refurbishers/index.ts';
import { countEntriesByRefurbisher, registerPriceWindows } from './modules/wishlist/index.ts';
import { BuiltInCarrier, createShipping, returnsShippedOnTime as returnsShippedOnTimeOf, type Carrier, type Shipping, type ShippingDeps } from './modules/shipping/index.ts';
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
  /** Incoming devices, the inspection and its deadlines (counteroffer, lock hold). */
  inspection: Inspection;
  /** What happened after delivery, as the seller sees it (the trade-in page, the e-mails). */
  aftercare: TradeInAftercare;
  /** The trade-in's payout as its seller sees it (the trade-in page). */
  sellerPayout: TradeInPayout;
  /** Releases a seller's waiting payouts when they save bank details (accounts' hook, the payouts module's step). */
  afterPayoutMethodSaved: AfterPayoutMethodSaved;
  /** Which refurbisher a signed-in member acts for (refurbishers' answer to the accounts module's session). */
  refurbisherOfMember: RefurbisherOfMember;
  /** How many wishlist entries each refurbisher has (the wishlist's answer to the operator's list of refurbishers). */
  wishlistEntryCounts: WishlistEntryCounts;
  /** How many free returns a refurbisher shipped on time (shipping's answer to the inspection module's scorecard). */
  returnsShippedOnTime: ReturnsShippedOnTime;
  /** Enqueues a trade-in e-mail in the caller's transaction (the erasure certificate, …). */
  notify: Notifications['notify'];
  /** After jobs.start(): schedules the recurring housekeeping (assessment retention, price-history window edges, scorecard scores). Safe from every process. */
  scheduleMaintenance(): Promise<void>;
}

export interface RuntimeInput {
  config: Config;
  database: Database;
  /** Product time: job due times, deadlines, e-mail dates. */
  productClock: Clock;
  /** Security time: dates the operator flags the jobs raise (a refused e-mail, a failing carrier). */
  securityClock: Clock;
  logger?: JobsLogger;
  /** Tests drive jobs with runDue() instead of background polling. */
  workers?: boolean;
  mailer?: Mailer;
  carrier?: Carrier;
  /** Opens sellers' protected values for the e-mail guard (never to send them). */
  keyring: Keyring;
  /** better-auth's secret, which signs the link of the "confirm your e-mail address" message. */
  authSecret: string;
  /** Tests retry a failing carrier at once instead of 30 s later. */
  carrierRetry?: ShippingDeps['carrierRetry'];
  /** Tests record the free returns the inspection asks for. */
  requestReturn?: RequestReturn;
}

export function createRuntime(input: RuntimeInput): Runtime {
  const { config, database, productClock: clock, securityClock } = input;
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
  const sellerPayout = createSellerPayoutView({ clock, keyring: input.keyring, ach: config.ach });
  const notifications = createNotifications({
    db,
    clock,
    jobs,
    mailer,
    config,
    securityClock,
    protectedValues: (sellerId) => protectedValuesOf(db, input.keyring, sellerId),
    aftercare: aftercareOf,
    payout: sellerPayout,
  });
  const payouts = createPayouts({ db, clock, keyring: input.keyring, jobs, ach: config.ach, notifySeller: notifications.notify });
  const inspectionDeadlines = registerInspectionDeadlines({
    db,
    clock,
    securityClock,
    jobs,
    notifySeller: notifications.notify,
    notifyOrganisation: notifications.notifyOrganisation,
    startPayout: payouts.startPayout,
  });
  const shipping = createShipping({
    db,
    clock,
    securityClock,
    jobs,
    carrier,
    notify: notifications.notify,
    notifyOrganisation: notifications.notifyOrganisation,
    afterDelivered: inspectionDeadlines.scheduleDeadline,
    ...(input.carrierRetry ? { carrierRetry: input.carrierRetry } : {}),
  });
  const requestReturn: RequestReturn = input.requestReturn ?? shipping.forInspection.requestReturn;
  const inspection = createInspection({
    db,
    clock,
    jobs,
    notifySeller: notifications.notify,
    notifyOrganisation: notifications.notifyOrganisation,
    requestReturn,
    startPayout: payouts.startPayout,
    aftercare: aftercareOf,
  });
  jobs.register<{ invitationId: string }>(JOB_INVITATION_MAIL, async (data) => {
    await runInvitationMail({ db, clock, mailer, config }, data);
  }, QUEUE_PROFILES.network);

  jobs.register<{ userId: string; next: string }>(JOB_VERIFICATION_MAIL, async (data, ctx) => {
    await runVerificationMail({ db, clock, mailer, config, authSecret: input.authSecret, keyring: input.keyring }, data, ctx.jobId);
  }, QUEUE_PROFILES.network);

  registerMessageMail({ db, clock, jobs, mailer, config, protectedValues: (sellerId) => protectedValuesOf(db, input.keyring, sellerId) });

  const retention = registerAssessmentRetention({ db, clock, jobs, retentionDays: config.assessmentRetentionDays });
  const priceWindows = registerPriceWindows({ db, clock, jobs });
  const returnsShippedOnTime: ReturnsShippedOnTime = returnsShippedOnTimeOf;
  const scorecardScores = registerScorecardScores({ db, clock, jobs, returnsShippedOnTime });
  const payoutBatches = registerPayoutBatches({ db, clock, ach: config.ach, keyring: input.keyring, jobs, notify: notifications.notify });
  // One run per slot, however many processes start in it.
  async function scheduleMaintenance() {
    await retention.schedule();
    await priceWindows.schedule();
    await scorecardScores.schedule();
    await payoutBatches.schedule();
  }

  return { jobs, mailer, carrier, variants, shipping, inspection, aftercare: aftercareOf, sellerPayout, afterPayoutMethodSaved: payouts.afterPayoutMethodSaved, refurbisherOfMember: findRefurbisherIdForMember, wishlistEntryCounts: countEntriesByRefurbisher, returnsShippedOnTime, notify: notifications.notify, scheduleMaintenance };
}
