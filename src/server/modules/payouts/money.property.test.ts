import fc from 'fast-check';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { bankReturnFile, closeWindow, corrected } from '../../../../test/ach-returns.ts';
import { useTestApp } from '../../../../test/app.ts';
import { as, GOOD_PASSWORD, makeUser, validPayout, type TestUser } from '../../../../test/accounts.ts';
import { deliveredTradeIn, inspect, inspectionBody } from '../../../../test/inspection.ts';
import { newKey, readySeller } from '../../../../test/journey.ts';

/**
 * Any sequence of approvals, batches, returns, corrections (new bank details, a bank's
 * notification of change confirmed) and the re-payouts they cause keeps the money right:
 * every journal entry balances, a trade-in is never paid more than its accepted price (the sum
 * of its non-returned payouts is at most the price, with exactly one live payout unless it is
 * on hold), a payout is in at most one batch and posted as sent at most once, and what the
 * ledger owes each seller is the approved prices less what is out at the bank.
 * Every step goes through the real routes: the inspection's approval (startPayout), the
 * operator's batch, the bank's returns file, the payout-method form and the bank's notices.
 */
const ctx = useTestApp();
let operator: TestUser;
let sellers: TestUser[];
beforeAll(async () => {
  operator = await makeUser(ctx.app, ctx.database.db, 'operator');
  sellers = [await readySeller(ctx), await readySeller(ctx)];
});

const db = () => ctx.database.db;

type Step =
  | { kind: 'approve'; seller: number; priceMinor: number }
  | { kind: 'batch' }
  | { kind: 'return'; pick: number; code: 'R02' | 'R03' | 'R04' | 'R15' }
  | { kind: 'correct'; seller: number; account: string }
  | { kind: 'change_notice'; pick: number; account: string; confirm: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('approve' as const), seller: fc.nat(1), priceMinor: fc.integer({ min: 1_000_001, max: 1_500_000 }) }),
  fc.constant({ kind: 'batch' as const }),
  fc.record({ kind: fc.constant('return' as const), pick: fc.nat(20), code: fc.constantFrom('R02' as const, 'R03' as const, 'R04' as const, 'R15' as const) }),
  fc.record({ kind: fc.constant('correct' as const), seller: fc.nat(1), account: fc.stringMatching(/^[1-9]\d{7,11}$/) }),
  fc.record({ kind: fc.constant('change_notice' as const), pick: fc.nat(20), account: fc.stringMatching(/^[1-9]\d{7,11}$/), confirm: fc.boolean() }),
);

const upload = (text: string) =>
  ctx.app.inject({ method: 'POST', url: '/api/admin/ach-returns?fileName=prop.ach', headers: { ...as(operator), 'content-type': 'text/plain', 'idempotency-key': newKey() }, payload: text });

async function sentPayouts() {
  return db().selectFrom('payouts').select(['id', 'trace_number', 'amount_minor', 'seller_id']).where('status', '=', 'sent').orderBy('id').execute();
}

async function run(s: Step): Promise<void> {
  switch (s.kind) {
    case 'approve': {
      const d = await deliveredTradeIn(ctx, sellers[s.seller]!, { priceMinor: s.priceMinor });
      const res = await inspect(ctx.app, d.inspector, d.id, inspectionBody(d));
      expect(res.statusCode, res.body).toBe(200);
      return;
    }
    case 'batch':
      // The real batch (POST /api/admin/payout-batches): the window due now takes every ready payout.
      await closeWindow(ctx);
      expect(await db().selectFrom('payouts').select('id').where('status', '=', 'ready').execute()).toEqual([]);
      return;
    case 'return': {
      const sent = await sentPayouts();
      if (sent.length === 0) return;
      const p = sent[s.pick % sent.length]!;
      const res = await upload(bankReturnFile([{ kind: 'return', code: s.code, traceNumber: p.trace_number!, amountMinor: p.amount_minor, payoutId: p.id }]));
      expect(res.statusCode, res.body).toBe(200);
      return;
    }
    case 'correct': {
      const res = await ctx.app.inject({ method: 'PUT', url: '/api/me/payout-method', headers: as(sellers[s.seller]!), payload: validPayout(GOOD_PASSWORD, { accountNumber: s.account, accountNumberConfirmation: s.account }) });
      expect(res.statusCode, res.body).toBe(200);
      return;
    }
    case 'change_notice': {
      const sent = await sentPayouts();
      if (sent.length === 0) return;
      const p = sent[s.pick % sent.length]!;
      const res = await upload(bankReturnFile([{ kind: 'change', code: 'C01', traceNumber: p.trace_number!, payoutId: p.id, correctedData: corrected.account(s.account) }]));
      expect(res.statusCode, res.body).toBe(200);
      const seller = sellers.find((u) => u.id === p.seller_id)!;
      for (const n of (await ctx.app.inject({ method: 'GET', url: '/api/me/payout-change-notices', headers: as(seller) })).json().items as { id: string }[]) {
        const answer = await ctx.app.inject({
          method: 'POST',
          url: `/api/me/payout-change-notices/${n.id}/${s.confirm ? 'confirm' : 'dismiss'}`,
          headers: as(seller),
          payload: s.confirm ? { currentPassword: GOOD_PASSWORD } : {},
        });
        expect(answer.statusCode, answer.body).toBe(204);
      }
      return;
    }
  }
}

async function checkInvariants(): Promise<void> {
  // Every journal entry balances.
  const unbalanced = await sql`select entry_id from journal_lines group by entry_id, currency having sum(amount_minor) <> 0`.execute(db());
  expect(unbalanced.rows).toEqual([]);

  const tradeIns = await db()
    .selectFrom('trade_ins')
    .select(['id', 'status', 'price_minor', 'seller_id'])
    .where('status', 'in', ['approved', 'paid', 'payout_on_hold'])
    .execute();
  const payouts = await db().selectFrom('payouts').selectAll().execute();
  const entries = await db().selectFrom('journal_entries').select(['payout_id', 'kind']).where('payout_id', 'is not', null).execute();

  for (const t of tradeIns) {
    const mine = payouts.filter((p) => p.trade_in_id === t.id);
    const live = mine.filter((p) => p.status !== 'returned');
    // Never more than the accepted price; one live payout, none while on hold waiting for corrected details.
    expect(live.reduce((s, p) => s + p.amount_minor, 0)).toBeLessThanOrEqual(t.price_minor);
    if (t.status === 'payout_on_hold') expect(live.length).toBeLessThanOrEqual(1);
    else expect(live.length, `trade-in ${t.id} (${t.status})`).toBe(1);
    if (t.status === 'paid') expect(live[0]!.status).toBe('sent');
    if (t.status === 'payout_on_hold') expect(live.every((p) => p.status === 'ready' || p.status === 'waiting_for_details')).toBe(true);
  }
  for (const p of payouts) {
    // One batch at most (one column), and posted as sent at most once; returned at most once.
    const kinds = entries.filter((e) => e.payout_id === p.id).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'payout_sent').length).toBe(p.status === 'sent' || p.status === 'returned' ? 1 : 0);
    expect(kinds.filter((k) => k === 'payout_returned').length).toBe(p.status === 'returned' ? 1 : 0);
    expect(p.batch_id !== null).toBe(p.status === 'sent' || p.status === 'returned');
  }
  const traces = payouts.filter((p) => p.batch_id).map((p) => `${p.batch_id}:${p.trace_number}`);
  expect(new Set(traces).size).toBe(traces.length);

  // What the ledger owes each seller = the prices approved − what is out at the bank.
  for (const seller of sellers) {
    const approved = tradeIns.filter((t) => t.seller_id === seller.id).reduce((s, t) => s + t.price_minor, 0);
    const out = payouts.filter((p) => p.seller_id === seller.id && p.status === 'sent').reduce((s, p) => s + p.amount_minor, 0);
    const row = await db()
      .selectFrom('journal_lines')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_minor'), eb.lit(0)).as('b'))
      .where('account_code', '=', `seller:${seller.id}:payable`)
      .executeTakeFirstOrThrow();
    expect(Number(row.b)).toBe(out - approved);
  }
}

describe('money through approvals, batches, returns and corrections', () => {
  it('keeps every entry balanced, never pays a trade-in more than its price, never sends a payout twice', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(1), fc.array(step, { minLength: 3, maxLength: 8 }), async (first, rest) => {
        // Something at the bank from the start, so returns and notices have a payout to answer.
        const steps: Step[] = [{ kind: 'approve', seller: first, priceMinor: 1_000_001 + first }, { kind: 'batch' }, ...rest];
        for (const s of steps) {
          await run(s);
          await checkInvariants();
        }
        // Whatever happened, a final correction and batch pays every held trade-in again, once.
        for (const seller of sellers) await run({ kind: 'correct', seller: sellers.indexOf(seller), account: '77700011122' });
        await run({ kind: 'batch' });
        await checkInvariants();
        const held = await db().selectFrom('trade_ins').select('id').where('status', '=', 'payout_on_hold').execute();
        expect(held).toEqual([]);
      }),
      { numRuns: 5, endOnFailure: true },
    );
  }, 600_000);
});
