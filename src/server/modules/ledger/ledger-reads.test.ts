import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/db.ts';
import type { Database } from '../../platform/db/database.ts';
import { accountBalances, accountEntries, balanceBefore, balanceOf, commissionOf, ledgerTotals, postApproval, postPayoutReturned, postPayoutSent, refurbisherReceivable, sellerPayable } from './index.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const day = (d: string) => new Date(`${d}T15:00:00Z`);

describe('the ledger readers', () => {
  it("an account's entries in a half-open period, with every line of each; balances before an instant and now", async () => {
    const db = database.db;
    const base = { refurbisherId: 'ref_r1', sellerId: 'usr_r1', currency: 'USD', commissionBps: 1000 };
    await postApproval(db, { ...base, tradeInId: 'tin_r1', priceMinor: 10_000, postedAt: day('2026-12-01') });
    await postApproval(db, { ...base, tradeInId: 'tin_r2', priceMinor: 20_001, postedAt: day('2026-12-02') });
    await postApproval(db, { ...base, tradeInId: 'tin_r3', priceMinor: 5_000, postedAt: day('2026-12-03'), commissionBps: 0 });
    await postPayoutSent(db, { payoutId: 'pay_r1', tradeInId: 'tin_r1', sellerId: 'usr_r1', amountMinor: 10_000, currency: 'USD', postedAt: day('2026-12-04') });

    const account = refurbisherReceivable('ref_r1').code;
    const entries = await accountEntries(db, account, { from: day('2026-12-02'), to: day('2026-12-03') });
    expect(entries.map((e) => [e.tradeInId, e.kind, e.amountMinor])).toEqual([['tin_r2', 'approval', 20_001 + 2_000]]);
    expect(entries[0]!.lines).toEqual([
      { accountCode: account, amountMinor: 22_001 },
      { accountCode: 'seller:usr_r1:payable', amountMinor: -20_001 },
      { accountCode: 'platform:commission', amountMinor: -2_000 },
    ]);
    // At 0 bps there is no commission line.
    const third = await accountEntries(db, account, { from: day('2026-12-03'), to: day('2026-12-04') });
    expect(third[0]!.lines).toHaveLength(2);
    // The payout touches the seller, not the refurbisher.
    expect(await accountEntries(db, account, { from: day('2026-12-04'), to: day('2026-12-05') })).toEqual([]);
    expect(await balanceBefore(db, account, day('2026-12-02'))).toBe(11_000);
    expect(await balanceBefore(db, account, day('2026-12-01'))).toBe(0);
    expect(await balanceOf(db, account)).toBe(11_000 + 22_001 + 5_000);

    const sellers = await accountBalances(db, { kind: 'seller_payable' });
    expect(sellers).toEqual([{ code: 'seller:usr_r1:payable', kind: 'seller_payable', ownerId: 'usr_r1', currency: 'USD', balanceMinor: -(20_001 + 5_000) }]);
    const totals = await ledgerTotals(db);
    expect(totals).toMatchObject({ entries: 4, lines: 10, sumMinor: 0, unbalancedEntryIds: [] });
    expect(totals.balances).toEqual({
      [account]: 38_001,
      'seller:usr_r1:payable': -25_001,
      'platform:commission': -3_000,
      'platform:ach_clearing': -10_000,
    });
  });

  it('ledgerTotals finds an entry the trigger would refuse (checked from the rows, not from what the code meant)', async () => {
    const db = database.db;
    // Only a superuser can switch the trigger off: this plays a broken database, inside a transaction rolled back.
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`alter table journal_lines disable trigger journal_lines_balanced`.execute(trx);
        await sql`insert into journal_entries (id, kind, memo, posted_at) values ('jrn_broken', 'correction', 'x', now())`.execute(trx);
        await sql`insert into journal_lines values ('jrn_broken', 1, 'platform:ach_clearing', 5, 'USD')`.execute(trx);
        const t = await ledgerTotals(trx);
        expect(t.unbalancedEntryIds).toEqual(['jrn_broken']);
        expect(t.sumMinor).toBe(5);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await ledgerTotals(db)).unbalancedEntryIds).toEqual([]);
  });

  it('any sequence of approvals, payouts sent and returned (replays included) keeps every entry balanced and each balance equal to a model', async () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('approve' as const), t: fc.integer({ min: 0, max: 5 }), price: fc.integer({ min: 1, max: 10_000_000 }), bps: fc.integer({ min: 0, max: 5000 }) }),
      fc.record({ kind: fc.constant('send' as const), t: fc.integer({ min: 0, max: 5 }), attempt: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ kind: fc.constant('return' as const), t: fc.integer({ min: 0, max: 5 }), attempt: fc.integer({ min: 1, max: 3 }) }),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 25 }), async (ops) => {
        run += 1;
        const db = database.db;
        const before = await ledgerTotals(db);
        const model = new Map<string, number>();
        const add = (code: string, n: number) => model.set(code, (model.get(code) ?? 0) + n);
        const approved = new Map<number, number>();
        const sent = new Set<string>();
        const returned = new Set<string>();
        const ref = `ref_p${run}`;
        const seller = `usr_p${run}`;
        const tin = (t: number) => `tin_p${run}_${t}`;
        for (const o of ops) {
          if (o.kind === 'approve') {
            await postApproval(db, { tradeInId: tin(o.t), refurbisherId: ref, sellerId: seller, priceMinor: o.price, currency: 'USD', commissionBps: o.bps, postedAt: day('2026-12-01') });
            if (!approved.has(o.t)) {
              approved.set(o.t, o.price);
              const c = commissionOf(o.price, o.bps);
              add(refurbisherReceivable(ref).code, o.price + c);
              add(sellerPayable(seller).code, -o.price);
              add('platform:commission', -c);
            }
          } else {
            const price = approved.get(o.t);
            if (price === undefined) continue;
            const payoutId = `pay_p${run}_${o.t}_${o.attempt}`;
            const p = { payoutId, tradeInId: tin(o.t), sellerId: seller, amountMinor: price, currency: 'USD', postedAt: day('2026-12-02') };
            if (o.kind === 'send') {
              await postPayoutSent(db, p);
              if (!sent.has(payoutId)) {
                sent.add(payoutId);
                add(sellerPayable(seller).code, price);
                add('platform:ach_clearing', -price);
              }
            } else if (sent.has(payoutId)) {
              await postPayoutReturned(db, { ...p, returnCode: 'R01' });
              if (!returned.has(payoutId)) {
                returned.add(payoutId);
                add('platform:ach_clearing', price);
                add(sellerPayable(seller).code, -price);
              }
            }
          }
        }
        const after = await ledgerTotals(db);
        expect(after.unbalancedEntryIds).toEqual([]);
        expect(after.sumMinor).toBe(0);
        for (const code of [refurbisherReceivable(ref).code, sellerPayable(seller).code]) expect(after.balances[code] ?? 0).toBe(model.get(code) ?? 0);
        for (const code of ['platform:commission', 'platform:ach_clearing']) expect((after.balances[code] ?? 0) - (before.balances[code] ?? 0)).toBe(model.get(code) ?? 0);
      }),
      { numRuns: 25 },
    );
  });
});
