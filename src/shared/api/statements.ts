import { z } from 'zod';
import { ZMoney } from './common.ts';

/**
 * A refurbisher's statement for a period (docs/payouts/ledger.md): what it owed at the start,
 * what each approval added (the price paid to the seller plus the platform's commission),
 * the devices it sent back (no charge), any correcting entries, and what it owes at the end.
 * Dates without a time are 'YYYY-MM-DD' in the market's time zone (America/New_York), both
 * ends included; instants are ISO strings. Every amount comes from the ledger.
 */

/** The longest period one statement covers (a year, leap day included). */
export const STATEMENT_MAX_DAYS = 366;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whole days from `a` to `b` (calendar dates, no time zone), or NaN when either is not a real date. */
export function daysBetween(a: string, b: string): number {
  const ms = (d: string) => {
    const m = DATE.exec(d);
    if (!m) return Number.NaN;
    const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    // 2026-02-31 rolls over to March: not a real date.
    return new Date(t).toISOString().slice(0, 10) === d ? t : Number.NaN;
  };
  return Math.round((ms(b) - ms(a)) / 86_400_000);
}

const ZLocalDate = z
  .string()
  .regex(DATE, 'Use a date like 2026-12-01')
  .refine((d) => !Number.isNaN(daysBetween(d, d)), 'Not a real calendar date');

export const ZStatementQuery = z
  .object({
    from: ZLocalDate.optional(),
    to: ZLocalDate.optional(),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .superRefine((q, ctx) => {
    if ((q.from === undefined) !== (q.to === undefined)) {
      const missing = q.from === undefined ? 'from' : 'to';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'Give both from and to, or neither for the current month' });
      return;
    }
    if (q.from === undefined || q.to === undefined) return;
    const days = daysBetween(q.from, q.to);
    if (Number.isNaN(days)) return;
    if (days < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end date is before the start date' });
    else if (days + 1 > STATEMENT_MAX_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `A statement covers at most ${STATEMENT_MAX_DAYS} days` });
  });

export const ZStatementApproval = z.object({
  tradeInId: z.string(),
  device: z.string(),
  /** When the approval was posted (product time), and its date in New York. */
  approvedAt: z.string(),
  date: z.string(),
  /** What the seller is paid. */
  price: ZMoney,
  /** The platform's commission, at the rate in force when the trade-in was approved. */
  commission: ZMoney,
  /** price + commission: what this approval adds to the balance. */
  total: ZMoney,
});
export type TStatementApproval = z.infer<typeof ZStatementApproval>;

/** A device the refurbisher shipped back to its seller in the period (refused, counteroffer declined, lock unresolved): no charge. */
export const ZStatementReturn = z.object({
  tradeInId: z.string(),
  device: z.string(),
  shippedAt: z.string(),
  date: z.string(),
});

/** Any other entry on the refurbisher's account (a payment received, a correction). */
export const ZStatementAdjustment = z.object({
  entryId: z.string(),
  kind: z.string(),
  postedAt: z.string(),
  date: z.string(),
  memo: z.string(),
  tradeInId: z.string().nullable(),
  /** Positive: the refurbisher owes more; negative: less. */
  amount: ZMoney,
});
export type TStatementAdjustment = z.infer<typeof ZStatementAdjustment>;

export const ZStatement = z.object({
  refurbisher: z.object({ id: z.string(), name: z.string() }),
  period: z.object({ from: z.string(), to: z.string(), timeZone: z.string() }),
  currency: z.string().length(3),
  /** What the refurbisher owed when the period began. */
  openingBalance: ZMoney,
  approvals: z.array(ZStatementApproval),
  totals: z.object({
    approvals: z.number().int(),
    price: ZMoney,
    commission: ZMoney,
    /** price + commission over the period's approvals. */
    approved: ZMoney,
    adjustments: ZMoney,
    returns: z.number().int(),
  }),
  returns: z.array(ZStatementReturn),
  adjustments: z.array(ZStatementAdjustment),
  /** What the refurbisher owes at the end of the period: opening + approved + adjustments. */
  closingBalance: ZMoney,
  generatedAt: z.string(),
});
export type TStatement = z.infer<typeof ZStatement>;

/** PUT /api/admin/refurbishers/:id/commission: the platform's commission on this refurbisher's future approvals. */
export const ZSetCommission = z.object({
  bps: z
    .number({ error: 'The commission is a whole number of basis points' })
    .int('The commission is a whole number of basis points')
    .min(0, 'The commission cannot be negative')
    .max(5000, 'The commission is at most 5000 basis points (50 %)'),
});

export const ZCommission = z.object({ refurbisherId: z.string(), bps: z.number().int(), previousBps: z.number().int() });
export type TCommission = z.infer<typeof ZCommission>;
