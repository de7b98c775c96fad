import type { TTradeIn, TTradeInStatus, TTradeInSummary } from '../../../shared/api/trade-ins.ts';
import { canApply } from '../../../shared/trade-in-machine.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Trx } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { requestHash, withIdempotency } from '../../platform/idempotency.ts';
import type { TReadiness as SellerReadiness } from '../../../shared/api/accounts.ts';
import type { TradeInAftercare } from './aftercare.port.ts';
import type { TradeInPayout } from './payout.port.ts';
import type { TradeInShipping } from './shipping.port.ts';
import { presentSummary, presentTradeIn } from './trade-in.presenter.ts';
import { transition } from './trade-in.transitions.ts';
import { findTradeIn, findTradeInDetail, listEvents, listTradeInsForSeller } from './trade-ins.repository.ts';

export interface TradeInReadDeps {
  db: Db;
  sellerReadiness: (db: Db | Trx, sellerId: string, now: Date) => Promise<SellerReadiness>;
  clock: Clock;
  /** The label shown on the page, and voiding it on cancel. */
  shipping: TradeInShipping;
  /** What happened after delivery (the inspection module's answer). */
  aftercare: TradeInAftercare;
  /** After approval: the payout (the payouts module's answer). */
  payout?: TradeInPayout;
}

export async function listSellerTradeIns(db: Db, sellerId: string): Promise<TTradeInSummary[]> {
  return (await listTradeInsForSeller(db, sellerId)).map(presentSummary);
}

/** A trade-in that is not the seller's is "not found": its existence is not theirs to learn. */
export async function getSellerTradeIn(deps: TradeInReadDeps, sellerId: string, id: string): Promise<TTradeIn> {
  const row = await findTradeInDetail(deps.db, id);
  if (!row || row.seller_id !== sellerId) throw notFound('Trade-in');
  const readiness = await deps.sellerReadiness(deps.db, sellerId, deps.clock.now());
  return presentTradeIn(row, await listEvents(deps.db, id), {
    payoutMethodComplete: readiness.payoutComplete,
    label: await deps.shipping.labelOf(deps.db, id),
    aftercare: await deps.aftercare(deps.db, id),
    payout: (await deps.payout?.(deps.db, id)) ?? null,
    now: deps.clock.now(),
  });
}

/** Why a trade-in that is no longer awaiting shipment cannot be cancelled, in the seller's words. */
function whyNotCancellable(status: TTradeInStatus): string {
  if (status === 'cancelled') return 'This trade-in is already cancelled';
  if (status === 'expired') return 'This trade-in has already expired: it was not shipped in time, so there is nothing to cancel';
  return 'This trade-in can no longer be cancelled: the carrier has already scanned it';
}

/** PRODUCT.md §4 via issue 4: the seller may cancel until the first carrier scan, not after. */
export async function cancelTradeIn(
  deps: TradeInReadDeps,
  sellerId: string,
  id: string,
  idempotencyKey: string,
): Promise<{ status: number; body: TTradeIn; replayed: boolean }> {
  const now = deps.clock.now();
  const hash = requestHash({ method: 'POST', path: `/api/trade-ins/${id}/cancel`, body: null });
  const result = await deps.db.transaction().execute((trx) =>
    withIdempotency(trx, { scope: `cancel:${sellerId}`, key: idempotencyKey, hash, now }, async () => {
      const current = await findTradeIn(trx, id);
      if (!current || current.seller_id !== sellerId) throw notFound('Trade-in');
      if (!canApply(current.status, 'cancel')) {
        throw new AppError('invalid_transition', whyNotCancellable(current.status), { details: { status: current.status } });
      }
      // Cancel: move the status (which releases the unit), then void the label after the commit.
      await transition(trx, id, { event: 'cancel', now, data: { by: 'seller' } });
      await deps.shipping.requestLabelVoid(trx, id);
      return { status: 200, body: null };
    }),
  );
  return { status: result.status, body: await getSellerTradeIn(deps, sellerId, id), replayed: result.replayed };
}
