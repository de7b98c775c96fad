/**
 * Helpers for the tests of the bank's returns: payouts that left in a batch, and the bank's
 * returns file. Not a test file itself: vitest only runs `*.test.ts`.
 *
 * `sentPayout` arranges the rows a batch leaves behind (a batch row, the payout `sent` with its
 * trace number and sealed bank details, the approval and sent ledger entries, the trade-in moved
 * to paid through the machine) directly, for a trade-in approved through the real inspection
 * path: the integrator switches it to the real approval → batch path once those are merged.
 */
import { expect } from 'vitest';
import { postApproval, postPayoutSent } from '../src/server/modules/ledger/index.ts';
import { transition } from '../src/server/modules/trade-ins/index.ts';
import { encryptField } from '../src/server/platform/crypto.ts';
import type { Database } from '../src/server/platform/db/database.ts';
import { newId } from '../src/server/platform/ids.ts';
import type { TestApp } from './app.ts';
import type { TestUser } from './accounts.ts';
import { deliveredTradeIn, inspect, inspectionBody } from './inspection.ts';

type Ctx = TestApp & { database: Database };

/** Our ODFI (config DEMO_ACH): trace numbers start with its 8-digit prefix. */
export const ODFI_ROUTING = '021000021';
let sequence = Math.floor(Math.random() * 1_000_000);
let batchDay = 0;

export interface SentPayout {
  payoutId: string;
  tradeInId: string;
  sellerId: string;
  refurbisherId: string;
  batchId: string;
  traceNumber: string;
  amountMinor: number;
  accountNumber: string;
  routingNumber: string;
}

/**
 * A trade-in of `seller` approved by its refurbisher (a match at `priceMinor`), then paid: its
 * payout sent in a batch of its own, to the bank details given (sealed as the payouts module seals them).
 */
export async function sentPayout(
  ctx: Ctx,
  seller: TestUser,
  opts: { priceMinor?: number; routingNumber?: string; accountNumber?: string; accountType?: 'checking' | 'savings' } = {},
): Promise<SentPayout> {
  const db = ctx.database.db;
  const d = await deliveredTradeIn(ctx, seller, opts.priceMinor ? { priceMinor: opts.priceMinor } : {});
  const res = await inspect(ctx.app, d.inspector, d.id, inspectionBody(d));
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().status).toBe('approved');
  const now = ctx.clock.now();
  const t = await db.selectFrom('trade_ins').select(['price_minor', 'currency', 'seller_id']).where('id', '=', d.id).executeTakeFirstOrThrow();
  const routingNumber = opts.routingNumber ?? ODFI_ROUTING;
  const accountNumber = opts.accountNumber ?? '0009876543210';
  const traceNumber = `${ODFI_ROUTING.slice(0, 8)}${String(++sequence % 10_000_000).padStart(7, '0')}`;
  const day = new Date(Date.UTC(2030, 0, 1) + batchDay++ * 86_400_000).toISOString().slice(0, 10);

  return db.transaction().execute(async (trx) => {
    const batchId = newId('payoutBatch', now.getTime());
    await trx
      .insertInto('payout_batches')
      .values({
        id: batchId,
        business_date: day,
        window_name: 'standard',
        same_day: false,
        cutoff_at: now,
        effective_date: day,
        file_id_modifier: 'A',
        file_name: `tradeloop-${day}-standard.ach`,
        file_created_at: now,
        created_by: 'scheduler',
        entry_count: 1,
        total_minor: t.price_minor,
        entry_hash: Number(routingNumber.slice(0, 8)),
        file_sha256: null,
        file_written_at: null,
        created_at: now,
      })
      .execute();
    // A payout the approval already made (once the payouts module does) is the one sent; else attempt 1.
    const existing = await trx.selectFrom('payouts').select('id').where('trade_in_id', '=', d.id).where('status', '<>', 'returned').executeTakeFirst();
    const payoutId = existing?.id ?? newId('payout', now.getTime());
    const sealed = (column: string, value: string) => encryptField(ctx.secrets.keyring, value, { table: 'payouts', rowId: payoutId, column });
    const sent = {
      status: 'sent' as const,
      routing_number_sealed: sealed('routing_number_sealed', routingNumber),
      account_number_sealed: sealed('account_number_sealed', accountNumber),
      account_type: opts.accountType ?? 'checking',
      holder_name: 'Ada Lovelace',
      batch_id: batchId,
      trace_number: traceNumber,
      ready_at: now,
      sent_at: now,
    };
    if (existing) {
      await trx.updateTable('payouts').set(sent).where('id', '=', payoutId).execute();
    } else {
      await trx
        .insertInto('payouts')
        .values({ id: payoutId, trade_in_id: d.id, seller_id: t.seller_id, refurbisher_id: d.refurbisherId, attempt: 1, amount_minor: t.price_minor, currency: t.currency, created_at: now, ...sent })
        .execute();
    }
    await postApproval(trx, { tradeInId: d.id, refurbisherId: d.refurbisherId, sellerId: t.seller_id, priceMinor: t.price_minor, currency: t.currency.trim(), commissionBps: 1000, postedAt: now });
    await postPayoutSent(trx, { payoutId, tradeInId: d.id, sellerId: t.seller_id, amountMinor: t.price_minor, currency: t.currency.trim(), postedAt: now });
    await transition(trx, d.id, { event: 'pay', now });
    return { payoutId, tradeInId: d.id, sellerId: t.seller_id, refurbisherId: d.refurbisherId, batchId, traceNumber, amountMinor: t.price_minor, accountNumber, routingNumber };
  });
}

// --- the bank's returns file (NACHA, 94-character records, blocks of 10) ---

export type BankItem =
  | { kind: 'return'; code: string; traceNumber: string; amountMinor: number; accountNumber?: string }
  | { kind: 'change'; code: string; traceNumber: string; correctedData: string; accountNumber?: string };

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
    lines.push(`621${odfi}${ODFI_ROUTING[8]}${pad(it.accountNumber ?? '0009876543210', 17)}${num(amount, 10)}${pad('TIN', 15)}${pad('ADA LOVELACE', 22)}  1${returnTrace}`);
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
