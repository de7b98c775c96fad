import type { Clock } from '../../platform/clock.ts';
import type { Db, Executor, Trx } from '../../platform/db/database.ts';
import { hasOpenOperatorFlag, raiseOperatorFlag } from '../../platform/operator-flags.ts';
import { findSellerContact } from '../accounts/index.ts';
import { findVariant } from '../catalog/index.ts';
import { findReceivingAddress } from '../refurbishers/index.ts';
import { findTradeIn, lockTradeIn, type TradeInLabel } from '../trade-ins/index.ts';
import { weightClassFor, type Carrier } from './carrier.ts';
import { findLiveLabel, insertLabel, listLiveLabels, markLabelVoided } from './labels.repository.ts';
import type { EnqueueFn, NotifyFn } from './ports.ts';

/**
 * Labels are bought from the carrier by jobs, never inside a database transaction: a carrier is
 * an HTTP call, a rollback would orphan a label, and a slow carrier would hold the transaction
 * (and on the embedded database every other query) open. The causing transaction (accept,
 * cancel, expiry) enqueues the job; the job calls the carrier with no transaction open and
 * records the result in a short one. Failed calls are retried by the queue; the last attempt
 * flags the trade-in for an operator.
 */
export const JOB_ISSUE_LABEL = 'shipping.issue-label';
export const JOB_VOID_LABELS = 'shipping.void-labels';

export interface LabelJobDeps {
  db: Db;
  clock: Clock;
  /** Dates the operator flag raised when the carrier keeps failing. */
  securityClock: Clock;
  carrier: Carrier;
  enqueue: EnqueueFn;
  notify: NotifyFn;
  /** Attempts after the first (the queue's retryLimit): the last failed one raises the flag. */
  retryLimit: number;
}

export interface LabelJob {
  tradeInId: string;
}

/** Accept: ask for the inbound label, keyed by the trade-in (one label job per trade-in). */
export async function requestInboundLabel(enqueue: EnqueueFn, trx: Trx, tradeInId: string): Promise<void> {
  await enqueue(trx, JOB_ISSUE_LABEL, { tradeInId }, { singletonKey: `${tradeInId}:label:issue` });
}

/** Cancel or expiry (or a label issued after either): void every live label of the trade-in. */
export async function requestLabelVoid(enqueue: EnqueueFn, executor: Executor, tradeInId: string, why = 'closed'): Promise<void> {
  await enqueue(executor, JOB_VOID_LABELS, { tradeInId }, { singletonKey: `${tradeInId}:label:void:${why}` });
}

export type IssueOutcome = 'issued' | 'already_issued' | 'skipped' | 'issued_after_close';

/**
 * Issues the prepaid inbound label (sender: the seller; recipient: the refurbisher's dock) and
 * then enqueues the accepted e-mail, which carries it. Idempotent: a label already on file ends
 * the job. If the trade-in was cancelled while the carrier answered, the label is recorded and
 * voided at once by the void job, so no label is left live with the carrier.
 */
export async function runIssueLabel(deps: LabelJobDeps, job: LabelJob, attempt: { retryCount: number }): Promise<IssueOutcome> {
  const t = await findTradeIn(deps.db, job.tradeInId);
  if (!t || t.status !== 'awaiting_shipment') return 'skipped';
  if (await findLiveLabel(deps.db, t.id)) return 'already_issued';

  const seller = await findSellerContact(deps.db, t.seller_id);
  const to = await findReceivingAddress(deps.db, t.refurbisher_id);
  const variant = await findVariant(deps.db, t.variant_id);
  const weightClass = weightClassFor(variant?.categoryId ?? '');
  let issued;
  try {
    if (!seller?.address) throw new Error(`seller ${t.seller_id} has no postal address for the label`);
    if (!to) throw new Error(`refurbisher ${t.refurbisher_id} has no receiving address`);
    issued = await deps.carrier.issueLabel({ reference: t.id, from: seller.address, to, weightClass });
  } catch (err) {
    await flagOnLastAttempt(deps, attempt, 'label_issue_failed', t.id, err);
    throw err;
  }
  const from = seller.address;

  const outcome = await deps.db.transaction().execute(async (trx): Promise<IssueOutcome> => {
    const now = deps.clock.now();
    // Locked: a cancel either committed before (we see it) or waits for this insert (it voids it).
    const current = await lockTradeIn(trx, t.id);
    // Another run got there first (a retried attempt): ours is surplus, voided after the commit.
    if (await findLiveLabel(trx, t.id)) return 'already_issued';
    await insertLabel(trx, {
      tradeInId: t.id,
      direction: 'inbound',
      carrier: deps.carrier.name,
      service: issued.service,
      weightClass,
      trackingNumber: issued.trackingNumber,
      from,
      to,
      now,
    });
    if (current?.status !== 'awaiting_shipment') {
      await requestLabelVoid(deps.enqueue, trx, t.id, 'issued-after-close');
      return 'issued_after_close';
    }
    // The accepted e-mail attaches the label, so it is chained after it exists.
    await deps.notify(trx, { template: 'accepted', tradeInId: t.id });
    return 'issued';
  });
  if (outcome === 'already_issued') await voidSurplus(deps, issued.trackingNumber);
  return outcome;
}

/** Voids a label the carrier issued twice for one trade-in; not on file, so voided here (no transaction open). */
export async function voidSurplus(deps: Pick<LabelJobDeps, 'db' | 'securityClock' | 'carrier'>, trackingNumber: string): Promise<void> {
  try {
    await deps.carrier.voidLabel(trackingNumber);
  } catch (err) {
    await raiseOperatorFlag(deps.db, deps.securityClock, {
      kind: 'label_void_failed',
      dedupeKey: `label_void_failed:${trackingNumber}`,
      details: { error: messageOf(err), trackingNumber, surplus: true },
    });
  }
}

/**
 * Voids every live label of the trade-in: with the carrier first (no transaction open), then
 * on file. A label the carrier refused stays live on file, so the retry finds it again.
 */
export async function runVoidLabels(deps: LabelJobDeps, job: LabelJob, attempt: { retryCount: number }): Promise<number> {
  const live = await listLiveLabels(deps.db, job.tradeInId);
  for (const label of live) {
    try {
      await deps.carrier.voidLabel(label.tracking_number);
    } catch (err) {
      await flagOnLastAttempt(deps, attempt, 'label_void_failed', job.tradeInId, err);
      throw err;
    }
    await markLabelVoided(deps.db, label.id, deps.clock.now());
  }
  return live.length;
}

/** `incident` names the label when a trade-in can have more than one (its return label). */
export async function flagOnLastAttempt(
  deps: Pick<LabelJobDeps, 'db' | 'securityClock' | 'retryLimit'>,
  attempt: { retryCount: number },
  kind: 'label_issue_failed' | 'label_void_failed',
  tradeInId: string,
  err: unknown,
  incident = tradeInId,
) {
  if (attempt.retryCount < deps.retryLimit) return;
  await raiseOperatorFlag(deps.db, deps.securityClock, {
    kind,
    dedupeKey: `${kind}:${incident}`,
    tradeInId,
    details: { error: messageOf(err), attempts: attempt.retryCount + 1 },
  });
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 500);

/** The inbound label as the seller sees it: on file, still being issued, or flagged. */
export async function labelOf(db: Executor, tradeInId: string): Promise<TradeInLabel> {
  const label = await findLiveLabel(db, tradeInId);
  if (label) return { status: 'ready', carrier: label.carrier, service: label.service, trackingNumber: label.tracking_number };
  if (await hasOpenOperatorFlag(db, 'label_issue_failed', tradeInId)) return { status: 'delayed' };
  return { status: 'preparing' };
}
