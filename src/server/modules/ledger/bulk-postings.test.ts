import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/db.ts';
import type { Database } from '../../platform/db/database.ts';
import { postPayoutsSentInBulk } from './bulk-postings.ts';
import { balanceOf } from './journal.repository.ts';
import { postPayoutSent } from './postings.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const at = new Date('2026-12-01T21:00:00Z');
const posting = (i: number, sellerId = `usr_bulk_${i % 3}`) => ({ payoutId: `pay_bulk_${i}`, tradeInId: `tin_bulk_${i}`, sellerId, amountMinor: 1_000 + i, currency: 'USD', postedAt: at });

describe('sent payouts posted in bulk', () => {
  it('posts the same balanced entries as postPayoutSent, once per payout, however often it runs', async () => {
    const db = database.db;
    const items = Array.from({ length: 250 }, (_, i) => posting(i));
    expect(await postPayoutsSentInBulk(db, items)).toBe(250);
    // A replay (a retried chunk) and a payout posted one at a time before: nothing twice.
    await postPayoutSent(db, posting(250));
    expect(await postPayoutsSentInBulk(db, [...items.slice(0, 10), posting(250), posting(251)])).toBe(1);
    const total = Array.from({ length: 252 }, (_, i) => 1_000 + i).reduce((a, b) => a + b, 0);
    expect(await balanceOf(db, 'platform:ach_clearing')).toBe(-total);
    const sellers = await Promise.all([0, 1, 2].map((s) => balanceOf(db, `seller:usr_bulk_${s}:payable`)));
    expect(sellers.reduce((a, b) => a + b, 0)).toBe(total);
    const entries = await db.selectFrom('journal_entries').select(['id', 'memo', 'payout_id']).where('kind', '=', 'payout_sent').execute();
    expect(entries).toHaveLength(252);
    expect(entries.find((e) => e.payout_id === 'pay_bulk_7')!.memo).toBe('ACH credit pay_bulk_7 sent');
    const accounts = await db.selectFrom('ledger_accounts').selectAll().where('kind', '=', 'seller_payable').orderBy('code').execute();
    expect(accounts.map((a) => [a.code, a.owner_id])).toEqual([0, 1, 2].map((s) => [`seller:usr_bulk_${s}:payable`, `usr_bulk_${s}`]));
  });

  it('refuses an amount that is not a positive integer of cents, posting nothing', async () => {
    await expect(postPayoutsSentInBulk(database.db, [posting(300), { ...posting(301), amountMinor: 0 }])).rejects.toThrow(/positive integer/);
    expect(await database.db.selectFrom('journal_entries').select('id').where('payout_id', '=', 'pay_bulk_300').execute()).toHaveLength(0);
  });
});
