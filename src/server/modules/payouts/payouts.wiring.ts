import type { Config } from '../../config.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Keyring } from '../../platform/crypto.ts';
import type { Db, Executor, Trx } from '../../platform/db/database.ts';
import { QUEUE_PROFILES, type Jobs } from '../../platform/jobs/index.ts';
import type { TSellerPayout } from '../../../shared/api/payouts.ts';
import { JOB_PAYOUT_DETAILS_REMINDER, runPayoutReminder, type PayoutReminderJob } from './payout-reminder.job.ts';
import type { EnqueueFn, NotifyPayoutSeller } from './ports.ts';
import { sellerPayoutOf, type PayoutCalendar, type SellerPayoutDeps } from './seller-payout.presenter.ts';
import { afterPayoutMethodSaved, startPayout, type PayoutDeps } from './start-payout.service.ts';
import { payoutCalendar, returnReason } from './calendar-binding.ts';

export interface PayoutsWiringDeps {
  db: Db;
  /** Product time. */
  clock: Clock;
  keyring: Keyring;
  jobs: Jobs;
  ach: Config['ach'];
  notifySeller: NotifyPayoutSeller;
}

/** What other modules get from payouts (wired in runtime.ts). */
export interface Payouts {
  /** Inspection's approvals call it in their transaction (inspection/ports.ts StartPayout). */
  startPayout(trx: Trx, tradeInId: string): Promise<void>;
  /** Accounts' save of the bank details calls it in its transaction (accounts' AfterPayoutMethodSaved). */
  afterPayoutMethodSaved(trx: Trx, sellerId: string): Promise<void>;
}

/** The trade-in's payout as its seller sees it (the trade-in page, the e-mails); needs no jobs, so the e-mails can have it before the rest is wired. */
export function createSellerPayoutView(deps: { clock: Clock; keyring: Keyring; ach: Config['ach']; calendar?: PayoutCalendar }): (db: Executor, tradeInId: string) => Promise<TSellerPayout | null> {
  const view: SellerPayoutDeps = { keyring: deps.keyring, calendar: deps.calendar ?? payoutCalendar(deps.ach), returnReason };
  return (db: Executor, tradeInId: string) => sellerPayoutOf(view, db, tradeInId, deps.clock.now());
}

/** Registers the bank-details reminder job and returns the module's steps for the others. */
export function createPayouts(deps: PayoutsWiringDeps): Payouts {
  const { db, clock, jobs } = deps;
  const enqueue: EnqueueFn = async (executor, name, data, opts) => void (await jobs.enqueue(executor, name, data, opts));
  const payoutDeps: PayoutDeps = { clock, keyring: deps.keyring, notifySeller: deps.notifySeller, enqueue };
  jobs.register<PayoutReminderJob>(JOB_PAYOUT_DETAILS_REMINDER, async (data) => void (await runPayoutReminder({ db, clock, enqueue, notifySeller: deps.notifySeller }, data)), QUEUE_PROFILES.database);
  return {
    startPayout: async (trx, tradeInId) => void (await startPayout(payoutDeps, trx, tradeInId)),
    afterPayoutMethodSaved: async (trx, sellerId) => void (await afterPayoutMethodSaved(payoutDeps, trx, sellerId)),
  };
}
