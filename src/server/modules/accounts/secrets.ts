import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.ts';
import { createKeyring, generateMasterKey, parseMasterKey, type Keyring } from '../../platform/crypto.ts';
import type { Database, Db } from '../../platform/db/database.ts';

/** What authentication and the protected seller fields need beyond the plain config. */
export interface AccountSecrets {
  /** Signs session cookies (better-auth's secret). */
  authSecret: string;
  /** Wraps the data keys of protected fields; also derives the look-up hash keys. */
  keyring: Keyring;
}

type SecretName = 'auth-secret' | 'master-key';

/**
 * Where demo mode keeps the secrets it generates. `claim` returns the one value every caller
 * agrees on: the stored one, or `make()`'s when nothing was stored yet.
 */
export interface DemoSecretStore {
  /** Said in the start-up warning: where the secret lives. */
  readonly where: string;
  claim(name: SecretName, make: () => string): Promise<string>;
}

const SECRETS_DIR = 'secrets';

/**
 * Secrets from the environment; in demo mode, whatever is missing is generated once and reused,
 * with a warning, so `npm start` works with nothing set. Production mode never gets here
 * without both (loadConfig refuses).
 *
 * Where demo mode keeps them (demoSecretStoreFor):
 * - embedded database (one process): files in DATA_DIR/secrets, mode 0600;
 * - PostgreSQL server (any number of processes): the `demo_secrets` table, so every process signs
 *   and reads the same sessions and opens the same protected details.
 */
export async function resolveSecrets(
  config: Config,
  warn: (message: string) => void,
  store: DemoSecretStore = fileSecretStore(config.dataDir),
): Promise<AccountSecrets> {
  if (config.authSecret && config.keyring) return { authSecret: config.authSecret, keyring: config.keyring };
  if (config.mode !== 'demo') throw new Error('BETTER_AUTH_SECRET and TRADELOOP_MASTER_KEY are required outside demo mode');

  let authSecret = config.authSecret;
  if (!authSecret) {
    authSecret = await store.claim('auth-secret', () => randomBytes(32).toString('base64url'));
    warn(`BETTER_AUTH_SECRET is not set: demo mode uses the one kept in ${store.where}. Set it in production.`);
  }
  let keyring = config.keyring;
  if (!keyring) {
    const stored = await store.claim('master-key', () => `demo1:${generateMasterKey()}`);
    const at = stored.indexOf(':');
    keyring = createKeyring({ id: stored.slice(0, at), key: parseMasterKey(stored.slice(at + 1)) });
    warn(`TRADELOOP_MASTER_KEY is not set: demo mode encrypts seller details with the key kept in ${store.where}. Set it in production.`);
  }
  return { authSecret, keyring };
}

/** The store demo mode uses with this database: the database itself on a server, files on the embedded one. */
export function demoSecretStoreFor(config: Config, database: Database, warn: (message: string) => void): DemoSecretStore {
  return database.kind === 'postgres' ? databaseSecretStore(database.db, config.dataDir, warn) : fileSecretStore(config.dataDir);
}

/** One file per secret in DATA_DIR/secrets (0600); the first writer wins (`wx`), later starts read it. */
export function fileSecretStore(dataDir: string): DemoSecretStore {
  const dir = path.join(dataDir, SECRETS_DIR);
  return {
    where: dir,
    async claim(name, make) {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const file = path.join(dir, name);
      try {
        fs.writeFileSync(file, `${make()}\n`, { mode: 0o600, flag: 'wx' });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      return fs.readFileSync(file, 'utf8').trim();
    },
  };
}

/**
 * One row per secret in `demo_secrets`, created once and race-safe: every process offers a value
 * with INSERT … ON CONFLICT DO NOTHING, then reads what is stored (a separate statement, so it
 * sees the row of whichever process won, committed while this one waited on the key).
 * A process that already had a file in its DATA_DIR (from before secrets were shared) offers
 * that file's value, so a single existing demo keeps its sessions and protected details.
 */
export function databaseSecretStore(db: Db, dataDir: string, warn: (message: string) => void): DemoSecretStore {
  return {
    where: 'the database (table demo_secrets, shared by every process)',
    async claim(name, make) {
      const file = path.join(dataDir, SECRETS_DIR, name);
      const fromFile = readIfPresent(file);
      await db
        .insertInto('demo_secrets')
        .values({ name, value: fromFile ?? make() })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      const row = await db.selectFrom('demo_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
      if (fromFile !== undefined && fromFile !== row.value) {
        warn(`${file} differs from the ${name} shared in the database; the database's is used (the file is left as it is).`);
      }
      return row.value;
    },
  };
}

function readIfPresent(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8').trim() || undefined;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
