import { RETURN_SHIP_BUSINESS_DAYS } from '../../../shared/deadlines.ts';
import type { TReturnShipment } from '../../../shared/api/inspection.ts';
import { addBusinessDaysToInstant } from '../../platform/business-days.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Executor, Trx } from '../../platform/db/database.ts';
import { raiseOperatorFlag } from '../../platform/operator-flags.ts';
import { findSellerContact } from '../accounts/index.ts';
import { findVariant } from '../catalog/index.ts';
import { findReceivingAddress } from '../refurbishers/index.ts';
import { findTradeIn, lockTradeIn } from '../trade-ins/index.ts';
import { weightClassFor, type Carrier } from './carrier.ts';
import { flagOnLastAttempt, voidSurplus, type LabelJob } from './label.jobs.ts';
import { findLiveLabel, insertLabel } from './labels.repository.ts';
import type { EnqueueFn, NotifyFn, NotifyOrganisationFn } from './ports.ts';
import { countReturnsShippedOnTime, findReturnShipment, insertReturnShipment, markReturnFlagged } from './return-shipments.repository.ts';

/**
 * The free return (docs/product.md §5): after a rejection, an expired counteroffer, a refusal or
 * a lock not removed in time, the refurbisher ships the device back on a prepaid label within 2
 * business days (its first carrier scan), or operators are flagged. The label is bought by a job
 * like the inbound one (no carrier call inside a transaction), from the refurbisher's receiving
 * address to the seller's.
 */
export const JOB_ISSUE_RETURN_LABEL = 'shipping.issue-return-label';
export const JOB_RETURN_SHIP_BY = 'shipping.return-ship-by';

export interface ReturnDeps {
  db: Db;
  clock: Clock;
  securityClock: Clock;
  carrier: Carrier;
  enqueue: EnqueueFn;
  notify: NotifyFn;
  notifyOrganisation: NotifyOrganisationFn;
  retryLimit: number;
}

/**
 * Owes the seller a free return: records it (ship-by in 2 business days), asks for the label,
 * schedules the ship-by check and tells the seller. Runs in the caller's transaction (the one
 * that moves the trade-in to return_pending); a second call for the same trade-in does nothing.
 */
export async function requestReturn(deps: Pick<ReturnDeps, 'clock' | 'enqueue' | 'notify'>, trx: Trx, tradeInId: string, reason: string): Promise<void> {
  const t = await findTradeIn(trx, tradeInId);
  if (!t) throw new Error(`trade-in ${tradeInId} not found for its return`);
  const now = deps.clock.now();
  const shipBy = addBusinessDaysToInstant(now, RETURN_SHIP_BUSINESS_DAYS);
  if (!(await insertReturnShipment(trx, { tradeInId, refurbisherId: t.refurbisher_id, reason, shipBy, now }))) return;
  await deps.enqueue(trx, JOB_ISSUE_RETURN_LABEL, { tradeInId }, { singletonKey: `${tradeInId}:label:return` });
  await deps.enqueue(trx, JOB_RETURN_SHIP_BY, { tradeInId }, { runAt: shipBy, singletonKey: `${tradeInId}:return:ship-by` });
  await deps.notify(trx, { template: 'return_requested', tradeInId });
}

/**
 * Issues the return label (sender: the refurbisher's dock; recipient: the seller). Idempotent:
 * a live return label ends the job; a second one issued by a retried attempt is voided.
 */
export async function runIssueReturnLabel(deps: ReturnDeps, job: LabelJob, attempt: { retryCount: number }): Promise<'issued' | 'already_issued' | 'skipped'> {
  const t = await findTradeIn(deps.db, job.tradeInId);
  if (!t || t.status !== 'return_pending') return 'skipped';
  if (await findLiveLabel(deps.db, t.id, 'return')) return 'already_issued';
  const from = await findReceivingAddress(deps.db, t.refurbisher_id);
  const seller = await findSellerContact(deps.db, t.seller_id);
  const variant = await findVariant(deps.db, t.variant_id);
  const weightClass = weightClassFor(variant?.categoryId ?? '');
  let issued;
  try {
    if (!from) throw new Error(`refurbisher ${t.refurbisher_id} has no receiving address to ship the return from`);
    if (!seller?.address) throw new Error(`seller ${t.seller_id} has no postal address for the return`);
    issued = await deps.carrier.issueLabel({ reference: `${t.id}:return`, from, to: seller.address, weightClass });
  } catch (err) {
    await flagOnLastAttempt(deps, attempt, 'label_issue_failed', t.id, err, `return:${t.id}`);
    throw err;
  }
  const to = seller.address;
  const outcome = await deps.db.transaction().execute(async (trx) => {
    await lockTradeIn(trx, t.id);
    if (await findLiveLabel(trx, t.id, 'return')) return 'already_issued' as const;
    await insertLabel(trx, {
      tradeInId: t.id,
      direction: 'return',
      carrier: deps.carrier.name,
      service: issued.service,
      weightClass,
      trackingNumber: issued.trackingNumber,
      from,
      to,
      now: deps.clock.now(),
    });
    return 'issued' as const;
  });
  if (outcome === 'already_issued') await voidSurplus(deps, issued.trackingNumber);
  return outcome;
}

/**
 * At ship-by with no first scan of the return: an operator flag and an e-mail to the team, once.
 * Early (a clock moved back, a manual run) it keeps the check alive for the real date.
 */
export async function runReturnShipBy(deps: ReturnDeps, data: { tradeInId: string }): Promise<'shipped' | 'not_due' | 'already_flagged' | 'flagged' | 'skipped'> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const r = await findReturnShipment(trx, data.tradeInId);
    const t = await findTradeIn(trx, data.tradeInId);
    if (!r || !t) return 'skipped';
    if (r.shipped_at || t.status !== 'return_pending') return 'shipped';
    if (now.getTime() < r.ship_by.getTime()) {
      await deps.enqueue(trx, JOB_RETURN_SHIP_BY, { tradeInId: t.id }, { runAt: r.ship_by, singletonKey: `${t.id}:return:ship-by:${now.getTime()}` });
      return 'not_due';
    }
    if (!(await markReturnFlagged(trx, t.id, now))) return 'already_flagged';
    await raiseOperatorFlag(trx, deps.securityClock, {
      kind: 'return_not_shipped',
      dedupeKey: `return_not_shipped:${t.id}`,
      tradeInId: t.id,
      details: { refurbisherId: t.refurbisher_id, shipBy: r.ship_by.toISOString() },
    });
    await deps.notifyOrganisation(trx, { template: 'return_not_shipped', tradeInId: t.id });
    return 'flagged';
  });
}

/** The free return as both sides see it (null when none is owed); the label link is the refurbisher's. */
export async function returnShipmentOf(db: Executor, tradeInId: string): Promise<TReturnShipment | null> {
  const r = await findReturnShipment(db, tradeInId);
  if (!r) return null;
  const label = await findLiveLabel(db, tradeInId, 'return');
  return {
    reason: r.reason,
    shipBy: r.ship_by.toISOString(),
    trackingNumber: label?.tracking_number ?? null,
    labelUrl: label ? `/api/refurbisher/trade-ins/${encodeURIComponent(tradeInId)}/return-label.pdf` : null,
    shippedAt: r.shipped_at?.toISOString() ?? null,
    deliveredAt: r.delivered_at?.toISOString() ?? null,
  };
}

/** For the scorecard: the refurbisher's returns since `since` whose ship-by was decided, and how many shipped on time. */
export function returnsShippedOnTime(db: Executor, refurbisherId: string, since: Date): Promise<{ total: number; onTime: number }> {
  return countReturnsShippedOnTime(db, refurbisherId, since);
}
