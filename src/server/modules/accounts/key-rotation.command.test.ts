import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { realClock } from '../../platform/clock.ts';
import { createKeyring, generateMasterKey, parseMasterKey } from '../../platform/crypto.ts';
import { openDatabase, PGLITE_EXTENSIONS } from '../../platform/db/database.ts';
import { writeIdentity, writePayoutMethod, writeProfile } from './seller-details.service.ts';
import { unseal } from './protected-fields.ts';

const REPO = path.resolve(import.meta.dirname, '../../../..');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('npm run keys:rotate', () => {
  it('re-wraps data written under the old key, prints counts, and is idempotent', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tradeloop-rotate-'));
    dirs.push(dataDir);
    const [old, next] = [generateMasterKey(), generateMasterKey()];
    const k1 = createKeyring({ id: 'k1', key: parseMasterKey(old) });
    const now = new Date('2026-11-26T15:00:00Z');

    // The migrated test template, unpacked into a folder the command can open (no initdb).
    const template = await fs.promises.readFile(inject('pgliteTemplatePath'));
    const pglite = await PGlite.create({ dataDir: path.join(dataDir, 'pgdata'), loadDataDir: new Blob([template]), extensions: PGLITE_EXTENSIONS });
    let database = await openDatabase({ pglite });
    await database.db.insertInto('user').values({ id: 'usr_rot', name: 'R', email: 'r@example.com', emailVerified: false, image: null }).execute();
    await writeProfile(database.db, k1, 'usr_rot', { legalName: { first: 'R', last: 'S' }, dateOfBirth: '1980-01-02', address: { line1: '1 A St', line2: undefined, city: 'Reno', state: 'NV', zip: '89502' }, phone: '+17025550123' }, now);
    await writeIdentity(database.db, k1, 'usr_rot', { kind: 'ssn_last4', last4: '2468' }, now);
    await writePayoutMethod(database.db, k1, 'usr_rot', { routingNumber: '021000021', accountNumber: '99887766', accountType: 'savings', holderNames: ['R S'] }, now, realClock);
    await database.close();

    const run = () =>
      spawnSync(process.execPath, ['src/server/commands/rotate-keys.ts'], {
        cwd: REPO,
        encoding: 'utf8',
        env: {
          ...process.env,
          DATABASE_URL: '',
          DATA_DIR: dataDir,
          TRADELOOP_MODE: 'demo',
          BETTER_AUTH_SECRET: 'z'.repeat(40),
          TRADELOOP_MASTER_KEY: next,
          TRADELOOP_MASTER_KEY_ID: 'k2',
          TRADELOOP_PREVIOUS_KEYS: `k1:${old}`,
          ROTATE_BATCH_SIZE: '1',
        },
      });
    const first = run();
    expect(first.status, first.stderr + first.stdout).toBe(0);
    expect(first.stdout).toContain('seller_profiles: 1 rows, 1 values re-wrapped');
    expect(first.stdout).toContain('seller_identities: 1 rows, 1 values re-wrapped');
    expect(first.stdout).toContain('payout_methods: 1 rows, 2 values re-wrapped, 1 hashes recomputed, 0 failed');
    expect(first.stdout).not.toContain('99887766');

    const second = run();
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('payout_methods: 1 rows, 0 values re-wrapped, 0 hashes recomputed, 0 failed');

    database = await openDatabase({ dataDir });
    try {
      const row = await database.db.selectFrom('payout_methods').selectAll().executeTakeFirstOrThrow();
      const onlyNew = createKeyring({ id: 'k2', key: parseMasterKey(next) });
      expect(row.account_number_sealed).toMatch(/^v1\.k2\./);
      expect(unseal(onlyNew, 'payout_methods', 'account_number_sealed', 'usr_rot', row.account_number_sealed)).toBe('99887766');
    } finally {
      await database.close();
    }
    // A fresh on-disk database (initdb) and two process starts: slow on 2 cores, not a timing target.
  }, 180_000);
});
