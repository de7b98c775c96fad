import type { Clock } from '../../platform/clock.ts';
import type { Db, Trx } from '../../platform/db/database.ts';
import { onceKey, QUEUE_PROFILES, type Jobs, type QueueSettings } from '../../platform/jobs/index.ts';
import type { TradeInShipping } from '../trade-ins/index.ts';
import type { Carrier } from './carrier.ts';
import { decideCarrierEvent, JOB_CARRIER_EVENT_DECIDE } from './carrier-events.service.ts';
import { JOB_ISSUE_LABEL, JOB_VOID_LABELS, labelOf, requestInboundLabel, requestLabelVoid, runIssueLabel, runVoidLabels, type LabelJob } from './label.jobs.ts';
import type { NotifyFn, NotifyOrganisationFn } from './ports.ts';
import { JOB_ISSUE_RETURN_LABEL, JOB_RETURN_SHIP_BY, requestReturn, runIssueReturnLabel, runReturnShipBy } from './return.jobs.ts';
import { JOB_SHIPPING_EXPIRY, JOB_SHIPPING_REMINDER, runShippingExpiry, runShippingReminder, scheduleShippingWindow } from './shipping-window.jobs.ts';

export interface ShippingDeps {
  db: Db;
  /** Product time: labels, the shipping window, scans. */
  clock: Clock;
  /** Security time: dates the operator flags shipping raises. */
  securityClock: Clock;
  jobs: Jobs;
  carrier: Carrier;
  /** The trade-in e-mails (notifications' job), enqueued in shipping's transactions. */
  notify: NotifyFn;
  /** The e-mails to a refurbisher's team (a return not shipped in time). */
  notifyOrganisation: NotifyOrganisationFn;
  /**
   * What else a delivery starts, in the scan's transaction: the inspection deadline (the
   * inspection module's jobs, wired in runtime.ts; shipping cannot import inspection).
   */
  afterDelivered?: (trx: Trx, tradeInId: string, now: Date) => Promise<void>;
  /**
   * Retries of a failed carrier call before an operator is flagged. Default: 5 retries, 30 s
   * apart and doubling (about 15 minutes in all).
   */
  carrierRetry?: Pick<QueueSettings, 'retryLimit' | 'retryDelaySeconds'>;
}

/** What the rest of the app gets from shipping. */
export interface Shipping {
  /** The steps of the accept and cancel flows that are shipping's (trade-ins calls them). */
  forTradeIns: TradeInShipping;
  /** A delivery scan moved the trade-in: tell the seller and start the inspection deadline (in the scan's transaction). */
  onDelivered(trx: Trx, tradeInId: string, now: Date): Promise<void>;
  /** The carrier's scans of a free return tell the seller (in the scan's transaction). */
  notify: NotifyFn;
  /** The inspection module's step: a free return is owed. */
  forInspection: {
    /** In the transaction that moves the trade-in to return_pending; a second call for the same trade-in does nothing. */
    requestReturn(trx: Trx, tradeInId: string, reason: string): Promise<void>;
  };
}

/** Registers shipping's jobs (labels, the shipping window) and returns its steps for the other modules. */
export function createShipping(deps: ShippingDeps): Shipping {
  const { db, clock, securityClock, jobs, carrier, notify } = deps;
  const enqueue = async (executor: Parameters<Jobs['enqueue']>[0], name: string, data: Record<string, unknown>, opts?: { runAt?: Date; singletonKey?: string }) => {
    await jobs.enqueue(executor, name, data, opts);
  };
  // A carrier is another server: the network profile's expiry (its client must give up first).
  const carrierQueue: QueueSettings = { ...QUEUE_PROFILES.network, retryLimit: 5, retryDelaySeconds: 30, ...deps.carrierRetry };
  const labelDeps = { db, clock, securityClock, carrier, enqueue, notify, retryLimit: carrierQueue.retryLimit ?? 5 };
  const onDelivered = async (trx: Trx, tradeInId: string, now: Date) => {
    await notify(trx, { template: 'delivered', tradeInId });
    await deps.afterDelivered?.(trx, tradeInId, now);
  };
  const returnDeps = { ...labelDeps, notifyOrganisation: deps.notifyOrganisation };
  const windowDeps = { db, clock, enqueue, notify, once: (trx: Trx, key: string) => onceKey(trx, key, clock.now()) };

  jobs.register<LabelJob>(JOB_ISSUE_LABEL, async (data, ctx) => void (await runIssueLabel(labelDeps, data, ctx)), carrierQueue);
  jobs.register<LabelJob>(JOB_ISSUE_RETURN_LABEL, async (data, ctx) => void (await runIssueReturnLabel(returnDeps, data, ctx)), carrierQueue);
  jobs.register<LabelJob>(JOB_RETURN_SHIP_BY, async (data) => void (await runReturnShipBy(returnDeps, data)), QUEUE_PROFILES.database);
  jobs.register<LabelJob>(JOB_VOID_LABELS, async (data, ctx) => void (await runVoidLabels(labelDeps, data, ctx)), carrierQueue);
  jobs.register<{ tradeInId: string; daysBefore: number }>(
    JOB_SHIPPING_REMINDER,
    async (data) => void (await runShippingReminder(windowDeps, data)),
    QUEUE_PROFILES.database,
  );
  jobs.register<{ tradeInId: string }>(JOB_SHIPPING_EXPIRY, async (data) => void (await runShippingExpiry(windowDeps, data)), QUEUE_PROFILES.database);
  // The backstop of a carrier event whose decision did not complete in its request.
  jobs.register<{ eventId: string }>(
    JOB_CARRIER_EVENT_DECIDE,
    async ({ eventId }) => void (await decideCarrierEvent({ db, clock, realClock: securityClock, onDelivered, notify }, eventId)),
    QUEUE_PROFILES.database,
  );

  return {
    onDelivered,
    notify,
    forInspection: {
      requestReturn: (trx, tradeInId, reason) => requestReturn(returnDeps, trx, tradeInId, reason),
    },
    forTradeIns: {
      requestInboundLabel: (trx, tradeInId) => requestInboundLabel(enqueue, trx, tradeInId),
      openShippingWindow: (trx, tradeInId, shipBy, now) => scheduleShippingWindow(enqueue, trx, tradeInId, shipBy, now),
      requestLabelVoid: (trx, tradeInId) => requestLabelVoid(enqueue, trx, tradeInId),
      labelOf,
    },
  };
}
