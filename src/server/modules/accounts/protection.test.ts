import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/db.ts';
import { buildTestApp, testKeyring } from '../../../../test/app.ts';
import { LOG_REDACT } from '../../app.ts';
import { createKeyring, DecryptError } from '../../platform/crypto.ts';
import type { Database } from '../../platform/db/database.ts';
import { as, makeUser, signIn, signUp, validPayout, VALID_PROFILE, type TestUser } from '../../../../test/accounts.ts';
import { rotateKeys } from './key-rotation.service.ts';
import { SEALED_COLUMNS, unseal } from './protected-fields.ts';
import { PAYOUTS_SEALED_COLUMNS } from '../payouts/index.ts';

/**
 * docs/product.md §3: protected details are encrypted at rest and never logged. The plaintexts
 * below are looked for everywhere: every text-like column of every table, and every log line
 * (trace level) written while they were sent, saved, read and revealed.
 */
const PLAIN = {
  routing: '011000015',
  account: '0006180339887',
  licenceTyped: 'F271-8281-828',
  licence: 'F2718281828',
  ssn4: '7391',
  dob: '1987-03-14',
};

let database: Database;
let app: FastifyInstance;
let logText = '';
const logStream = new Writable({
  write(chunk, _enc, done) {
    logText += chunk.toString();
    done();
  },
});
const keyring1 = testKeyring('k1');
let licenceSeller: TestUser;
let ssnSeller: TestUser;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app } = await buildTestApp(database, { keyring: keyring1, logger: { level: 'trace', stream: logStream, redact: LOG_REDACT } }));

  licenceSeller = await signUp(app);
  ssnSeller = await signUp(app);
  const operator = await makeUser(app, database.db, 'operator');
  for (const [user, identity] of [
    [licenceSeller, { kind: 'drivers_license', number: PLAIN.licenceTyped, state: 'WA' }],
    [ssnSeller, { kind: 'ssn_last4', last4: PLAIN.ssn4 }],
  ] as const) {
    const profile = await app.inject({ method: 'PUT', url: '/api/me/profile', headers: as(user), payload: { ...VALID_PROFILE, dateOfBirth: PLAIN.dob } });
    expect(profile.statusCode, profile.body).toBe(200);
    expect((await app.inject({ method: 'PUT', url: '/api/me/identity', headers: as(user), payload: identity })).statusCode).toBe(200);
    const payout = validPayout(user.password, { routingNumber: PLAIN.routing, accountNumber: PLAIN.account, accountNumberConfirmation: PLAIN.account });
    // A refused attempt (wrong password) and a bad one (mismatch) go through the same code paths and logs.
    expect((await app.inject({ method: 'PUT', url: '/api/me/payout-method', headers: as(user), payload: { ...payout, currentPassword: 'not-my-password' } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'PUT', url: '/api/me/payout-method', headers: as(user), payload: { ...payout, accountNumberConfirmation: `${PLAIN.account}1` } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'PUT', url: '/api/me/payout-method', headers: as(user), payload: payout })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: user.cookie } })).statusCode).toBe(200);
  }
  for (const field of ['accountNumber', 'routingNumber', 'licenceNumber', 'dateOfBirth'] as const) {
    const res = await app.inject({
      method: 'POST',
      url: `/api/admin/sellers/${licenceSeller.id}/reveal`,
      headers: as(operator),
      payload: { field, reason: 'Checking a returned ACH entry (ticket 4411)' },
    });
    expect(res.statusCode, res.body).toBe(200);
  }
  await signIn(app, licenceSeller.email, licenceSeller.password);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function textColumns(): Promise<{ table: string; column: string; type: string }[]> {
  const { rows } = await sql<{ table: string; column: string; type: string }>`
    select table_name as "table", column_name as "column", data_type as "type"
    from information_schema.columns c
    where table_schema = current_schema()
      and data_type in ('text', 'character varying', 'character', 'bytea', 'jsonb', 'json', 'ARRAY', 'USER-DEFINED')
      and exists (select 1 from information_schema.tables t where t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE')
    order by 1, 2
  `.execute(database.db);
  return rows;
}

describe('at rest', () => {
  it('finds no plaintext protected value in any text, bytea or json column of any table', async () => {
    const columns = await textColumns();
    // The scan must cover the tables that hold the details (a broken scan finds nothing anywhere).
    expect(columns.map((c) => `${c.table}.${c.column}`)).toEqual(
      expect.arrayContaining(['payout_methods.account_number_sealed', 'seller_identities.ssn_last4_sealed', 'audit_log.reason', 'user.email']),
    );
    const hits: string[] = [];
    for (const { table, column, type } of columns) {
      for (const [name, value] of Object.entries(PLAIN)) {
        const haystack = type === 'bytea' ? sql`encode(${sql.ref(column)}, 'escape')` : sql`${sql.ref(column)}::text`;
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from ${sql.table(table)} where position(${value} in ${haystack}) > 0
        `.execute(database.db);
        if (rows[0]!.n > 0) hits.push(`${table}.${column} contains ${name}`);
      }
    }
    expect(hits).toEqual([]);
    // And the scan does find what is there: the e-mail address is stored in the clear.
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from "user" where position(${licenceSeller.email} in email::text) > 0`.execute(database.db);
    expect(rows[0]!.n).toBe(1);
  });

  it('stores only sealed values, each naming its key', async () => {
    const row = await database.db.selectFrom('payout_methods').selectAll().where('user_id', '=', licenceSeller.id).executeTakeFirstOrThrow();
    expect(row.account_number_sealed).toMatch(/^v1\.k1\./);
    expect(row.routing_number_sealed).toMatch(/^v1\.k1\./);
    expect(row.bank_account_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(unseal(keyring1, 'payout_methods', 'account_number_sealed', licenceSeller.id, row.account_number_sealed)).toBe(PLAIN.account);
  });

  it('knows every sealed column in the schema (so rotation and reveal cover them all)', async () => {
    const { rows } = await sql<{ t: string; c: string }>`
      select table_name as t, column_name as c from information_schema.columns
      where table_schema = current_schema() and column_name like '%\_sealed' order by 1, 2
    `.execute(database.db);
    // The seller's own fields (accounts), and the payouts' copies of bank details (keys:rotate re-wraps both).
    const known = Object.entries({ ...SEALED_COLUMNS, ...PAYOUTS_SEALED_COLUMNS }).flatMap(([t, cs]) => cs.map((c) => `${t}.${c}`)).sort();
    expect(rows.map((r) => `${r.t}.${r.c}`)).toEqual(known);
  });

  it('refuses plaintext at the database too', async () => {
    await expect(
      database.db.updateTable('payout_methods').set({ account_number_sealed: PLAIN.account }).where('user_id', '=', licenceSeller.id).execute(),
    ).rejects.toThrow(/check/i);
  });
});

describe('in the log', () => {
  it('writes no protected value or password to the server log, even at trace level', () => {
    expect(logText.length).toBeGreaterThan(1000);
    expect(logText).toContain('/api/me/payout-method');
    for (const [name, value] of Object.entries({ ...PLAIN, password: licenceSeller.password })) {
      // As a token of its own: four digits also turn up inside ids, hashes and timestamps by chance.
      const token = new RegExp(`(?<![0-9A-Za-z])${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![0-9A-Za-z])`);
      expect(token.test(logText), `${name} found in the log`).toBe(false);
    }
  });
});

/** Copies `from`'s sealed account number onto `to`'s row (as an attacker with database access would); returns `to`'s own. */
async function moveSealedAccountNumber(from: TestUser, to: TestUser): Promise<string> {
  const stolen = await database.db.selectFrom('payout_methods').select('account_number_sealed').where('user_id', '=', from.id).executeTakeFirstOrThrow();
  const own = await database.db.selectFrom('payout_methods').select('account_number_sealed').where('user_id', '=', to.id).executeTakeFirstOrThrow();
  await database.db.updateTable('payout_methods').set({ account_number_sealed: stolen.account_number_sealed }).where('user_id', '=', to.id).execute();
  return own.account_number_sealed;
}

describe('moved or tampered ciphertexts', () => {
  it('does not open a value copied to another seller or another column', async () => {
    const a = await database.db.selectFrom('payout_methods').selectAll().where('user_id', '=', licenceSeller.id).executeTakeFirstOrThrow();
    expect(() => unseal(keyring1, 'payout_methods', 'account_number_sealed', ssnSeller.id, a.account_number_sealed)).toThrow(DecryptError);
    expect(() => unseal(keyring1, 'payout_methods', 'routing_number_sealed', licenceSeller.id, a.account_number_sealed)).toThrow(DecryptError);
  });

  it('refuses to show a moved value through the API (500, nothing revealed)', async () => {
    const victim = await signUp(app);
    const thief = await signUp(app);
    const payout = validPayout(victim.password, { accountNumber: '31415926535', accountNumberConfirmation: '31415926535' });
    await app.inject({ method: 'PUT', url: '/api/me/payout-method', headers: as(victim), payload: payout });
    await app.inject({ method: 'PUT', url: '/api/me/payout-method', headers: as(thief), payload: validPayout(thief.password) });
    const own = await moveSealedAccountNumber(victim, thief);
    try {
      const res = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: thief.cookie } });
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain('6535');
      expect(res.json().error.code).toBe('internal');
    } finally {
      // Put the thief's own value back: later tests must not find this tampered row.
      await database.db.updateTable('payout_methods').set({ account_number_sealed: own }).where('user_id', '=', thief.id).execute();
    }
  });
});

describe('key rotation', () => {
  it('re-wraps everything under a new key; the old key is then no longer needed; a second run changes nothing', async () => {
    // A tampered row of its own, which the rotation must report instead of blessing.
    const victim = await signUp(app);
    const thief = await signUp(app);
    for (const [user, account] of [
      [victim, '27182818284'],
      [thief, '16180339887'],
    ] as const) {
      const payload = validPayout(user.password, { accountNumber: account, accountNumberConfirmation: account });
      const res = await app.inject({ method: 'PUT', url: '/api/me/payout-method', headers: as(user), payload });
      expect(res.statusCode, res.body).toBe(200);
    }
    await moveSealedAccountNumber(victim, thief);

    const keyring2 = createKeyring(testKeyring('k2').current, [keyring1.current]);
    const first = await rotateKeys(database.db, keyring2, { batchSize: 2 });
    const byTable = Object.fromEntries(first.map((c) => [c.table, c]));
    expect(byTable.payout_methods!.rewrapped).toBeGreaterThanOrEqual(4);
    expect(byTable.payout_methods!.rehashed).toBeGreaterThanOrEqual(2);
    expect(byTable.seller_profiles!.rewrapped).toBe(byTable.seller_profiles!.rows);
    expect(byTable.seller_identities!.rehashed).toBe(1);
    // The tampered value can be neither re-wrapped nor re-hashed: both are reported, not blessed.
    expect(byTable.payout_methods!.failed).toBe(2);

    for (const [table, columns] of Object.entries(SEALED_COLUMNS)) {
      for (const column of columns) {
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from ${sql.table(table)} where ${sql.ref(column)} is not null and ${sql.ref(column)} not like 'v1.k2.%'
        `.execute(database.db);
        if (table !== 'payout_methods' || column !== 'account_number_sealed') expect(rows[0]!.n, `${table}.${column}`).toBe(0);
      }
    }

    // An app that knows only the new key reads what was written under the old one.
    const onlyNew = createKeyring(keyring2.current);
    const fresh = await buildTestApp(database, { keyring: onlyNew });
    try {
      const me = await fresh.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: licenceSeller.cookie } });
      expect(me.statusCode, me.body).toBe(200);
      expect(me.json().payoutMethod.accountNumber).toBe('•••• 9887');
      expect(me.json().identity.number).toBe('•••• 1828');
      const operator = await makeUser(fresh.app, database.db, 'operator');
      const revealed = await fresh.app.inject({
        method: 'POST',
        url: `/api/admin/sellers/${ssnSeller.id}/reveal`,
        headers: as(operator),
        payload: { field: 'ssnLast4', reason: 'Verifying identity after key rotation' },
      });
      expect(revealed.json()).toEqual({ field: 'ssnLast4', value: PLAIN.ssn4 });

      // Look-ups use the new hash key: a third seller of the same bank account is still flagged,
      // and the existing flag followed the hash instead of being duplicated.
      const third = await signUp(fresh.app);
      await fresh.app.inject({
        method: 'PUT',
        url: '/api/me/payout-method',
        headers: as(third),
        payload: validPayout(third.password, { routingNumber: PLAIN.routing, accountNumber: PLAIN.account, accountNumberConfirmation: PLAIN.account }),
      });
      const flags = await database.db.selectFrom('operator_flags').selectAll().where('kind', '=', 'shared_bank_account').execute();
      expect(flags).toHaveLength(1);
      expect([...flags[0]!.user_ids].sort()).toEqual([licenceSeller.id, ssnSeller.id, third.id].sort());
    } finally {
      await fresh.app.close();
    }

    const second = await rotateKeys(database.db, keyring2);
    expect(second.map((c) => c.rewrapped + c.rehashed)).toEqual([0, 0, 0]);
  });
});
