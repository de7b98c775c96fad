import type { Trx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { releaseUnit } from '../wishlist/index.ts';
import { nextStatus, RELEASES_UNIT, type TradeInEvent, type TradeInStatus } from '../../../shared/trade-in-machine.ts';
import { compareAndSetStatus, findTradeIn, insertEvent, type TradeInRow } from './trade-ins.repository.ts';
import type { TradeInsTable } from './trade-ins.tables.ts';
import type { Updateable } from 'kysely';

/** The timestamp column each status stamps when entered (one `*_at` per milestone). */
export const MILESTONE_COLUMN: Partial<Record<TradeInStatus, keyof TradeInsTable>> = {
  in_transit: 'shipped_at',
  delivered: 'delivered_at',
  approved: 'approved_at',
  paid: 'paid_at',
  expired: 'expired_at',
  cancelled: 'cancelled_at',
  returned: 'returned_at',
};

export interface TransitionInput {
  event: TradeInEvent;
  /** The timeline entry's type when it differs from the event (e.g. the carrier's 'picked_up'). */
  timelineType?: string;
  now: Date;
  /** When it happened in the world (a carrier scan's time); defaults to now. */
  occurredAt?: Date;
  data?: Record<string, unknown>;
  set?: Updateable<TradeInsTable>;
}

/**
 * The one way a trade-in changes status: the machine says where `event` leads from the current
 * status, the row moves only if it is still there (compare-and-set), the event row is the
 * seller's timeline entry, and a status that gives the wishlist unit back releases it once.
 * Must run inside the caller's transaction.
 */
export async function transition(trx: Trx, tradeInId: string, input: TransitionInput): Promise<TradeInRow> {
  const current = await findTradeIn(trx, tradeInId);
  if (!current) throw new AppError('not_found', 'Trade-in not found');
  const to = nextStatus(current.status, input.event);
  if (!to) {
    throw new AppError('invalid_transition', `A trade-in that is ${current.status.replaceAll('_', ' ')} cannot ${input.event.replaceAll('_', ' ')}`, {
      details: { status: current.status },
    });
  }
  const set: Updateable<TradeInsTable> = { ...input.set, updated_at: input.now };
  const milestone = MILESTONE_COLUMN[to];
  // A milestone is the first time: a device back to 'delivered' after a lock hold keeps its delivery date.
  if (milestone && current[milestone] == null) (set as Record<string, unknown>)[milestone] = input.occurredAt ?? input.now;
  if (RELEASES_UNIT.has(to) && !current.unit_released_at) set.unit_released_at = input.now;

  const moved = await compareAndSetStatus(trx, tradeInId, current.status, to, set);
  if (!moved) throw new AppError('conflict', 'The trade-in changed at the same time; reload and try again');
  if (RELEASES_UNIT.has(to) && !current.unit_released_at) await releaseUnit(trx, current.wishlist_entry_id);

  await insertEvent(trx, {
    tradeInId,
    type: input.timelineType ?? input.event,
    from: current.status,
    to,
    data: input.data,
    occurredAt: input.occurredAt ?? input.now,
    recordedAt: input.now,
  });
  return moved;
}
