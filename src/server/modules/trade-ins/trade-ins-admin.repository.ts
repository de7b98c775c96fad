import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { TradeInStatus } from '../../../shared/trade-in-machine.ts';

export type DeadlineKind = 'ship_by' | 'inspection_due' | 'counteroffer_expires' | 'lock_hold_expires' | 'return_ship_by';

export interface AdminTradeInFilter {
  status?: TradeInStatus | undefined;
  /** Only those whose current deadline has passed at `now` (product time). */
  overdue?: boolean | undefined;
  now: Date;
}

type Eb = ExpressionBuilder<DB & { t: DB['trade_ins'] }, 't'>;

/**
 * The deadline in force for the trade-in's status, in one expression so that the list can be
 * ordered and paged by it on the server: the ship-by and inspection due date the trade-in keeps,
 * the open counteroffer's and lock hold's expiry (inspection), the free return's ship-by
 * (shipping). Read-only; see test/table-ownership/exceptions.ts.
 */
function deadlineOf(eb: Eb) {
  return eb
    .case()
    .when('t.status', '=', 'awaiting_shipment')
    .then(eb.ref('t.ship_by'))
    .when('t.status', '=', 'delivered')
    .then(eb.ref('t.inspection_due_at'))
    .when('t.status', '=', 'counteroffered')
    .then(eb.selectFrom('counteroffers as c').select('c.due_at').whereRef('c.trade_in_id', '=', 't.id').where('c.state', '=', 'open').orderBy('c.created_at', 'desc').limit(1))
    .when('t.status', '=', 'account_locked')
    .then(eb.selectFrom('lock_holds as l').select('l.due_at').whereRef('l.trade_in_id', '=', 't.id').where('l.resolved_at', 'is', null).orderBy('l.created_at', 'desc').limit(1))
    .when('t.status', '=', 'return_pending')
    .then(eb.selectFrom('return_shipments as rs').select('rs.ship_by').whereRef('rs.trade_in_id', '=', 't.id').limit(1))
    .else(null)
    .end();
}

const KIND_OF: Partial<Record<TradeInStatus, DeadlineKind>> = {
  awaiting_shipment: 'ship_by',
  delivered: 'inspection_due',
  counteroffered: 'counteroffer_expires',
  account_locked: 'lock_hold_expires',
  return_pending: 'return_ship_by',
};

function base(db: Executor, f: AdminTradeInFilter) {
  let inner = db.selectFrom('trade_ins as t').select((eb) => [
    't.id',
    't.status',
    't.seller_id as sellerId',
    't.refurbisher_id as refurbisherId',
    't.price_minor as priceMinor',
    't.currency',
    't.accepted_at as acceptedAt',
    deadlineOf(eb).as('deadline'),
  ]);
  if (f.status) inner = inner.where('t.status', '=', f.status);
  let q = db.selectFrom(inner.as('x'));
  if (f.overdue === true) q = q.where('x.deadline', '<', f.now);
  if (f.overdue === false) q = q.where((eb) => eb.or([eb('x.deadline', 'is', null), eb('x.deadline', '>=', f.now)]));
  return q;
}

/** Soonest deadline first (none last), or newest first; `limit: null` for the whole list (CSV). */
export async function listAdminTradeIns(db: Executor, f: AdminTradeInFilter, sort: 'deadline' | 'newest', page: { limit: number | null; offset: number }) {
  let q = base(db, f).selectAll('x');
  q = sort === 'deadline' ? q.orderBy((eb) => eb('x.deadline', 'is', null)).orderBy('x.deadline', 'asc').orderBy('x.id', 'asc') : q.orderBy('x.acceptedAt', 'desc').orderBy('x.id', 'desc');
  if (page.limit !== null) q = q.limit(page.limit).offset(page.offset);
  const rows = await q.execute();
  return rows.map((r) => {
    const deadline = r.deadline === null ? null : new Date(r.deadline as Date | string);
    const kind = KIND_OF[r.status];
    return {
      ...r,
      acceptedAt: new Date(r.acceptedAt),
      deadline: deadline && kind ? { kind, at: deadline } : null,
      overdue: deadline !== null && deadline.getTime() < f.now.getTime(),
    };
  });
}

export async function countAdminTradeIns(db: Executor, f: AdminTradeInFilter): Promise<number> {
  const { n } = await base(db, f)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}
