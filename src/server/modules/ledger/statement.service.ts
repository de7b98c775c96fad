import type { TStatement, TStatementAdjustment, TStatementApproval } from '../../../shared/api/statements.ts';
import { MARKET_TIME_ZONE, localDateOf, startOfLocalDay } from '../../../shared/market-time.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { findRefurbisherDisplays } from '../refurbishers/index.ts';
import { findTradeInDevices, listReturnsShipped } from '../trade-ins/index.ts';
import { PLATFORM_COMMISSION, refurbisherReceivable } from './ledger-accounts.ts';
import { accountEntries, balanceBefore } from './ledger-reads.repository.ts';

/**
 * A refurbisher's statement (docs/payouts/ledger.md): read from its receivable account in the
 * ledger, so its totals are the ledger's. A period is whole New York days, both ends included:
 * [start of `from`, start of the day after `to`) in product time.
 */

export interface StatementPeriod {
  from: string;
  to: string;
}

const CURRENCY = 'USD';

/** The day after a 'YYYY-MM-DD' date (calendar arithmetic, no time zone). */
function nextDay(d: string): string {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, day + 1)).toISOString().slice(0, 10);
}

/** The calendar month in New York that contains `now`. */
export function currentMonth(now: Date): StatementPeriod {
  const today = localDateOf(now, MARKET_TIME_ZONE);
  const [y, m] = today.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, '0');
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, '0')}` };
}

/** The instants a period covers: [from, to). */
export function periodInstants(p: StatementPeriod): { from: Date; to: Date } {
  return { from: startOfLocalDay(p.from, MARKET_TIME_ZONE), to: startOfLocalDay(nextDay(p.to), MARKET_TIME_ZONE) };
}

const money = (amountMinor: number, currency = CURRENCY) => ({ amountMinor, currency });

export async function getStatement(deps: { db: Db; clock: Clock }, refurbisherId: string, period: StatementPeriod): Promise<TStatement> {
  const { db } = deps;
  const refurbisher = (await findRefurbisherDisplays(db, [refurbisherId])).get(refurbisherId);
  if (!refurbisher) throw notFound('Refurbisher');
  const account = refurbisherReceivable(refurbisherId).code;
  const range = periodInstants(period);
  // One snapshot, so the opening balance, the entries and the closing balance agree even while approvals are posted.
  const read = async (trx: Executor) => {
    const opening = await balanceBefore(trx, account, range.from);
    const entries = await accountEntries(trx, account, range);
    const returns = await listReturnsShipped(trx, refurbisherId, range);
    const devices = await findTradeInDevices(trx, entries.filter((e) => e.kind === 'approval' && e.tradeInId).map((e) => e.tradeInId!));
    return { opening, entries, returns, devices };
  };
  const { opening, entries, returns, devices } = await db.transaction().setIsolationLevel('repeatable read').execute(read);

  const approvals: TStatementApproval[] = [];
  const adjustments: TStatementAdjustment[] = [];
  let priceTotal = 0;
  let commissionTotal = 0;
  let adjustmentsTotal = 0;
  for (const e of entries) {
    if (e.kind === 'approval' && e.tradeInId) {
      // The refurbisher's line is price + commission; the commission is the platform's line (none at 0 bps).
      const commission = -e.lines.filter((l) => l.accountCode === PLATFORM_COMMISSION.code).reduce((s, l) => s + l.amountMinor, 0);
      const price = e.amountMinor - commission;
      priceTotal += price;
      commissionTotal += commission;
      approvals.push({
        tradeInId: e.tradeInId,
        device: devices.get(e.tradeInId) ?? '',
        approvedAt: e.postedAt.toISOString(),
        date: localDateOf(e.postedAt, MARKET_TIME_ZONE),
        price: money(price, e.currency),
        commission: money(commission, e.currency),
        total: money(e.amountMinor, e.currency),
      });
    } else {
      adjustmentsTotal += e.amountMinor;
      adjustments.push({
        entryId: e.entryId,
        kind: e.kind,
        postedAt: e.postedAt.toISOString(),
        date: localDateOf(e.postedAt, MARKET_TIME_ZONE),
        memo: e.memo,
        tradeInId: e.tradeInId,
        amount: money(e.amountMinor, e.currency),
      });
    }
  }
  const approved = priceTotal + commissionTotal;
  return {
    refurbisher: { id: refurbisher.id, name: refurbisher.name },
    period: { from: period.from, to: period.to, timeZone: MARKET_TIME_ZONE },
    currency: CURRENCY,
    openingBalance: money(opening),
    approvals,
    totals: {
      approvals: approvals.length,
      price: money(priceTotal),
      commission: money(commissionTotal),
      approved: money(approved),
      adjustments: money(adjustmentsTotal),
      returns: returns.length,
    },
    returns: returns.map((r) => ({ tradeInId: r.tradeInId, device: r.device, shippedAt: r.shippedAt.toISOString(), date: localDateOf(r.shippedAt, MARKET_TIME_ZONE) })),
    adjustments,
    closingBalance: money(opening + approved + adjustmentsTotal),
    generatedAt: deps.clock.now().toISOString(),
  };
}
