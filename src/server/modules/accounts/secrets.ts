import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.ts';
import { createKeyring, generateMasterKey, parseMasterKey, type Keyring } from '../../platform/crypto.ts';

/** What authentication and the protected seller fields need beyond the plain config. */
export interface AccountSecrets {
  /** Signs session cookies (better-auth's secret). */
  authSecret: string;
  /** Wraps the data keys of protected fields; also derives the look-up hash keys. */
  keyring: Keyring;
}

const SECRETS_DIR = 'secrets';

/**
 * Secrets from the environment; in demo mode, whatever is missing is generated once into
 * DATA_DIR/secrets (mode 0600) and reused on the next start, with a warning, so `npm start`
 * works with nothing set. Production mode never gets here without both (loadConfig refuses).
 */
export function resolveSecrets(config: Config, warn: (message: string) => void): AccountSecrets {
  if (config.authSecret && config.keyring) return { authSecret: config.authSecret, keyring: config.keyring };
  if (config.mode !== 'demo') throw new Error('BETTER_AUTH_SECRET and TRADELOOP_MASTER_KEY are required outside demo mode');
  const dir = path.join(config.dataDir, SECRETS_DIR);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });

  let authSecret = config.authSecret;
  if (!authSecret) {
    const file = path.join(dir, 'auth-secret');
    authSecret = readOrCreate(file, () => randomBytes(32).toString('base64url'));
    warn(`BETTER_AUTH_SECRET is not set: demo mode uses the one kept in ${file}. Set it in production.`);
  }
  let keyring = config.keyring;
  if (!keyring) {
    const file = path.join(dir, 'master-key');
    const stored = readOrCreate(file, () => `demo1:${generateMasterKey()}`);
    const at = stored.indexOf(':');
    keyring = createKeyring({ id: stored.slice(0, at), key: parseMasterKey(stored.slice(at + 1)) });
    warn(`TRADELOOP_MASTER_KEY is not set: demo mode encrypts seller details with the key kept in ${file}. Set it in production.`);
  }
  return { authSecret, keyring };
}

function readOrCreate(file: string, make: () => string): string {
  try {
    fs.writeFileSync(file, `${make()}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return fs.readFileSync(file, 'utf8').trim();
}
