import type { Config } from '../../config.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { QUEUE_PROFILES, type Jobs } from '../../platform/jobs/index.ts';
import type { Mailer } from '../../platform/mail/index.ts';
import type { TAftercare } from '../../../shared/api/inspection.ts';
import { enqueueOrganisationMail, JOB_ORGANISATION_MAIL, runOrganisationMail, type OrganisationMailJob } from './organisation-mail.job.ts';
import { enqueueTradeInMail, JOB_TRADE_IN_MAIL, runTradeInMail, type MailJobDeps, type TradeInMailJob } from './trade-in-mail.job.ts';

export interface NotificationsDeps {
  db: Db;
  /** Product time: the e-mails' dates. */
  clock: Clock;
  /** Security time: dates the operator flag of a message the guard refused. */
  securityClock: Clock;
  jobs: Jobs;
  mailer: Mailer;
  config: Pick<Config, 'publicUrl' | 'port'>;
  /** The seller's protected values, which the mailer refuses to send (the accounts module opens them). */
  protectedValues: (sellerId: string) => Promise<string[]>;
  /** What happened after delivery, as the seller sees it (the inspection module's answer, wired in runtime.ts). */
  aftercare: (db: Db, tradeInId: string) => Promise<TAftercare>;
  /** The trade-in's payout as its seller sees it (the payouts module's answer, wired in runtime.ts). */
  payout?: MailJobDeps['payout'];
}

export interface Notifications {
  /** Enqueues a trade-in e-mail in the caller's transaction; one job per e-mail (singleton key). */
  notify(executor: Executor, mail: TradeInMailJob): Promise<void>;
  /** Enqueues an e-mail to the trade-in's refurbisher team (admins and inspectors) in the caller's transaction. */
  notifyOrganisation(executor: Executor, mail: OrganisationMailJob): Promise<void>;
}

/** Registers the e-mail job and returns how other modules ask for an e-mail. */
export function createNotifications(deps: NotificationsDeps): Notifications {
  const { jobs } = deps;
  jobs.register<TradeInMailJob>(JOB_TRADE_IN_MAIL, async (data) => void (await runTradeInMail(deps, data)), QUEUE_PROFILES.network);
  jobs.register<OrganisationMailJob>(JOB_ORGANISATION_MAIL, async (data) => void (await runOrganisationMail(deps, data)), QUEUE_PROFILES.network);
  const enqueue = async (ex: Executor, name: string, data: Record<string, unknown>, opts: { singletonKey: string }) => void (await jobs.enqueue(ex, name, data, opts));
  return {
    async notify(executor, mail) {
      await enqueueTradeInMail(enqueue, executor, mail);
    },
    async notifyOrganisation(executor, mail) {
      await enqueueOrganisationMail(enqueue, executor, mail);
    },
  };
}
