import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.ts';
import type { TestUser } from '../../../../test/accounts.ts';
import { randomImei } from '../../../../test/factories.ts';
import { as, makeUser, readySeller } from '../../../../test/journey.ts';
import type { TBlocklistPage } from '../../../shared/api/blocklist.ts';

const ctx = useTestApp();
let operator: TestUser;
let seller: TestUser;

beforeAll(async () => {
  operator = await makeUser(ctx.app, ctx.database.db, 'operator');
  seller = await readySeller(ctx);
});

const add = (payload: unknown, user: TestUser = operator) =>
  ctx.app.inject({ method: 'POST', url: '/api/admin/blocklist', headers: as(user), payload: payload as object });
const remove = (imei: string, user: TestUser = operator) => ctx.app.inject({ method: 'DELETE', url: `/api/admin/blocklist/${imei}`, headers: as(user) });
const list = async (query = ''): Promise<TBlocklistPage> => {
  const res = await ctx.app.inject({ method: 'GET', url: `/api/admin/blocklist${query}`, headers: as(operator) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const audit = (subject: string) => ctx.database.db.selectFrom('audit_log').selectAll().where('subject', '=', subject).orderBy('id').execute();

describe('/api/admin/blocklist', () => {
  it('adds an IMEI (normalised), lists it in full newest first, refuses a duplicate, removes it; each change audited', async () => {
    const first = randomImei();
    const second = randomImei();
    const spaced = `${second.slice(0, 2)}-${second.slice(2, 8)} ${second.slice(8)}`;
    const res = await add({ imei: first, reason: 'Reported stolen, police report 2026-1187' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ imei: first, reason: 'Reported stolen, police report 2026-1187', addedBy: operator.id });
    ctx.securityClock.advance(1000);
    expect((await add({ imei: spaced, reason: 'Lost, carrier notice' })).statusCode).toBe(201);

    const page = await list();
    expect(page.entries.slice(0, 2).map((e) => e.imei)).toEqual([second, first]);
    expect(page.total).toBeGreaterThanOrEqual(2);
    expect((await list('?limit=1&offset=1')).entries.map((e) => e.imei)).toEqual([first]);

    const again = await add({ imei: first, reason: 'Twice' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'conflict', fields: { imei: expect.any(String) } });
    expect(await audit(`imei:${first}`)).toMatchObject([{ action: 'blocklist.added', actor_id: operator.id, reason: 'Reported stolen, police report 2026-1187' }]);

    expect((await remove(first)).statusCode).toBe(204);
    expect((await remove(first)).statusCode).toBe(404);
    expect((await list()).entries.map((e) => e.imei)).not.toContain(first);
    expect((await audit(`imei:${first}`)).map((a) => a.action)).toEqual(['blocklist.added', 'blocklist.removed']);
  });

  it('refuses an IMEI that fails its check digit or is not 15 digits, and a missing reason (400), changing nothing', async () => {
    const good = randomImei();
    const bad = good.slice(0, 14) + ((Number(good[14]) + 1) % 10);
    for (const payload of [{ imei: bad, reason: 'Stolen' }, { imei: good.slice(0, 14), reason: 'Stolen' }, { imei: good }, { imei: good, reason: ' ' }, { imei: good, reason: 'Stolen', extra: 1 }]) {
      const res = await add(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    expect((await list('?limit=200')).entries.map((e) => e.imei)).not.toContain(good);
    expect((await remove(bad)).statusCode).toBe(400);
  });

  it('is for operators only: 403 for a seller, 401 without a session', async () => {
    const imei = randomImei();
    expect((await add({ imei, reason: 'Stolen phone' }, seller)).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/admin/blocklist', headers: as(seller) })).statusCode).toBe(403);
    expect((await remove(imei, seller)).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/admin/blocklist' })).statusCode).toBe(401);
  });
});
