import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/db.ts';
import type { Database, Executor } from '../../platform/db/database.ts';
import { ACH_CLEARING, commissionOf, PLATFORM_COMMISSION, refurbisherReceivable, sellerPayable } from './ledger-accounts.ts';
import { balanceOf, postEntry } from './journal.repository.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const at = new Date('2026-12-01T15:00:00Z');

describe('the journal', () => {
  it('posts a balanced approval: the refurbisher owes price + commission, the seller is owed the price', async () => {
    const db = database.db;
    const id = await postEntry(db, {
      kind: 'approval',
      tradeInId: 'tin_ledger_1',
      memo: 'Approved',
      currency: 'USD',
      postedAt: at,
      lines: [
        { account: refurbisherReceivable('ref_a'), amountMinor: 11_000 },
        { account: sellerPayable('usr_a'), amountMinor: -10_000 },
        { account: PLATFORM_COMMISSION, amountMinor: -1_000 },
      ],
    });
    expect(id).toMatch(/^jrn_/);
    expect(await balanceOf(db, 'refurbisher:ref_a:receivable')).toBe(11_000);
    expect(await balanceOf(db, 'seller:usr_a:payable')).toBe(-10_000);
    // A replay of the same approval posts nothing.
    const again = await postEntry(db, {
      kind: 'approval',
      tradeInId: 'tin_ledger_1',
      memo: 'Approved',
      currency: 'USD',
      postedAt: at,
      lines: [
        { account: refurbisherReceivable('ref_a'), amountMinor: 11_000 },
        { account: sellerPayable('usr_a'), amountMinor: -11_000 },
      ],
    });
    expect(again).toBeUndefined();
    expect(await balanceOf(db, 'seller:usr_a:payable')).toBe(-10_000);
  });

  it('the database refuses an unbalanced entry, a one-line entry, and any update, delete or truncate', async () => {
    const db = database.db;
    await db.insertInto('ledger_accounts').values({ code: ACH_CLEARING.code, kind: 'ach_clearing', owner_id: null, currency: 'USD', created_at: at }).onConflict((oc) => oc.doNothing()).execute();
    const refused = async (q: (trx: Executor) => Promise<unknown>, message: RegExp) => {
      await expect(db.transaction().execute(q)).rejects.toThrow(message);
    };
    await refused(async (trx) => {
      await sql`insert into journal_entries (id, kind, memo, posted_at) values ('jrn_x1', 'correction', 'x', now())`.execute(trx);
      await sql`insert into journal_lines values ('jrn_x1', 1, 'platform:ach_clearing', 5, 'USD'), ('jrn_x1', 2, 'platform:commission', -4, 'USD')`.execute(trx);
    }, /does not balance/);
    await refused(async (trx) => {
      await sql`insert into journal_entries (id, kind, memo, posted_at) values ('jrn_x2', 'correction', 'x', now())`.execute(trx);
      await sql`insert into journal_lines values ('jrn_x2', 1, 'platform:ach_clearing', 5, 'USD')`.execute(trx);
    }, /does not balance/);
    await refused(async (trx) => {
      await sql`insert into journal_entries (id, kind, memo, posted_at) values ('jrn_x3', 'correction', 'x', now())`.execute(trx);
      await sql`insert into journal_lines values ('jrn_x3', 1, 'platform:ach_clearing', 5, 'USD'), ('jrn_x3', 2, 'platform:commission', -5, 'EUR')`.execute(trx);
    }, /does not balance/);
    // Lines added later to a posted entry must still leave it balanced.
    const [entry] = await db.selectFrom('journal_entries').select('id').where('trade_in_id', '=', 'tin_ledger_1').execute();
    await refused(async (trx) => {
      await sql`insert into journal_lines values (${entry!.id}, 9, 'platform:ach_clearing', 7, 'USD')`.execute(trx);
    }, /does not balance/);
    await refused((trx) => sql`update journal_lines set amount_minor = amount_minor + 1`.execute(trx), /append-only/);
    await refused((trx) => sql`delete from journal_lines`.execute(trx), /append-only/);
    await refused((trx) => sql`update journal_entries set memo = 'changed'`.execute(trx), /append-only/);
    await refused((trx) => sql`delete from journal_entries`.execute(trx), /append-only/);
    await refused((trx) => sql`truncate journal_lines, journal_entries`.execute(trx), /append-only/);
    expect(await balanceOf(db, 'refurbisher:ref_a:receivable')).toBe(11_000);
  });

  it('rounds commission half up in integer cents', () => {
    expect(commissionOf(10_000, 1000)).toBe(1_000);
    expect(commissionOf(12_345, 1000)).toBe(1_235);
    expect(commissionOf(12_344, 1000)).toBe(1_234);
    expect(commissionOf(1, 4999)).toBe(0);
    expect(commissionOf(1, 5000)).toBe(1);
    expect(() => commissionOf(1.5, 100)).toThrow(RangeError);
  });
});
