import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.ts';
import { generateMasterKey } from '../../platform/crypto.ts';
import { resolveSecrets } from './secrets.ts';

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

  it('builds the keyring from the current and previous keys', () => {
    const [k1, k2] = [generateMasterKey(), generateMasterKey()];
    const config = loadConfig(
      { BETTER_AUTH_SECRET: 'y'.repeat(40), TRADELOOP_MASTER_KEY: k2, TRADELOOP_MASTER_KEY_ID: 'k2', TRADELOOP_PREVIOUS_KEYS: `k1:${k1}` },
      [],
    );
    expect(config.keyring!.current.id).toBe('k2');
    expect(config.keyring!.previous.map((k) => k.id)).toEqual(['k1']);
    expect(resolveSecrets(config, () => undefined).keyring).toBe(config.keyring);
    expect(() => loadConfig({ TRADELOOP_MASTER_KEY: k2, TRADELOOP_PREVIOUS_KEYS: 'nocolon' }, [])).toThrow(/id:base64/);
  });
});

describe('demo mode', () => {
  it('generates both into DATA_DIR with mode 0600, warns, and reuses them on the next start', () => {
    const dataDir = tmp();
    const warnings: string[] = [];
    const config = loadConfig({ TRADELOOP_MODE: 'demo', DATA_DIR: dataDir }, []);
    const first = resolveSecrets(config, (m) => warnings.push(m));
    expect(warnings).toHaveLength(2);
    expect(warnings.join('\n')).toMatch(/BETTER_AUTH_SECRET[\s\S]*TRADELOOP_MASTER_KEY/);
    for (const f of ['auth-secret', 'master-key']) {
      expect(fs.statSync(path.join(dataDir, 'secrets', f)).mode & 0o777).toBe(0o600);
    }
    const second = resolveSecrets(config, () => undefined);
    expect(second.authSecret).toBe(first.authSecret);
    expect(second.keyring.current.key.equals(first.keyring.current.key)).toBe(true);
    expect(first.authSecret.length).toBeGreaterThanOrEqual(32);
  });
});
