import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.ts';
import { generateMasterKey } from '../../platform/crypto.ts';
import { connectAgain, createTestDatabase } from '../../../../test/db.ts';
import { databaseSecretStore, demoSecretStoreFor, fileSecretStore, resolveSecrets } from './secrets.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'tradeloop-secrets-'));
  dirs.push(d);
  return d;
};

describe('configuration of the secrets', () => {
  it('refuses to start without BETTER_AUTH_SECRET and TRADELOOP_MASTER_KEY, naming both', () => {
    expect(() => loadConfig({ TRADELOOP_MODE: 'production' }, [])).toThrow(ConfigError);
    expect(() => loadConfig({ TRADELOOP_MODE: 'production' }, [])).toThrow(/BETTER_AUTH_SECRET[\s\S]*TRADELOOP_MASTER_KEY/);
    expect(() => loadConfig({ TRADELOOP_MODE: 'production', BETTER_AUTH_SECRET: 'x'.repeat(40) }, [])).toThrow(/TRADELOOP_MASTER_KEY/);
  });

  it('refuses a short secret and a key that is not 32 bytes, without printing the key', () => {
    expect(() => loadConfig({ BETTER_AUTH_SECRET: 'short' }, [])).toThrow(/at least 32/);
    const bad = Buffer.alloc(16, 7).toString('base64');
    let message = '';
    try {
      loadConfig({ TRADELOOP_MASTER_KEY: bad }, []);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/32 bytes, got 16/);
    expect(message).not.toContain(bad);
  });

  it('builds the keyring from the current and previous keys', async () => {
    const [k1, k2] = [generateMasterKey(), generateMasterKey()];
    const config = loadConfig(
      { BETTER_AUTH_SECRET: 'y'.repeat(40), TRADELOOP_MASTER_KEY: k2, TRADELOOP_MASTER_KEY_ID: 'k2', TRADELOOP_PREVIOUS_KEYS: `k1:${k1}` },
      [],
    );
    expect(config.keyring!.current.id).toBe('k2');
    expect(config.keyring!.previous.map((k) => k.id)).toEqual(['k1']);
    expect((await resolveSecrets(config, () => undefined)).keyring).toBe(config.keyring);
    expect(() => loadConfig({ TRADELOOP_MASTER_KEY: k2, TRADELOOP_PREVIOUS_KEYS: 'nocolon' }, [])).toThrow(/id:base64/);
  });
});

describe('demo mode', () => {
  it('generates both into DATA_DIR with mode 0600, warns, and reuses them on the next start', async () => {
    const dataDir = tmp();
    const warnings: string[] = [];
    const config = loadConfig({ TRADELOOP_MODE: 'demo', DATA_DIR: dataDir }, []);
    const first = await resolveSecrets(config, (m) => warnings.push(m));
    expect(warnings).toHaveLength(2);
    expect(warnings.join('\n')).toMatch(/BETTER_AUTH_SECRET[\s\S]*TRADELOOP_MASTER_KEY/);
    for (const f of ['auth-secret', 'master-key']) {
      expect(fs.statSync(path.join(dataDir, 'secrets', f)).mode & 0o777).toBe(0o600);
    }
    const second = await resolveSecrets(config, () => undefined);
    expect(second.authSecret).toBe(first.authSecret);
    expect(second.keyring.current.key.equals(first.keyring.current.key)).toBe(true);
    expect(first.authSecret.length).toBeGreaterThanOrEqual(32);
  });
});

describe('demo mode on a server database: secrets shared through the database', () => {
  it('two processes starting at once agree on one generated secret; nothing is written to their DATA_DIRs', async () => {
    const database = await createTestDatabase();
    // On a server, the second "process" has its own pool; PGlite has one connection to share.
    const other = database.kind === 'postgres' ? await connectAgain(database) : database;
    try {
      const config = loadConfig({ TRADELOOP_MODE: 'demo', DATA_DIR: tmp() }, []);
      const config2 = loadConfig({ TRADELOOP_MODE: 'demo', DATA_DIR: tmp() }, []);
      const warnings: string[] = [];
      const warn = (m: string) => warnings.push(m);
      const [a, b] = await Promise.all([
        resolveSecrets(config, warn, databaseSecretStore(database.db, config.dataDir, warn)),
        resolveSecrets(config2, warn, databaseSecretStore(other.db, config2.dataDir, warn)),
      ]);
      expect(b.authSecret).toBe(a.authSecret);
      expect(b.keyring.current.id).toBe(a.keyring.current.id);
      expect(b.keyring.current.key.equals(a.keyring.current.key)).toBe(true);
      expect(warnings.join('\n')).toMatch(/table demo_secrets/);
      const rows = await database.db.selectFrom('demo_secrets').select(['name']).orderBy('name').execute();
      expect(rows.map((r) => r.name)).toEqual(['auth-secret', 'master-key']);
      for (const dir of [config.dataDir, config2.dataDir]) expect(fs.existsSync(path.join(dir, 'secrets'))).toBe(false);

      // A later start reads the same values.
      const c = await resolveSecrets(config, () => undefined, databaseSecretStore(other.db, tmp(), () => undefined));
      expect(c.authSecret).toBe(a.authSecret);
    } finally {
      if (other !== database) await other.close();
      await database.close();
    }
  });

  it('a demo that already kept its secrets in DATA_DIR keeps them when they move into the database', async () => {
    const database = await createTestDatabase();
    try {
      const dataDir = tmp();
      const config = loadConfig({ TRADELOOP_MODE: 'demo', DATA_DIR: dataDir }, []);
      const before = await resolveSecrets(config, () => undefined, fileSecretStore(dataDir));
      const warnings: string[] = [];
      const after = await resolveSecrets(config, () => undefined, databaseSecretStore(database.db, dataDir, (m) => warnings.push(m)));
      expect(after.authSecret).toBe(before.authSecret);
      expect(after.keyring.current.key.equals(before.keyring.current.key)).toBe(true);

      // Another process's older file loses to what the database holds, and says so.
      const stale = tmp();
      fs.mkdirSync(path.join(stale, 'secrets'));
      fs.writeFileSync(path.join(stale, 'secrets', 'auth-secret'), 'a-different-older-secret-of-some-length\n');
      const third = await resolveSecrets(config, () => undefined, databaseSecretStore(database.db, stale, (m) => warnings.push(m)));
      expect(third.authSecret).toBe(before.authSecret);
      expect(warnings.join('\n')).toMatch(/auth-secret differs from the auth-secret shared in the database/);
    } finally {
      await database.close();
    }
  });

  it('picks the database on a server and DATA_DIR files on the embedded database', async () => {
    const database = await createTestDatabase();
    try {
      const config = loadConfig({ TRADELOOP_MODE: 'demo', DATA_DIR: tmp() }, []);
      const store = demoSecretStoreFor(config, database, () => undefined);
      expect(store.where).toMatch(database.kind === 'postgres' ? /demo_secrets/ : /secrets$/);
    } finally {
      await database.close();
    }
  });
});
