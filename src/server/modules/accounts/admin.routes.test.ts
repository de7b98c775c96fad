import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/db.ts';
import { buildTestApp } from '../../../../test/app.ts';
import { buildRefurbisher } from '../../../../test/factories.ts';
import type { Database } from '../../platform/db/database.ts';
import { as, makeUser, signUp, validPayout, VALID_PROFILE, type TestUser } from '../../../../test/accounts.ts';

let database: Database;
let app: FastifyInstance;
let seller: TestUser;
let operator: TestUser;
let refurbisher: TestUser;
const ACCOUNT = '000271828182';
const LICENCE = 'Q12345678';

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app } = await buildTestApp(database));
  seller = await signUp(app);
  operator = await makeUser(app, database.db, 'operator');
  const r = await buildRefurbisher(database.db);
  refurbisher = await makeUser(app, database.db, 'refurbisher', { refurbisherId: r.id });
  await app.inject({ method: 'PUT', url: '/api/me/profile', headers: as(seller), payload: VALID_PROFILE });
  await app.inject({ method: 'PUT', url: '/api/me/identity', headers: as(seller), payload: { kind: 'drivers_license', number: LICENCE, state: 'TX' } });
  const res = await app.inject({
    method: 'PUT',
    url: '/api/me/payout-method',
    headers: as(seller),
    payload: validPayout(seller.password, { accountNumber: ACCOUNT, accountNumberConfirmation: ACCOUNT }),
  });
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const reveal = (user: Pick<TestUser, 'cookie'> | null, sellerId: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: `/api/admin/sellers/${sellerId}/reveal`, headers: user ? as(user) : {}, payload });

const auditRows = () => database.db.selectFrom('audit_log').selectAll().where('action', '=', 'seller_field.revealed').orderBy('id').execute();

describe('POST /api/admin/sellers/:userId/reveal', () => {
  it('shows an operator the value, after writing who, what, why and from where to the audit log', async () => {
    const before = (await auditRows()).length;
    const res = await app.inject({
      method: 'POST',
      url: `/api/admin/sellers/${seller.id}/reveal`,
      headers: as(operator),
      remoteAddress: '192.0.2.44',
      payload: { field: 'accountNumber', reason: 'ACH return R03 on payout batch 12' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ field: 'accountNumber', value: ACCOUNT });
    expect(res.headers['cache-control']).toBe('no-store');
    const rows = await auditRows();
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({
      actor_id: operator.id,
      subject: seller.id,
      field: 'accountNumber',
      reason: 'ACH return R03 on payout batch 12',
      ip: '192.0.2.44',
    });
  });

  it.each([
    ['routingNumber', '021000021'],
    ['licenceNumber', LICENCE],
    ['dateOfBirth', VALID_PROFILE.dateOfBirth],
  ])('reveals %s', async (field, value) => {
    const res = await reveal(operator, seller.id, { field, reason: 'Identity check for dispute 88' });
    expect(res.json()).toEqual({ field, value });
  });

  it('refuses without a reason, or with a token one (400), writing nothing', async () => {
    const before = (await auditRows()).length;
    for (const payload of [{ field: 'accountNumber' }, { field: 'accountNumber', reason: '  because  ' }, { field: 'password', reason: 'Looking around for fun' }]) {
      const res = await reveal(operator, seller.id, payload);
      expect(res.statusCode).toBe(400);
      expect(res.body).not.toContain(ACCOUNT);
    }
    const missing = await reveal(operator, seller.id, { field: 'accountNumber' });
    expect(missing.json().error.fields.reason).toBeDefined();
    expect((await auditRows()).length).toBe(before);
  });

  it('refuses sellers and refurbishers (403) and anonymous callers (401)', async () => {
    const payload = { field: 'accountNumber', reason: 'I would like to see it please' };
    const other = await signUp(app);
    for (const user of [seller, other, refurbisher]) {
      const res = await reveal(user, seller.id, payload);
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain(ACCOUNT);
    }
    expect((await reveal(null, seller.id, payload)).statusCode).toBe(401);
  });

  it('answers 404 for a seller without that detail (the attempt stays audited)', async () => {
    const bare = await signUp(app);
    const before = (await auditRows()).length;
    const res = await reveal(operator, bare.id, { field: 'ssnLast4', reason: 'Checking an identity claim' });
    expect(res.statusCode).toBe(404);
    expect((await auditRows()).length).toBe(before + 1);
  });

  it('reveals nothing (500) when the audit row cannot be written', async () => {
    await sql`
      create function refuse_audit() returns trigger language plpgsql as $$ begin raise exception 'audit store unavailable'; end $$;
      create trigger refuse_audit before insert on audit_log for each row execute function refuse_audit();
    `.execute(database.db);
    try {
      const res = await reveal(operator, seller.id, { field: 'accountNumber', reason: 'ACH return R03 on payout batch 12' });
      expect(res.statusCode).toBe(500);
      expect(res.json().error.code).toBe('internal');
      expect(res.body).not.toContain(ACCOUNT);
      expect(res.body).not.toContain('2818');
    } finally {
      await sql`drop trigger refuse_audit on audit_log; drop function refuse_audit();`.execute(database.db);
    }
    expect((await reveal(operator, seller.id, { field: 'accountNumber', reason: 'ACH return R03 on payout batch 12' })).statusCode).toBe(200);
  });

  it('keeps the audit log append-only', async () => {
    await expect(database.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await expect(database.db.updateTable('audit_log').set({ reason: 'nothing to see' }).execute()).rejects.toThrow(/append-only/);
  });
});

describe('GET /api/admin/audit-log', () => {
  it('lists entries newest first for operators, with paging', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/admin/audit-log?limit=2', headers: { cookie: operator.cookie } });
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.entries).toHaveLength(2);
    expect(page.entries[0].id).toBeGreaterThan(page.entries[1].id);
    expect(page.entries[0]).toMatchObject({ actorId: operator.id, action: 'seller_field.revealed' });
    const next = await app.inject({ method: 'GET', url: `/api/admin/audit-log?limit=2&before=${page.nextBefore}`, headers: { cookie: operator.cookie } });
    expect(next.json().entries[0].id).toBeLessThan(page.entries[1].id);
  });

  it('is refused to sellers and refurbishers', async () => {
    for (const user of [seller, refurbisher]) {
      expect((await app.inject({ method: 'GET', url: '/api/admin/audit-log', headers: { cookie: user.cookie } })).statusCode).toBe(403);
    }
  });
});

describe('a refurbisher never receives protected fields', () => {
  it('gets no plaintext or seller detail from any GET endpoint, whatever id it tries', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const paths = Object.entries(spec.paths)
      .filter(([, ops]) => 'get' in ops)
      .map(([p]) => p.replace(/\{[^}]+\}/g, seller.id));
    expect(paths).toEqual(expect.arrayContaining(['/api/me', '/api/admin/audit-log', '/api/admin/flags']));
    const secrets = [ACCOUNT, LICENCE, '021000021', VALID_PROFILE.dateOfBirth, 'Lovelace'];
    for (const path of [...paths, `/api/me?userId=${seller.id}`, `/api/me/profile`]) {
      const res = await app.inject({ method: 'GET', url: path, headers: { cookie: refurbisher.cookie } });
      for (const s of secrets) expect(res.body.includes(s), `${path} returned ${s}`).toBe(false);
      if (path.startsWith('/api/admin/')) expect(res.statusCode).toBe(403);
    }
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: refurbisher.cookie } });
    expect(me.json()).toMatchObject({ user: { id: refurbisher.id, role: 'refurbisher' }, profile: null, identity: null, payoutMethod: null });
  });
});
