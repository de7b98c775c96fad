import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.ts';
import type { TestUser } from '../../../../test/accounts.ts';
import { deliveredTradeIn, inspect, inspectionBody, photoOf, type Delivered } from '../../../../test/inspection.ts';
import { acceptWithLabel, as, freshOffer, makeUser, readySeller } from '../../../../test/journey.ts';
import type { TAdminTradeIn } from '../../../shared/api/operator-console.ts';

const ctx = useTestApp();
const DAY = 24 * 3_600_000;
let operator: TestUser;
let seller: TestUser;
let shipping: string;
let delivered: Delivered;
let locked: Delivered;
let approved: Delivered;

beforeAll(async () => {
  operator = await makeUser(ctx.app, ctx.database.db, 'operator');
  seller = await readySeller(ctx);
  approved = await deliveredTradeIn(ctx, seller);
  expect((await inspect(ctx.app, approved.inspector, approved.id, inspectionBody(approved))).json()).toMatchObject({ status: 'approved' });
  locked = await deliveredTradeIn(ctx, seller);
  const lock = await inspect(ctx.app, locked.inspector, locked.id, inspectionBody(locked, { stillLinked: true, photoIds: [await photoOf(ctx, locked)] }));
  expect(lock.json(), lock.body).toMatchObject({ status: 'account_locked' });
  delivered = await deliveredTradeIn(ctx, seller);
  shipping = (await acceptWithLabel(ctx, seller, (await freshOffer(ctx.app, ctx.database.db)).offerId)).id;
});

const get = (query: string, user: TestUser = operator) => ctx.app.inject({ method: 'GET', url: `/api/admin/trade-ins${query}`, headers: as(user) });
const page = async (query: string) => {
  const res = await get(query);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: TAdminTradeIn[]; total: number; limit: number; offset: number };
};

describe('GET /api/admin/trade-ins', () => {
  it('gives each trade-in the deadline its status runs on, soonest first, none last', async () => {
    const { items, total } = await page('?limit=200');
    expect(total).toBe(4);
    const byId = new Map(items.map((t) => [t.id, t]));
    expect(byId.get(shipping)!.deadline?.kind).toBe('ship_by');
    expect(byId.get(delivered.id)!.deadline?.kind).toBe('inspection_due');
    expect(byId.get(locked.id)!.deadline?.kind).toBe('lock_hold_expires');
    expect(byId.get(approved.id)!).toMatchObject({ status: 'approved', deadline: null, overdue: false });
    const row = await ctx.database.db.selectFrom('trade_ins').select(['ship_by', 'inspection_due_at']).where('id', 'in', [shipping, delivered.id]).execute();
    expect(row.map((r) => (r.ship_by ?? r.inspection_due_at)!.toISOString())).toEqual(expect.arrayContaining([byId.get(shipping)!.deadline!.at]));
    expect(byId.get(delivered.id)!.deadline!.at).toBe(row.find((r) => r.inspection_due_at)!.inspection_due_at!.toISOString());
    const dated = items.filter((t) => t.deadline).map((t) => t.deadline!.at);
    expect(dated).toEqual([...dated].sort());
    expect(items.at(-1)!.id).toBe(approved.id);
    // Ship-by is 21 days away; inspection and the lock hold are days away: ship-by comes last of the dated ones.
    expect(items[2]!.id).toBe(shipping);
  });

  it('filters by status and pages with a total; newest first on request', async () => {
    expect((await page('?status=account_locked')).items.map((t) => t.id)).toEqual([locked.id]);
    const one = await page('?limit=1&offset=1');
    expect(one).toMatchObject({ total: 4, limit: 1, offset: 1 });
    const all = (await page('')).items.map((t) => t.id);
    expect(one.items.map((t) => t.id)).toEqual([all[1]]);
    expect((await page('?sort=newest')).items[0]!.id).toBe(shipping);
  });

  it('refuses an unknown status, sort or overdue value (400)', async () => {
    for (const q of ['?status=lost', '?sort=price', '?overdue=yes', '?limit=500', '?format=pdf']) expect((await get(q)).statusCode, q).toBe(400);
  });

  it('exports the filtered list as CSV with a header row', async () => {
    const res = await get('?format=csv&sort=deadline');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="trade-ins.csv"');
    expect(res.body.split('\n')[0]).toBe('trade_in_id,status,seller_id,refurbisher_id,price_cents,currency,accepted_at,deadline_kind,deadline_at,overdue');
    const rows = parse(res.body, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.trade_in_id)).toEqual((await page('')).items.map((t) => t.id));
    expect(rows.find((r) => r.trade_in_id === locked.id)).toMatchObject({ status: 'account_locked', deadline_kind: 'lock_hold_expires', overdue: 'no', price_cents: '1000000' });
  });

  it('is for operators only: a seller and a refurbisher get 403', async () => {
    expect((await get('', seller)).statusCode).toBe(403);
    expect((await get('?format=csv', delivered.inspector)).statusCode).toBe(403);
  });
  it('lists only what is overdue (by product time), and only what is not', async () => {
    expect((await page('?overdue=true')).items).toEqual([]);
    // The clock only moves forward: this test runs last.
    ctx.clock.advance(10 * DAY);
    const overdue = (await page('?overdue=true')).items;
    expect(overdue.map((t) => t.id).sort()).toEqual([delivered.id, locked.id].sort());
    expect(overdue.every((t) => t.overdue)).toBe(true);
    expect((await page('?overdue=false')).items.map((t) => t.id)).toEqual([shipping, approved.id]);
  });

});
