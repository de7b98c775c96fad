/**
 * `npm run keys:rotate`: re-wraps every protected seller field (and the payouts' copies of bank details) under the current master key
 * and recomputes the look-up hashes. Run it after changing TRADELOOP_MASTER_KEY (with the old
 * key in TRADELOOP_PREVIOUS_KEYS as `oldId:base64`); once it reports 0 failed, the old key can
 * be dropped. Safe to re-run: rows already under the current key are left alone.
 *
 * On the embedded database the server must be stopped first (one process per DATA_DIR).
 */
import { ConfigError, loadConfig } from '../config.ts';
import { demoSecretStoreFor, resolveSecrets, rotateKeys } from '../modules/accounts/index.ts';
import { rotatePayoutKeys } from '../modules/payouts/index.ts';
import { acquireDataDirLock, DataDirLockedError } from '../platform/db/data-dir-lock.ts';
import { openDatabase, type Database } from '../platform/db/database.ts';

const out = (line: string) => process.stdout.write(`[keys:rotate] ${line}\n`);

async function main(): Promise<number> {
  const config = loadConfig();
  const lock = config.databaseUrl ? undefined : acquireDataDirLock(config.dataDir);
  let database: Database | undefined;
  try {
    database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
    const warn = (m: string) => out(`warning: ${m}`);
    const { keyring } = await resolveSecrets(config, warn, demoSecretStoreFor(config, database, warn));
    out(`current key: ${keyring.current.id}; previous: ${keyring.previous.map((k) => k.id).join(', ') || 'none'}`);
    const batchSize = Number(process.env.ROTATE_BATCH_SIZE ?? 500);
    const counts = [...(await rotateKeys(database.db, keyring, { batchSize, log: out })), ...(await rotatePayoutKeys(database.db, keyring, { batchSize, log: out }))];
    const failed = counts.reduce((n, c) => n + c.failed, 0);
    out(failed ? `${failed} value(s) could not be opened: keep the old keys until they are fixed` : 'done: every protected value is under the current key');
    return failed ? 1 : 0;
  } finally {
    await database?.close();
    lock?.release();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError || err instanceof DataDirLockedError) process.stderr.write(`[keys:rotate] ${err.message}\n`);
    else process.stderr.write(`[keys:rotate] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
