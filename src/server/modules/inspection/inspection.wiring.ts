import type { Clock } from '../../platform/clock.ts';
import type { Db, Executor, Trx } from '../../platform/db/database.ts';
import { onceKey, QUEUE_PROFILES, type Jobs } from '../../platform/jobs/index.ts';
import type { TAftercare } from '../../../shared/api/inspection.ts';
import {
  JOB_COUNTEROFFER_EXPIRY,
  JOB_COUNTEROFFER_REMINDER,
  JOB_LOCK_HOLD_LAPSE,
  runCounterofferExpiry,
  runCounterofferReminder,
  runLockHoldLapse,
} from './deadlines.jobs.ts';
import type { InspectionDeps } from './inspection.service.ts';
import type { EnqueueFn, NotifyOrganisation, NotifySeller, RequestReturn, StartPayout } from './ports.ts';
import type { SellerAnswerDeps } from './seller-answers.service.ts';

export interface InspectionWiringDeps {
  db: Db;
  /** Product time: inspections, counteroffer and lock-hold deadlines. */
  clock: Clock;
  jobs: Jobs;
  notifySeller: NotifySeller;
  notifyOrganisation: NotifyOrganisation;
  /** The free return every path into return_pending owes (shipping's). */
  requestReturn: RequestReturn;
  /** The approval's payout (the payouts module's). */
  startPayout: StartPayout;
  /** The seller's view after delivery as the trade-in page composes it. */
  aftercare: (db: Executor, tradeInId: string) => Promise<TAftercare>;
}

/** What the routes get. */
export interface Inspection {
  services: InspectionDeps & SellerAnswerDeps;
}

/** Registers the inspection's deadline jobs (counteroffer reminder and expiry, lock-hold lapse) and returns its services. */
export function createInspection(deps: InspectionWiringDeps): Inspection {
  const { db, clock, jobs } = deps;
  const enqueue: EnqueueFn = async (executor, name, data, opts) => void (await jobs.enqueue(executor, name, data, opts));
  const jobDeps = { db, clock, enqueue, notifySeller: deps.notifySeller, requestReturn: deps.requestReturn, once: (trx: Trx, key: string) => onceKey(trx, key, clock.now()) };
  jobs.register<{ counterofferId: string }>(JOB_COUNTEROFFER_REMINDER, async (data) => void (await runCounterofferReminder(jobDeps, data)), QUEUE_PROFILES.database);
  jobs.register<{ counterofferId: string }>(JOB_COUNTEROFFER_EXPIRY, async (data) => void (await runCounterofferExpiry(jobDeps, data)), QUEUE_PROFILES.database);
  jobs.register<{ lockHoldId: string }>(JOB_LOCK_HOLD_LAPSE, async (data) => void (await runLockHoldLapse(jobDeps, data)), QUEUE_PROFILES.database);
  return {
    services: {
      db,
      clock,
      enqueue,
      notifySeller: deps.notifySeller,
      notifyOrganisation: deps.notifyOrganisation,
      requestReturn: deps.requestReturn,
      startPayout: deps.startPayout,
      aftercare: deps.aftercare,
    },
  };
}
