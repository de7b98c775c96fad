/**
 * Helpers for the payout tests: an approved trade-in (through the real inspection) and its
 * `ready` payout with the seller's bank details copied and sealed the way the payouts module
 * seals them (AAD: table 'payouts', the payout id, the column name).
 * Not a test file itself: vitest only runs `*.test.ts`.
 */
import { expect } from 'vitest';
import type { TestApp } from './app.ts';
import type { TestUser } from './accounts.ts';
import { deliveredTradeIn, inspect, inspectionBody } from './inspection.ts';
import { encryptField, type Keyring } from '../src/server/platform/crypto.ts';
import type { Database, Executor } from '../src/server/platform/db/database.ts';
import { newId } from '../src/server/platform/ids.ts';

type Ctx = TestApp & { database: Database };

export interface BankDetails {
  routingNumber: string;
  accountNumber: string;
  accountType: 'checking' | 'savings';
  holderName: string;
}

export const CHECKING: BankDetails = { routingNumber: '011000015', accountNumber: '123456789012', accountType: 'checking', holderName: 'PAT SELLER' };
export const SAVINGS: BankDetails = { routingNumber: '121000358', accountNumber: '9876543210', accountType: 'savings', holderName: 'SAM SAVER' };

/** A trade-in of `seller` delivered and approved by a match (the refurbisher's real inspection). */
export async function approvedTradeIn(ctx: Ctx, seller: TestUser, opts: { priceMinor?: number } = {}): Promise<string> {
  const d = await deliveredTradeIn(ctx, seller, opts);
  const res = await inspect(ctx.app, d.inspector, d.id, inspectionBody(d));
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().status).toBe('approved');
  return d.id;
}

/**
 * The trade-in's live payout, `ready` with `bank` copied and sealed: inserted when there is none
 * (before the approval creates payouts itself), otherwise the existing one made ready with them.
 */
export async function readyPayout(db: Executor, keyring: Keyring, tradeInId: string, bank: BankDetails = CHECKING, readyAt = new Date()): Promise<string> {
  const t = await db.selectFrom('trade_ins').select(['seller_id', 'refurbisher_id', 'price_minor', 'currency']).where('id', '=', tradeInId).executeTakeFirstOrThrow();
  const live = await db.selectFrom('payouts').select(['id', 'status']).where('trade_in_id', '=', tradeInId).where('status', '<>', 'returned').executeTakeFirst();
  const attempts = await db.selectFrom('payouts').select((eb) => eb.fn.countAll<number>().as('n')).where('trade_in_id', '=', tradeInId).executeTakeFirstOrThrow();
  const id = live?.id ?? newId('payout', readyAt.getTime());
  const sealed = {
    routing_number_sealed: encryptField(keyring, bank.routingNumber, { table: 'payouts', rowId: id, column: 'routing_number_sealed' }),
    account_number_sealed: encryptField(keyring, bank.accountNumber, { table: 'payouts', rowId: id, column: 'account_number_sealed' }),
    account_type: bank.accountType,
    holder_name: bank.holderName,
    bank_account_hash: `test:${bank.routingNumber.slice(-4)}:${bank.accountNumber.slice(-4)}`,
    ready_at: readyAt,
  };
  if (live) {
    if (live.status !== 'sent') await db.updateTable('payouts').set({ ...sealed, status: 'ready' }).where('id', '=', id).execute();
    return id;
  }
  await db
    .insertInto('payouts')
    .values({
      id,
      trade_in_id: tradeInId,
      seller_id: t.seller_id,
      refurbisher_id: t.refurbisher_id,
      attempt: Number(attempts.n) + 1,
      amount_minor: t.price_minor,
      currency: t.currency.trim(),
      status: 'ready',
      batch_id: null,
      trace_number: null,
      created_at: readyAt,
      sent_at: null,
      returned_at: null,
      ...sealed,
    })
    .execute();
  return id;
}
