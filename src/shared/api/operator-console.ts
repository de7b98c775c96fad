import { z } from 'zod';
import { TRADE_IN_STATUSES } from '../trade-in-machine.ts';
import { ZMoney } from './common.ts';
import { ZPageQuery } from './paging.ts';
import { ZPayoutStatus, ZPayoutWaitingReason } from './payouts.ts';

/**
 * The operator console's lists (docs/payouts/operator-console.md): each pages on the server
 * (`?limit=&offset=`, `zPage`) and exports the whole filtered list with `?format=csv`.
 */

/** GET /api/admin/payouts: by status and by why a payout has not left yet. */
export const ZAdminPayoutQuery = ZPageQuery.extend({
  status: ZPayoutStatus.optional(),
  reason: ZPayoutWaitingReason.optional(),
}).strict();

/** Which clock a trade-in is waiting on: the one that decides what happens next if nobody acts. */
export const TRADE_IN_DEADLINE_KINDS = ['ship_by', 'inspection_due', 'counteroffer_expires', 'lock_hold_expires', 'return_ship_by'] as const;
export const ZTradeInDeadlineKind = z.enum(TRADE_IN_DEADLINE_KINDS);

export const ZAdminTradeIn = z.object({
  id: z.string(),
  status: z.enum(TRADE_IN_STATUSES),
  sellerId: z.string(),
  refurbisherId: z.string(),
  price: ZMoney,
  acceptedAt: z.string(),
  /** The deadline in force for the current status; null when none runs (paid, returned, …). */
  deadline: z.object({ kind: ZTradeInDeadlineKind, at: z.string() }).nullable(),
  /** The deadline has passed (by product time) and the trade-in is still waiting on it. */
  overdue: z.boolean(),
});
export type TAdminTradeIn = z.infer<typeof ZAdminTradeIn>;

const ZBool = z.enum(['true', 'false']).transform((s) => s === 'true');

/** GET /api/admin/trade-ins: by status, only the overdue ones, soonest deadline first (the default) or newest first. */
export const ZAdminTradeInQuery = ZPageQuery.extend({
  status: z.enum(TRADE_IN_STATUSES).optional(),
  overdue: ZBool.optional(),
  sort: z.enum(['deadline', 'newest']).default('deadline'),
}).strict();

/** GET /api/admin/audit-log: newest first; `offset` pages (the older `before` cursor still works), `action` and `subject` filter. */
export const ZAuditLogQuery = ZPageQuery.extend({
  before: z.coerce.number().int().positive().optional(),
  subject: z.string().max(100).optional(),
  action: z
    .string()
    .max(64)
    .regex(/^[a-z0-9_.]+$/, 'An action such as seller_field.revealed')
    .optional(),
}).strict();
