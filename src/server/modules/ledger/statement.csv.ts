import type { TStatement } from '../../../shared/api/statements.ts';
import { toCsv } from '../../platform/csv.ts';

const COLUMNS = ['line', 'date', 'trade_in_id', 'device', 'description', 'price_cents', 'commission_cents', 'amount_cents', 'currency'] as const;

/**
 * The statement as one CSV: a row per approval, return and correction between the opening and
 * closing balances, then the totals. Amounts are integer cents (what the ledger holds), so a
 * spreadsheet sums them exactly; `amount_cents` is what the row adds to the balance.
 */
export function statementCsv(s: TStatement): string {
  const c = s.currency;
  const rows: (string | number | null)[][] = [
    ['opening_balance', s.period.from, null, null, 'Owed at the start of the period', null, null, s.openingBalance.amountMinor, c],
    ...s.approvals.map((a) => ['approval', a.date, a.tradeInId, a.device, 'Approved', a.price.amountMinor, a.commission.amountMinor, a.total.amountMinor, c]),
    ...s.returns.map((r) => ['return', r.date, r.tradeInId, r.device, 'Returned to the seller (no charge)', null, null, 0, c]),
    ...s.adjustments.map((a) => [a.kind, a.date, a.tradeInId, null, a.memo, null, null, a.amount.amountMinor, c]),
    ['total_approvals', s.period.to, null, null, `${s.totals.approvals} approvals`, s.totals.price.amountMinor, s.totals.commission.amountMinor, s.totals.approved.amountMinor, c],
    ['total_returns', s.period.to, null, null, `${s.totals.returns} devices returned`, null, null, 0, c],
    ['total_adjustments', s.period.to, null, null, 'Payments and corrections', null, null, s.totals.adjustments.amountMinor, c],
    ['closing_balance', s.period.to, null, null, 'Owed at the end of the period', null, null, s.closingBalance.amountMinor, c],
  ];
  return toCsv(COLUMNS, rows);
}
