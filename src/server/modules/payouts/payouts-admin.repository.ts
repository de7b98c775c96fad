import { type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { DB } from '../../db/schema.ts';
import type { PayoutStatus } from './payouts.tables.ts';

/** Why a payout has not left yet (shared/api/payouts.ts ZPayoutWaitingReason). */
export type WaitingReason = 'no_bank_details' | 'next_batch' | 'returned_awaiting_correction';

export interface AdminPayoutFilter {
  status?: PayoutStatus | undefined;
  reason?: WaitingReason | undefined;
}

/** A returned payout that no later attempt of the same trade-in has replaced yet: the seller must correct their details. */
const isLatestAttempt = (eb: ExpressionBuilder<DB & { p: DB['payouts'] }, 'p'>) =>
  eb.not(eb.exists(eb.selectFrom('payouts as later').select('later.id').whereRef('later.trade_in_id', '=', 'p.trade_in_id').whereRef('later.attempt', '>', 'p.attempt')));

function filtered(db: Executor, f: AdminPayoutFilter): SelectQueryBuilder<DB & { p: DB['payouts'] }, 'p', object> {
  let q = db.selectFrom('payouts as p');
  if (f.status) q = q.where('p.status', '=', f.status);
  if (f.reason === 'no_bank_details') q = q.where('p.status', '=', 'waiting_for_details');
  if (f.reason === 'next_batch') q = q.where('p.status', '=', 'ready');
  if (f.reason === 'returned_awaiting_correction') q = q.where('p.status', '=', 'returned').where(isLatestAttempt);
  return q;
}

/** Newest first; `limit: null` for the whole filtered list (the CSV export). */
export async function listAdminPayouts(db: Executor, f: AdminPayoutFilter, page: { limit: number | null; offset: number }) {
  let q = filtered(db, f)
    .select((eb) => [
      'p.id',
      'p.trade_in_id as tradeInId',
      'p.seller_id as sellerId',
      'p.refurbisher_id as refurbisherId',
      'p.status',
      'p.attempt',
      'p.amount_minor as amountMinor',
      'p.currency',
      'p.account_number_sealed as accountNumberSealed',
      'p.batch_id as batchId',
      'p.trace_number as traceNumber',
      'p.created_at as createdAt',
      'p.ready_at as readyAt',
      'p.sent_at as sentAt',
      'p.returned_at as returnedAt',
      isLatestAttempt(eb).as('latest'),
      eb
        .selectFrom('ach_returns as r')
        .select('r.code')
        .whereRef('r.payout_id', '=', 'p.id')
        .where('r.kind', '=', 'return')
        .orderBy('r.received_at', 'desc')
        .limit(1)
        .as('returnCode'),
    ])
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id', 'desc');
  if (page.limit !== null) q = q.limit(page.limit).offset(page.offset);
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, latest: Boolean(r.latest) }));
}

export async function countAdminPayouts(db: Executor, f: AdminPayoutFilter): Promise<number> {
  const { n } = await filtered(db, f)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}
