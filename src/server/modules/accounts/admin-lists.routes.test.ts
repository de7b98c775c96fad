import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.ts';
import type { TestUser } from '../../../../test/accounts.ts';
import { buildRefurbisher, randomImei } from '../../../../test/factories.ts';
import { as, makeUser, readySeller } from '../../../../test/journey.ts';
import { recordAudit } from '../../platform/audit.ts';
import { raiseOperatorFlag } from '../../platform/operator-flags.ts';

/**
 * The operator console's lists that came before it (audit log, flags, IMEI blocklist,
 * refurbishers): server paging with a total, the filters, CSV export with its formula guard, and
 * operators only.
 */
const ctx = useTestApp();
let operator: TestUser;
let seller: TestUser;
let refurbisher: TestUser;

beforeAll(async () => {
  operator = await makeUser(ctx.app, ctx.database.db, 'operator');
  seller = await readySeller(ctx);
  const r = await buildRefurbisher(ctx.database.db, { name: '=cmd|calc Refurb' });
  await buildRefurbisher(ctx.database.db, { name: 'Another Refurb' });
  refurbisher = await makeUser(ctx.app, ctx.database.db, 'refurbisher', { refurbisherId: r.id });
  const at = ctx.securityClock.now();
  for (let i = 0; i < 3; i++) await recordAudit(ctx.database.db, { actorId: operator.id, action: 'seller_field.revealed', subject: seller.id, field: 'accountNumber', reason: i === 0 ? '=SUM(A1:A9) R03 check' : `ACH return ${i}`, ip: '192.0.2.1', at });
  await recordAudit(ctx.database.db, { actorId: operator.id, action: 'blocklist.added', subject: 'imei:x', reason: 'stolen', at });
  for (let i = 0; i < 3; i++) {
    await raiseOperatorFlag(ctx.database.db, ctx.securityClock, { kind: 'blocked_mail', dedupeKey: `console-${i}`, userIds: [seller.id], details: { mailKey: `+mail-${i}` } });
  }
  for (let i = 0; i < 3; i++) {
    expect((await ctx.app.inject({ method: 'POST', url: '/api/admin/blocklist', headers: as(operator), payload: { imei: randomImei(), reason: i === 0 ? '@risk reported' : 'Reported stolen' } })).statusCode).toBe(201);
    ctx.securityClock.advance(1000);
  }
});

const get = (url: string, user: TestUser = operator) => ctx.app.inject({ method: 'GET', url, headers: as(user) });
const ok = async (url: string) => {
  const res = await get(url);
  expect(res.statusCode, res.body).toBe(200);
  return res;
};
const csvOf = (body: string) => parse(body, { columns: true }) as Record<string, string>[];

describe('GET /api/admin/audit-log (console)', () => {
  it('pages by offset with a total and filters by action', async () => {
    const all = (await ok('/api/admin/audit-log?action=seller_field.revealed&limit=200')).json();
    expect(all.total).toBe(3);
    expect(all.entries.every((e: { action: string }) => e.action === 'seller_field.revealed')).toBe(true);
    const second = (await ok('/api/admin/audit-log?action=seller_field.revealed&limit=2&offset=2')).json();
    expect(second).toMatchObject({ total: 3, limit: 2, offset: 2 });
    expect(second.entries.map((e: { id: number }) => e.id)).toEqual([all.entries[2].id]);
    expect((await get('/api/admin/audit-log?action=DROP TABLE')).statusCode).toBe(400);
  });

  it('exports the filtered log as CSV, a formula in a reason disarmed', async () => {
    const res = await ok('/api/admin/audit-log?action=seller_field.revealed&format=csv');
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.body.split('\n')[0]).toBe('id,at,actor_id,action,subject,field,reason,ip');
    const rows = csvOf(res.body);
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.reason)).toContain("'=SUM(A1:A9) R03 check");
    expect(rows.every((r) => r.action === 'seller_field.revealed' && r.actor_id === operator.id)).toBe(true);
  });
});

describe('GET /api/admin/flags (console)', () => {
  it('gives the total beside the cursor, and exports CSV', async () => {
    const page = (await ok('/api/admin/flags?kind=blocked_mail&limit=2')).json();
    expect(page.flags).toHaveLength(2);
    expect(page.total).toBe(3);
    expect(page.nextCursor).not.toBeNull();
    const res = await ok('/api/admin/flags?kind=blocked_mail&format=csv');
    expect(res.body.split('\n')[0]).toBe('id,kind,status,trade_in_id,user_ids,details,created_at,updated_at,cleared_by,cleared_at,cleared_note');
    const rows = csvOf(res.body);
    expect(rows.map((r) => r.kind)).toEqual(['blocked_mail', 'blocked_mail', 'blocked_mail']);
    expect(rows[0]).toMatchObject({ status: 'open', user_ids: seller.id });
  });
});

describe('GET /api/admin/blocklist (console)', () => {
  it('exports the whole list as CSV, a formula in a reason disarmed', async () => {
    const res = await ok('/api/admin/blocklist?format=csv&limit=1');
    expect(res.body.split('\n')[0]).toBe('imei,reason,added_by,created_at');
    const rows = csvOf(res.body);
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.reason)).toEqual(['Reported stolen', 'Reported stolen', "'@risk reported"]);
  });
});

describe('GET /api/admin/refurbishers (console)', () => {
  it('pages with the total in a header; without a limit, the whole list as before', async () => {
    const all = await ok('/api/admin/refurbishers');
    const names = all.json().map((r: { name: string }) => r.name);
    expect(names.length).toBeGreaterThanOrEqual(2);
    expect(all.headers['x-total-count']).toBe(String(names.length));
    const one = await ok('/api/admin/refurbishers?limit=1&offset=1');
    expect(one.json().map((r: { name: string }) => r.name)).toEqual([names[1]]);
    expect(one.headers['x-total-count']).toBe(String(names.length));
    expect((await get('/api/admin/refurbishers?limit=0')).statusCode).toBe(400);
  });

  it('exports CSV, a formula in a name disarmed', async () => {
    const res = await ok('/api/admin/refurbishers?format=csv');
    expect(res.body.split('\n')[0]).toMatch(/^refurbisher_id,name,city,state,members,pending_invitations,wishlist_entries,commission_bps,created_at$/);
    expect(csvOf(res.body).map((r) => r.name)).toContain("'=cmd|calc Refurb");
  });
});

describe('the console lists are for operators only', () => {
  it('answers a seller and a refurbisher 403, for the page and for the CSV', async () => {
    for (const url of ['/api/admin/audit-log', '/api/admin/flags', '/api/admin/blocklist', '/api/admin/refurbishers']) {
      for (const user of [seller, refurbisher]) {
        expect((await get(url, user)).statusCode, url).toBe(403);
        expect((await get(`${url}?format=csv`, user)).statusCode, url).toBe(403);
      }
    }
  });
});
