/**
 * Helpers for the tests of the bank's returns: payouts that left in a batch, and the bank's
 * returns file. Not a test file itself: vitest only runs `*.test.ts`.
 *
 * `sentPayout` goes the real way: the inspection approves (the payout is made), an operator
 * closes the ACH window (the batch sends it).
 */
import { expect } from 'vitest';
import type { Database } from '../src/server/platform/db/database.ts';
import type { TestApp } from './app.ts';
import { as, makeUser, type TestUser } from './accounts.ts';
import { deliveredTradeIn, inspect, inspectionBody } from './inspection.ts';
import { newKey } from './journey.ts';

type Ctx = TestApp & { database: Database };

/** Our ODFI (config DEMO_ACH): trace numbers start with its 8-digit prefix. */
export const ODFI_ROUTING = '021000021';

export interface SentPayout {
  payoutId: string;
  tradeInId: string;
  sellerId: string;
  refurbisherId: string;
  batchId: string;
  traceNumber: string;
  amountMinor: number;
  /** The account it went to (test/accounts.ts validPayout). */
  accountNumber: string;
}

const SELLER_ACCOUNT = '0009876543210';

const operators = new WeakMap<object, TestUser>();

/**
 * An operator closes the ACH window due now (POST /api/admin/payout-batches): every ready payout
 * leaves in its batch. The product clock then moves past that window's cutoff, so that the next
 * call closes a later window.
 */
export async function closeWindow(ctx: Ctx): Promise<void> {
  let operator = operators.get(ctx.app);
  if (!operator) {
    operator = await makeUser(ctx.app, ctx.database.db, 'operator');
    operators.set(ctx.app, operator);
  }
  const res = await ctx.app.inject({ method: 'POST', url: '/api/admin/payout-batches', headers: { ...as(operator), 'idempotency-key': newKey() }, payload: {} });
  expect(res.statusCode, res.body).toBe(200);
  const cutoff = res.json().batch?.cutoffAt as string | undefined;
  if (cutoff) ctx.clock.set(new Date(Date.parse(cutoff) + 60_000));
}

/**
 * Trade-ins of `seller` approved by their refurbishers (a match each, through the real
 * inspection: the approval makes the payout, ready with the seller's bank details), then paid
 * together in one batch (so their trace numbers differ: a batch numbers its entries from 1).
 */
export async function sentPayouts(ctx: Ctx, seller: TestUser, prices: (number | undefined)[]): Promise<SentPayout[]> {
  const ids: { id: string; refurbisherId: string }[] = [];
  for (const priceMinor of prices) {
    const d = await deliveredTradeIn(ctx, seller, priceMinor ? { priceMinor } : {});
    const res = await inspect(ctx.app, d.inspector, d.id, inspectionBody(d));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('approved');
    ids.push({ id: d.id, refurbisherId: d.refurbisherId });
  }
  await closeWindow(ctx);
  const out: SentPayout[] = [];
  for (const d of ids) {
    const p = await ctx.database.db.selectFrom('payouts').selectAll().where('trade_in_id', '=', d.id).where('status', '=', 'sent').executeTakeFirstOrThrow();
    out.push({ payoutId: p.id, tradeInId: d.id, sellerId: p.seller_id, refurbisherId: d.refurbisherId, batchId: p.batch_id!, traceNumber: p.trace_number!, amountMinor: p.amount_minor, accountNumber: SELLER_ACCOUNT });
  }
  return out;
}

/** One trade-in of `seller`, approved and paid in a batch of its own. */
export async function sentPayout(ctx: Ctx, seller: TestUser, opts: { priceMinor?: number } = {}): Promise<SentPayout> {
  return (await sentPayouts(ctx, seller, [opts.priceMinor]))[0]!;
}

// --- the bank's returns file (NACHA, 94-character records, blocks of 10) ---

/** `payoutId`: the entry carries its individual id as we sent it (the payout id's last 15 characters, upper case). */
export type BankItem =
  | { kind: 'return'; code: string; traceNumber: string; amountMinor: number; payoutId?: string; accountNumber?: string }
  | { kind: 'change'; code: string; traceNumber: string; correctedData: string; payoutId?: string; accountNumber?: string };

const pad = (s: string, n: number) => s.slice(0, n).padEnd(n, ' ');
const num = (v: number | string, n: number) => String(v).padStart(n, '0');
const yymmdd = '301231';

/** NOC corrected data (29 characters) as the bank writes it: C01 account, C02 routing, C03 routing + account, C05 transaction code, C06 account + code. */
export const corrected = {
  account: (account: string) => pad(account, 29),
  routing: (routing: string) => pad(routing, 29),
  routingAndAccount: (routing: string, account: string) => pad(`${routing}   ${account}`, 29),
  transactionCode: (code: 22 | 32) => pad(String(code), 29),
  accountAndCode: (account: string, code: 22 | 32) => pad(`${pad(account, 17)}   ${code}`, 29),
};

/**
 * A returns file from the seller's bank (RDFI 091000019) back to our ODFI: one batch, each item an
 * entry (transaction code 21: a return or notification of change for a checking credit) and its
 * addenda (99 for a return, 98 for a change). Controls, hash, block count and 9-padding are right.
 */
export function bankReturnFile(items: BankItem[]): string {
  const rdfi = '09100001';
  const odfi = ODFI_ROUTING.slice(0, 8);
  const lines: string[] = [];
  lines.push(`101 ${ODFI_ROUTING} ${rdfi}9${yymmdd}0900A094101${pad('DEMO BANK', 23)}${pad('SELLER BANK', 23)}${pad('', 8)}`);
  lines.push(`5220${pad('TRADELOOP DEMO', 16)}${pad('', 20)}1000000001PPD${pad('PAYOUT', 10)}${pad('', 6)}${yymmdd}   1${rdfi}${num(1, 7)}`);
  let hash = 0;
  let credit = 0;
  items.forEach((it, i) => {
    const amount = it.kind === 'return' ? it.amountMinor : 0;
    const returnTrace = `${rdfi}${num(i + 1, 7)}`;
    lines.push(`621${odfi}${ODFI_ROUTING[8]}${pad(it.accountNumber ?? '0009876543210', 17)}${num(amount, 10)}${pad(it.payoutId ? it.payoutId.replace(/^pay_/, '').slice(-15).toUpperCase() : '', 15)}${pad('ADA LOVELACE', 22)}  1${returnTrace}`);
    hash += Number(odfi);
    credit += amount;
    lines.push(
      it.kind === 'return'
        ? `799${it.code}${it.traceNumber}${pad('', 6)}${rdfi}${pad('', 44)}${returnTrace}`
        : `798${it.code}${it.traceNumber}${pad('', 6)}${rdfi}${pad(it.correctedData, 29)}${pad('', 15)}${returnTrace}`,
    );
  });
  const count = items.length * 2;
  const h = num(hash % 10_000_000_000, 10);
  lines.push(`8220${num(count, 6)}${h}${num(0, 12)}${num(credit, 12)}1000000001${pad('', 19)}${pad('', 6)}${rdfi}${num(1, 7)}`);
  const blocks = Math.ceil((lines.length + 1) / 10);
  lines.push(`9${num(1, 6)}${num(blocks, 6)}${num(count, 8)}${h}${num(0, 12)}${num(credit, 12)}${pad('', 39)}`);
  while (lines.length % 10) lines.push('9'.repeat(94));
  for (const [n, l] of lines.entries()) if (l.length !== 94) throw new Error(`fixture line ${n + 1} is ${l.length} characters`);
  return `${lines.join('\n')}\n`;
}
