import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.ts';
import { as, GOOD_PASSWORD, validPayout, type TestUser } from '../../../../test/accounts.ts';
import { answersGraded, deliveredTradeIn, differingQuestions, inspect, inspectionBody, photoOf, sellerPost, type Delivered } from '../../../../test/inspection.ts';
import { flawlessAnswers, readySeller } from '../../../../test/journey.ts';
import type { TTradeIn } from '../../../shared/api/trade-ins.ts';
import { addBusinessDaysToInstant } from '../../platform/business-days.ts';
import { createKeyring, generateMasterKey, parseMasterKey } from '../../platform/crypto.ts';
import { newId } from '../../platform/ids.ts';
import { transition } from '../trade-ins/index.ts';
import { openPayoutColumn } from './bank-details.ts';
import { rotatePayoutKeys } from './payouts-key-rotation.ts';
import { startPayout, type PayoutDeps } from './start-payout.service.ts';

/**
 * A payout for every approval, through the real routes: a match, an accepted counteroffer and a
 * lapsed inspection each make exactly one payout and one balanced approval entry; a seller
 * without bank details is asked for them and released by saving them; a payout keeps the
 * details it copied; the seller sees it masked, and nobody else sees it.
 */
const ctx = useTestApp({ requestReturn: async () => undefined });
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ACCOUNT = '0009876543210';
const OTHER_ACCOUNT = '000111222333';

let seller: TestUser;
beforeAll(async () => {
  seller = await readySeller(ctx);
});

const db = () => ctx.database.db;
const view = async (user: TestUser, id: string) => ctx.app.inject({ method: 'GET', url: `/api/trade-ins/${id}`, headers: as(user) });
const payoutsOf = (tradeInId: string) => db().selectFrom('payouts').selectAll().where('trade_in_id', '=', tradeInId).orderBy('attempt').execute();
const approvalLines = (tradeInId: string) =>
  db()
    .selectFrom('journal_lines as l')
    .innerJoin('journal_entries as e', 'e.id', 'l.entry_id')
    .select(['e.id as entryId', 'l.account_code', 'l.amount_minor'])
    .where('e.trade_in_id', '=', tradeInId)
    .where('e.kind', '=', 'approval')
    .execute();
const savePayout = (user: TestUser, over: Record<string, unknown> = {}) =>
  ctx.app.inject({ method: 'PUT', url: '/api/me/payout-method', headers: as(user), payload: validPayout(user.password ?? GOOD_PASSWORD, over) });
async function mailsAbout(email: string, subject: RegExp, tradeInId: string) {
  const found = [];
  for (const m of await ctx.runtime.mailer.listOutbox()) {
    if (m.to !== email || !subject.test(m.subject)) continue;
    const full = await ctx.runtime.mailer.readOutboxMessage(m.id);
    if (full?.text.includes(tradeInId)) found.push(full);
  }
  return found;
}

/** One approval entry for the trade-in, balanced: the refurbisher owes price + 10 %, the seller is owed the price. */
async function expectApprovalEntry(d: Delivered, sellerId: string, priceMinor: number) {
  const lines = await approvalLines(d.id);
  expect(new Set(lines.map((l) => l.entryId)).size).toBe(1);
  expect(lines.reduce((s, l) => s + Number(l.amount_minor), 0)).toBe(0);
  const by = Object.fromEntries(lines.map((l) => [l.account_code, Number(l.amount_minor)]));
  expect(by).toEqual({
    [`refurbisher:${d.refurbisherId}:receivable`]: priceMinor + priceMinor / 10,
    [`seller:${sellerId}:payable`]: -priceMinor,
    'platform:commission': -priceMinor / 10,
  });
}

async function counterofferBody(d: Delivered, priceMinor: number) {
  const answers = answersGraded('Good');
  return inspectionBody(d, {
    answers,
    photoIds: [await photoOf(ctx, d)],
    counteroffer: {
      price: { amountMinor: priceMinor, currency: 'USD' },
      defects: differingQuestions(flawlessAnswers('smartphones'), answers).map((subject) => ({ subject, reason: 'Visible wear on the frame' })),
    },
  });
}

const payoutDeps = (): PayoutDeps => ({ clock: ctx.clock, keyring: ctx.secrets.keyring, notifySeller: async () => undefined, enqueue: async () => undefined });

describe('a payout for every approval', () => {
  it('a match: one payout, ready with the seller’s details copied and sealed under the payout, one balanced approval entry', async () => {
    const d = await deliveredTradeIn(ctx, seller);
    const res = await inspect(ctx.app, d.inspector, d.id, inspectionBody(d));
    expect(res.statusCode, res.body).toBe(200);
    const [p, ...more] = await payoutsOf(d.id);
    expect(more).toHaveLength(0);
    expect(p).toMatchObject({ status: 'ready', attempt: 1, seller_id: seller.id, refurbisher_id: d.refurbisherId, account_type: 'checking', holder_name: 'Ada Lovelace' });
    expect(Number(p!.amount_minor)).toBe(1_000_000);
    expect(p!.account_number_sealed).not.toContain(ACCOUNT);
    expect(openPayoutColumn(ctx.secrets.keyring, p!.id, 'account_number_sealed', p!.account_number_sealed!)).toBe(ACCOUNT);
    expect(openPayoutColumn(ctx.secrets.keyring, p!.id, 'routing_number_sealed', p!.routing_number_sealed!)).toBe('021000021');
    // Bound to its row: the copy does not open as another payout's.
    expect(() => openPayoutColumn(ctx.secrets.keyring, 'pay_other', 'account_number_sealed', p!.account_number_sealed!)).toThrow();
    await expectApprovalEntry(d, seller.id, 1_000_000);

    // The seller sees it, masked, with a send time and arrival dates; never the full number.
    const mine = await view(seller, d.id);
    expect(mine.statusCode).toBe(200);
    const t = mine.json() as TTradeIn;
    expect(t.payout).toMatchObject({ id: p!.id, status: 'ready', amount: { amountMinor: 1_000_000, currency: 'USD' }, attempt: 1, accountMasked: '•••• 3210', returned: null });
    expect(new Date(t.payout!.sendsAt!).getTime()).toBeGreaterThan(ctx.clock.now().getTime());
    expect(t.payout!.expectedArrival!.from <= t.payout!.expectedArrival!.to).toBe(true);
    expect(mine.body).not.toContain(ACCOUNT);
    expect(mine.body).not.toContain('021000021');

    // The "approved" e-mail gives the dates instead of a fixed "3–6 business days".
    await ctx.runtime.jobs.runDue();
    const [mail] = await mailsAbout(seller.email, /is approved/, d.id);
    expect(mail?.text).toMatch(/should reach your bank (on|between) /);
    expect(mail?.text).not.toMatch(/3–6 business days/);
    expect(mail?.text).not.toContain(ACCOUNT);

    // Another seller cannot see it.
    const stranger = await readySeller(ctx, { payout: false });
    expect((await view(stranger, d.id)).statusCode).toBe(404);
  });

  it('an accepted counteroffer: the payout is the new price, the entry too', async () => {
    const d = await deliveredTradeIn(ctx, seller);
    expect((await inspect(ctx.app, d.inspector, d.id, await counterofferBody(d, 700_000))).statusCode).toBe(200);
    expect(await payoutsOf(d.id)).toHaveLength(0);
    const res = await sellerPost(ctx.app, seller, d.id, 'counteroffer/accept');
    expect(res.statusCode, res.body).toBe(200);
    const payouts = await payoutsOf(d.id);
    expect(payouts).toHaveLength(1);
    expect(payouts[0]).toMatchObject({ status: 'ready', attempt: 1 });
    expect(Number(payouts[0]!.amount_minor)).toBe(700_000);
    await expectApprovalEntry(d, seller.id, 700_000);
    expect(((await view(seller, d.id)).json() as TTradeIn).payout).toMatchObject({ status: 'ready', amount: { amountMinor: 700_000 } });
  });

  it('a replay of the approval makes no second payout and no second entry, even two at once', async () => {
    const d = await deliveredTradeIn(ctx, seller);
    expect((await inspect(ctx.app, d.inspector, d.id, inspectionBody(d))).statusCode).toBe(200);
    const results = await Promise.all([1, 2].map(() => db().transaction().execute((trx) => startPayout(payoutDeps(), trx, d.id))));
    expect(results).toEqual(['already_started', 'already_started']);
    expect(await payoutsOf(d.id)).toHaveLength(1);
    await expectApprovalEntry(d, seller.id, 1_000_000);
  });
});

describe('waiting for bank details', () => {
  it('no bank details: the payout waits, the seller is e-mailed and reminded; saving details releases it, and the reminders stop', async () => {
    const newcomer = await readySeller(ctx, { payout: false });
    const d = await deliveredTradeIn(ctx, newcomer);
    expect((await inspect(ctx.app, d.inspector, d.id, inspectionBody(d))).statusCode).toBe(200);
    const [p] = await payoutsOf(d.id);
    expect(p).toMatchObject({ status: 'waiting_for_details', routing_number_sealed: null, account_number_sealed: null, ready_at: null });
    await expectApprovalEntry(d, newcomer.id, 1_000_000);
    expect(((await view(newcomer, d.id)).json() as TTradeIn).payout).toMatchObject({ status: 'waiting_for_details', accountMasked: null, sendsAt: null, expectedArrival: null });

    await ctx.runtime.jobs.runDue();
    const asked = await mailsAbout(newcomer.email, /^Add your bank details to get paid/, d.id);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.text).toContain('/settings');
    expect((await mailsAbout(newcomer.email, /is approved/, d.id))[0]?.text).toMatch(/we need your bank details/);

    ctx.clock.advance(3 * DAY + HOUR);
    await ctx.runtime.jobs.runDue();
    await ctx.runtime.jobs.runDue();
    expect(await mailsAbout(newcomer.email, /^Reminder: add your bank details/, d.id)).toHaveLength(1);

    const saved = await savePayout(newcomer);
    expect(saved.statusCode, saved.body).toBe(200);
    const [ready, ...more] = await payoutsOf(d.id);
    expect(more).toHaveLength(0);
    expect(ready).toMatchObject({ id: p!.id, status: 'ready', attempt: 1 });
    expect(openPayoutColumn(ctx.secrets.keyring, ready!.id, 'account_number_sealed', ready!.account_number_sealed!)).toBe(ACCOUNT);
    expect(((await view(newcomer, d.id)).json() as TTradeIn).payout).toMatchObject({ status: 'ready', accountMasked: '•••• 3210' });

    ctx.clock.advance(7 * DAY);
    await ctx.runtime.jobs.runDue();
    await ctx.runtime.jobs.runDue();
    expect(await mailsAbout(newcomer.email, /^Reminder: add your bank details/, d.id)).toHaveLength(1);
  });

  it('changing the details later never redirects a ready payout: it keeps the account it copied', async () => {
    const mover = await readySeller(ctx);
    const d = await deliveredTradeIn(ctx, mover);
    expect((await inspect(ctx.app, d.inspector, d.id, inspectionBody(d))).statusCode).toBe(200);
    expect((await savePayout(mover, { accountNumber: OTHER_ACCOUNT, accountNumberConfirmation: OTHER_ACCOUNT, accountType: 'savings' })).statusCode).toBe(200);
    const [p, ...more] = await payoutsOf(d.id);
    expect(more).toHaveLength(0);
    expect(p).toMatchObject({ status: 'ready', account_type: 'checking' });
    expect(openPayoutColumn(ctx.secrets.keyring, p!.id, 'account_number_sealed', p!.account_number_sealed!)).toBe(ACCOUNT);
    expect(((await view(mover, d.id)).json() as TTradeIn).payout).toMatchObject({ accountMasked: '•••• 3210' });
  });

  it('two saves at once release each waiting payout once', async () => {
    const newcomer = await readySeller(ctx, { payout: false });
    const ds = [await deliveredTradeIn(ctx, newcomer), await deliveredTradeIn(ctx, newcomer)];
    for (const d of ds) expect((await inspect(ctx.app, d.inspector, d.id, inspectionBody(d))).statusCode).toBe(200);
    const saves = await Promise.all([savePayout(newcomer), savePayout(newcomer, { accountNumber: OTHER_ACCOUNT, accountNumberConfirmation: OTHER_ACCOUNT })]);
    expect(saves.map((r) => r.statusCode)).toEqual([200, 200]);
    for (const d of ds) {
      const payouts = await payoutsOf(d.id);
      expect(payouts).toHaveLength(1);
      expect(payouts[0]!.status).toBe('ready');
      expect([ACCOUNT, OTHER_ACCOUNT]).toContain(openPayoutColumn(ctx.secrets.keyring, payouts[0]!.id, 'account_number_sealed', payouts[0]!.account_number_sealed!));
    }
  });

  it('a trade-in on hold after a returned payout gets attempt 2 when the seller corrects the details, once', async () => {
    const s = await readySeller(ctx);
    const d = await deliveredTradeIn(ctx, s);
    expect((await inspect(ctx.app, d.inspector, d.id, inspectionBody(d))).statusCode).toBe(200);
    const [first] = await payoutsOf(d.id);
    // What helpers 4 and 5 do: sent in a batch, then returned by the bank (R03).
    const now = ctx.clock.now();
    await db().transaction().execute(async (trx) => {
      const batchId = newId('payoutBatch', now.getTime());
      await trx
        .insertInto('payout_batches')
        .values({ id: batchId, business_date: '2026-12-01', window_name: `standard-${batchId}`, same_day: false, cutoff_at: now, effective_date: '2026-12-02', file_id_modifier: 'A', file_name: `${batchId}.ach`, file_created_at: now, created_by: 'scheduler', entry_count: 1, total_minor: 1_000_000, entry_hash: 2100002, created_at: now })
        .execute();
      await trx.updateTable('payouts').set({ status: 'returned', batch_id: batchId, trace_number: '021000020000001', sent_at: now, returned_at: now }).where('id', '=', first!.id).execute();
      await trx.insertInto('ach_returns').values({ id: newId('achReturn', now.getTime()), payout_id: first!.id, kind: 'return', code: 'R03', trace_number: '021000020000001', source: 'manual', recorded_by: 'test', received_at: now }).execute();
      await transition(trx, d.id, { event: 'pay', now });
      await transition(trx, d.id, { event: 'hold_payout', now });
    });
    expect(((await view(s, d.id)).json() as TTradeIn).payout).toMatchObject({ status: 'returned', accountMasked: '•••• 3210', sendsAt: null, expectedArrival: null, returned: { code: 'R03', reason: expect.stringMatching(/could not find an account/) } });

    await Promise.all([savePayout(s, { accountNumber: OTHER_ACCOUNT, accountNumberConfirmation: OTHER_ACCOUNT }), savePayout(s, { accountNumber: OTHER_ACCOUNT, accountNumberConfirmation: OTHER_ACCOUNT })]);
    const payouts = await payoutsOf(d.id);
    expect(payouts.map((p) => [p.attempt, p.status])).toEqual([
      [1, 'returned'],
      [2, 'ready'],
    ]);
    expect(Number(payouts[1]!.amount_minor)).toBe(1_000_000);
    expect(openPayoutColumn(ctx.secrets.keyring, payouts[1]!.id, 'account_number_sealed', payouts[1]!.account_number_sealed!)).toBe(OTHER_ACCOUNT);
    expect(openPayoutColumn(ctx.secrets.keyring, first!.id, 'account_number_sealed', first!.account_number_sealed!)).toBe(ACCOUNT);
    // Still one approval entry: the retry is the same money, not a second approval.
    await expectApprovalEntry(d, s.id, 1_000_000);
  });
});

describe('a lapsed inspection', () => {
  it('approved at the offer price when the deadline lapses: one payout, one entry', async () => {
    const d = await deliveredTradeIn(ctx, seller);
    const due = new Date(((await view(seller, d.id)).json() as TTradeIn).deadlines.inspectionDueAt!);
    const lapseAt = addBusinessDaysToInstant(due, 2);
    ctx.clock.advance(lapseAt.getTime() + 1000 - ctx.clock.now().getTime());
    await ctx.runtime.jobs.runDue();
    await ctx.runtime.jobs.runDue();
    expect(((await view(seller, d.id)).json() as TTradeIn).status).toBe('approved');
    const payouts = await payoutsOf(d.id);
    expect(payouts).toHaveLength(1);
    expect(payouts[0]).toMatchObject({ status: 'ready', attempt: 1 });
    expect(Number(payouts[0]!.amount_minor)).toBe(1_000_000);
    await expectApprovalEntry(d, seller.id, 1_000_000);
  });
});

describe('keys:rotate', () => {
  it('re-wraps every payout copy under the current key, and a second run changes nothing', async () => {
    const old = ctx.secrets.keyring;
    const next = createKeyring({ id: 'rotated', key: parseMasterKey(generateMasterKey()) }, [old.current]);
    const before = await db().selectFrom('payouts').select(['id', 'account_number_sealed']).where('account_number_sealed', 'is not', null).execute();
    expect(before.length).toBeGreaterThan(0);
    const [payouts] = await rotatePayoutKeys(db(), next, { batchSize: 2 });
    expect(payouts).toMatchObject({ table: 'payouts', rows: before.length, rewrapped: 2 * before.length, failed: 0 });
    for (const row of await db().selectFrom('payouts').select(['id', 'account_number_sealed', 'routing_number_sealed']).where('account_number_sealed', 'is not', null).execute()) {
      expect(row.account_number_sealed!.split('.')[1]).toBe('rotated');
      expect(openPayoutColumn(next, row.id, 'account_number_sealed', row.account_number_sealed!)).toMatch(/^\d+$/);
      expect(() => openPayoutColumn(createKeyring(old.current), row.id, 'routing_number_sealed', row.routing_number_sealed!)).toThrow();
    }
    const [again] = await rotatePayoutKeys(db(), next);
    expect(again).toMatchObject({ rewrapped: 0, rehashed: 0, failed: 0 });
    // Back under the app's key, for the jobs still to run.
    expect((await rotatePayoutKeys(db(), createKeyring(old.current, [next.current])))[0]).toMatchObject({ failed: 0 });
  });
});
