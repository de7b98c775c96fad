import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.ts';
import type { TestUser } from '../../../../test/accounts.ts';
import { deliveredTradeIn } from '../../../../test/inspection.ts';
import { as, makeUser, readySeller } from '../../../../test/journey.ts';
import type { TAdminPayout } from '../../../shared/api/payouts.ts';
import { encryptField } from '../../platform/crypto.ts';

const ctx = useTestApp();
let operator: TestUser;
let seller: TestUser;
let inspector: TestUser;
const ids = { t1: '', t2: '', t3: '' };

const seal = (rowId: string, column: string, value: string) => encryptField(ctx.secrets.keyring, value, { table: 'payouts', rowId, column });

async function payout(id: string, tradeInId: string, refurbisherId: string, attempt: number, status: 'waiting_for_details' | 'ready' | 'sent' | 'returned', at: Date) {
  const details = status !== 'waiting_for_details';
  const batched = status === 'sent' || status === 'returned';
  await ctx.database.db
    .insertInto('payouts')
    .values({
      id,
      trade_in_id: tradeInId,
      seller_id: seller.id,
      refurbisher_id: refurbisherId,
      attempt,
      amount_minor: 12_345 + attempt,
      currency: 'USD',
      status,
      routing_number_sealed: details ? seal(id, 'routing_number_sealed', '021000021') : null,
      account_number_sealed: details ? seal(id, 'account_number_sealed', `00012345${attempt}789`) : null,
      account_type: details ? 'checking' : null,
      holder_name: details ? 'Ada Lovelace' : null,
      batch_id: batched ? 'bat_console_test' : null,
      trace_number: batched ? `0210000200000${attempt}${id.slice(-1)}` : null,
      created_at: at,
      ready_at: details ? at : null,
      sent_at: batched ? at : null,
      returned_at: status === 'returned' ? at : null,
    })
    .execute();
}

beforeAll(async () => {
  operator = await makeUser(ctx.app, ctx.database.db, 'operator');
  seller = await readySeller(ctx);
  const d1 = await deliveredTradeIn(ctx, seller);
  const d2 = await deliveredTradeIn(ctx, seller);
  const d3 = await deliveredTradeIn(ctx, seller);
  inspector = d1.inspector;
  Object.assign(ids, { t1: d1.id, t2: d2.id, t3: d3.id });
  const now = ctx.clock.now();
  await ctx.database.db
    .insertInto('payout_batches')
    .values({
      id: 'bat_console_test',
      business_date: '2026-12-01',
      window_name: 'standard',
      same_day: false,
      cutoff_at: now,
      effective_date: '2026-12-02',
      file_id_modifier: 'A',
      file_name: 'test.ach',
      file_created_at: now,
      created_by: operator.id,
      entry_count: 3,
      total_minor: 1,
      entry_hash: 1,
      created_at: now,
    })
    .execute();
  const at = (min: number) => new Date(now.getTime() + min * 60_000);
  // t1: returned, then corrected (attempt 2 ready); t2: returned, not corrected yet; t3: no bank details.
  await payout('pay_c1', d1.id, d1.refurbisherId, 1, 'returned', at(1));
  await payout('pay_c2', d1.id, d1.refurbisherId, 2, 'ready', at(2));
  await payout('pay_c3', d2.id, d2.refurbisherId, 1, 'returned', at(3));
  await payout('pay_c4', d3.id, d3.refurbisherId, 1, 'waiting_for_details', at(4));
  await ctx.database.db
    .insertInto('ach_returns')
    .values({ id: 'ret_c3', payout_id: 'pay_c3', kind: 'return', code: 'R03', trace_number: '021000020000013', source: 'manual', recorded_by: operator.id, received_at: at(3) })
    .execute();
});

const get = (query: string, user: TestUser = operator) => ctx.app.inject({ method: 'GET', url: `/api/admin/payouts${query}`, headers: as(user) });
const page = async (query: string) => {
  const res = await get(query);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: TAdminPayout[]; total: number; limit: number; offset: number };
};
const mine = (items: TAdminPayout[]) => items.filter((p) => p.sellerId === seller.id);

describe('GET /api/admin/payouts', () => {
  it('lists payouts newest first with why each waits, the seller’s name and the account masked', async () => {
    const all = mine((await page('?limit=200')).items);
    expect(all.map((p) => [p.id, p.status, p.waitingReason])).toEqual([
      ['pay_c4', 'waiting_for_details', 'no_bank_details'],
      ['pay_c3', 'returned', 'returned_awaiting_correction'],
      ['pay_c2', 'ready', 'next_batch'],
      ['pay_c1', 'returned', null],
    ]);
    const c3 = all.find((p) => p.id === 'pay_c3')!;
    expect(c3).toMatchObject({ sellerName: 'Ada Lovelace', tradeInId: ids.t2, accountMasked: '•••• 1789', returnCode: 'R03', batchId: 'bat_console_test', amount: { amountMinor: 12_346, currency: 'USD' } });
    expect(all.find((p) => p.id === 'pay_c4')!.accountMasked).toBeNull();
    // Never the whole number.
    expect(JSON.stringify(all)).not.toContain('000123451789');
  });

  it('filters by reason and by status, and pages with a total', async () => {
    expect(mine((await page('?reason=returned_awaiting_correction')).items).map((p) => p.id)).toEqual(['pay_c3']);
    expect(mine((await page('?reason=no_bank_details')).items).map((p) => p.id)).toEqual(['pay_c4']);
    expect(mine((await page('?reason=next_batch')).items).map((p) => p.id)).toEqual(['pay_c2']);
    expect(mine((await page('?status=returned')).items).map((p) => p.id)).toEqual(['pay_c3', 'pay_c1']);
    const first = await page('?status=returned&limit=1');
    const second = await page('?status=returned&limit=1&offset=1');
    expect(first.total).toBe(2);
    expect(first).toMatchObject({ limit: 1, offset: 0 });
    expect([...first.items, ...second.items].map((p) => p.id)).toEqual(['pay_c3', 'pay_c1']);
    expect((await page('?status=returned&limit=1&offset=2')).items).toEqual([]);
  });

  it('refuses a filter it does not know, and a page too large (400)', async () => {
    for (const q of ['?reason=lost', '?status=paid', '?limit=0', '?limit=201', '?offset=-1', '?format=xml', '?extra=1']) {
      const res = await get(q);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
  });

  it('exports the filtered list as CSV, a seller’s formula disarmed', async () => {
    await ctx.database.db.updateTable('seller_profiles').set({ first_name: '=HYPERLINK("http://evil")' }).where('user_id', '=', seller.id).execute();
    try {
      const res = await get('?status=returned&format=csv');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toBe('attachment; filename="payouts.csv"');
      const rows = parse(res.body, { columns: true }) as Record<string, string>[];
      expect(res.body.split('\n')[0]).toBe(
        'payout_id,trade_in_id,seller_id,seller_name,refurbisher_id,status,waiting_reason,amount_cents,currency,attempt,account,batch_id,trace_number,created_at,ready_at,sent_at,returned_at,return_code',
      );
      const mineRows = rows.filter((r) => r.seller_id === seller.id);
      expect(mineRows.map((r) => r.payout_id)).toEqual(['pay_c3', 'pay_c1']);
      expect(mineRows[0]).toMatchObject({ seller_name: `'=HYPERLINK("http://evil") Lovelace`, waiting_reason: 'returned_awaiting_correction', amount_cents: '12346', account: '•••• 1789', return_code: 'R03' });
      expect(res.body).not.toContain('000123451789');
    } finally {
      await ctx.database.db.updateTable('seller_profiles').set({ first_name: 'Ada' }).where('user_id', '=', seller.id).execute();
    }
  });

  it('is for operators only: a seller and a refurbisher get 403, nobody signed in 401', async () => {
    expect((await get('', seller)).statusCode).toBe(403);
    expect((await get('?format=csv', inspector)).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/admin/payouts' })).statusCode).toBe(401);
  });
});
