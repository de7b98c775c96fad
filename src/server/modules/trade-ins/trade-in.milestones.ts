import { sql, type Updateable } from 'kysely';
import type { Trx } from '../../platform/db/database.ts';
import type { TradeInStatus } from '../../../shared/trade-in-machine.ts';
import { MILESTONE_COLUMN } from './trade-in.transitions.ts';
import type { TradeInsTable } from './trade-ins.tables.ts';

export interface EarlierMilestone {
  /** The status whose milestone moves (its `*_at` column, MILESTONE_COLUMN). */
  entered: TradeInStatus;
  /** The status it was entered from: names the one timeline row of that step. */
  from: TradeInStatus;
  /** The earlier time now known for it. */
  at: Date;
  now: Date;
  /** The timeline row's data, now describing the event that gave the earlier time. */
  data: Record<string, unknown>;
  /** Columns that follow the milestone (e.g. a deadline computed from it). */
  set?: Updateable<TradeInsTable>;
}

/**
 * Carriers report out of order: a milestone (`shipped_at`, `delivered_at`, …) is the EARLIEST
 * time reported for it, whichever report arrived first. When an earlier report arrives after
 * the step was taken, the milestone and the step's one timeline row move back to that time;
 * the status never moves, and no second row is written for the same step. Returns whether
 * anything moved (false when the step was never taken or its time is already as early).
 * Must run inside the caller's transaction, with the trade-in locked (`lockTradeIn`).
 */
export async function moveMilestoneEarlier(trx: Trx, tradeInId: string, m: EarlierMilestone): Promise<boolean> {
  const column = MILESTONE_COLUMN[m.entered];
  if (!column) throw new Error(`${m.entered} has no milestone column`);
  const step = await trx
    .selectFrom('trade_in_events')
    .select(['id', 'occurred_at'])
    .where('trade_in_id', '=', tradeInId)
    .where('from_status', '=', m.from)
    .where('to_status', '=', m.entered)
    .executeTakeFirst();
  if (!step || step.occurred_at.getTime() <= m.at.getTime()) return false;
  await trx
    .updateTable('trade_ins')
    .set({ ...m.set, [column]: m.at, updated_at: m.now } as Updateable<TradeInsTable>)
    .where('id', '=', tradeInId)
    .where(sql.ref(column), '>', m.at)
    .execute();
  await trx.updateTable('trade_in_events').set({ occurred_at: m.at, data: JSON.stringify(m.data) }).where('id', '=', step.id).execute();
  return true;
}
