import { sql } from 'kysely';
import pretty from 'pino-pretty';
import { buildApp, LOG_REDACT } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { migrateAll } from './db/migrate.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, demoSecretStoreFor, resolveSecrets, seedDemoAccounts } from './modules/accounts/index.ts';
import { syncBuiltInCatalog } from './modules/catalog/index.ts';
import { linkOrganisation, listOrganisationLinks } from './modules/refurbishers/index.ts';
import { refreshCatalogueCopy } from './modules/wishlist/index.ts';
import { AdjustableClock, realClock, type Clock } from './platform/clock.ts';
import { PRIVATE_UMASK, secureDataDir } from './platform/data-dir-permissions.ts';
import { acquireDataDirLock, DataDirLockedError } from './platform/db/data-dir-lock.ts';
import { openDatabase, type Database } from './platform/db/database.ts';
import { followDemoClock, loadDemoClockOffset, type DemoClockFollower } from './modules/dev/index.ts';
import { createRuntime } from './runtime.ts';
import { seedDemoData } from './seed/demo.ts';
import { seedDemoTradeIns } from './seed/demo-trade-ins.ts';

// Any constant: serialises the catalogue sync and demo seed of processes starting together.
const START_SEED_LOCK = 7_410_0011;

/** Entry point: config → database → migrate → seed → HTTP and/or the job worker, by role. */
async function main(): Promise<void> {
  // Before anything is created: PGlite writes its files 0666 and would leave them world-readable.
  process.umask(PRIVATE_UMASK);
  const config = loadConfig();
  if (!config.databaseUrl && config.role !== 'all') {
    throw new ConfigError('--role api/worker needs DATABASE_URL: the embedded database belongs to one process');
  }
  const repaired = secureDataDir(config.dataDir);
  if (repaired) log(`made ${repaired} file(s) and folder(s) in ${config.dataDir} private to this user`);
  const lock = config.databaseUrl ? undefined : acquireDataDirLock(config.dataDir);
  let database: Database | undefined;
  let follower: DemoClockFollower | undefined;
  try {
    database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
    // A new embedded database is unpacked with the modes of its archive (0666), whatever the umask.
    secureDataDir(config.dataDir);
    const applied = await migrateAll(database);
    if (applied.length) log(`applied ${applied.length} migration(s)`);
    // After the migrations: on a server, demo mode keeps its generated secrets in the database.
    const warn = (m: string) => log(`warning: ${m}`);
    const secrets = await resolveSecrets(config, warn, demoSecretStoreFor(config, database, warn));
    // Product time: in demo mode a clock POST /api/dev/clock can move forward, whose offset survives
    // a restart (deadlines already passed in the demo stay passed); in production the real clock.
    // Security time is the real clock in every mode (platform/clock.ts says why).
    const demoClock = config.mode === 'demo' ? new AdjustableClock({ offsetMs: await loadDemoClockOffset(database.db) }) : undefined;
    const productClock: Clock = demoClock ?? realClock;
    const securityClock: Clock = realClock;
    // Several processes on one server: each follows the offset stored in the database, so a move
    // made through any of them reaches all at once (on the embedded database there is one process).
    if (demoClock && config.databaseUrl) {
      follower = await followDemoClock({ url: config.databaseUrl, db: database.db, clock: demoClock, log: (_level, m) => log(m) });
    }
    await database.db.transaction().execute(async (trx) => {
      // Processes starting at once take turns here, so the demo seed (which looks for existing
      // rows first) runs once, not once per process.
      await sql`select pg_advisory_xact_lock(${START_SEED_LOCK})`.execute(trx);
      await syncBuiltInCatalog(trx);
      // The wishlist's copy of the catalogue follows a renamed model or variant.
      await refreshCatalogueCopy(trx);
      if (config.mode === 'demo') {
        const seeded = await seedDemoData(trx, productClock.now());
        if (seeded.seeded) log(`seeded demo data: ${seeded.entries} wishlist entries`);
        const accounts = await seedDemoAccounts(trx, {
          keyring: secrets.keyring,
          authSecret: secrets.authSecret,
          now: productClock.now(),
          organisations: { list: listOrganisationLinks, link: linkOrganisation },
        });
        if (accounts.seeded) log(`seeded demo accounts: ${DEMO_LOGINS.map((l) => l.email).join(', ')}`);
      }
    });

    const runtime = createRuntime({ config, database, productClock, securityClock, keyring: secrets.keyring, authSecret: secrets.authSecret });
    // Registers the queues; polls them unless this process is an API-only one (--role api).
    await runtime.jobs.start();
    await runtime.scheduleMaintenance();
    const app = await buildApp({ config, database, productClock, securityClock, secrets, runtime }, { logger: loggerOptions(config) });
    if (config.role !== 'worker') {
      await app.listen({ port: config.port, host: config.host });
      printBanner(config, database, demoClock?.offsetMs ?? 0);
    } else {
      await app.ready();
      log('worker started: running jobs and deadlines');
    }
    // Demo trade-ins go through the routes and the jobs as users would (a few seconds): after the
    // start, so the server answers at once; the first process to claim the seed makes them.
    if (config.mode === 'demo') {
      seedDemoTradeIns({
        app,
        db: database.db,
        clock: productClock,
        jobs: runtime.jobs,
        carrierSecret: config.carrierWebhookSecret,
        // The server's own address, which better-auth trusts (accounts/auth.ts baseUrlOf).
        origin: new URL(config.publicUrl ?? `http://localhost:${config.port}`).origin,
      }).then(
        // The seed's own requests scrolled the banner away: say again where to go.
        (made) => made && process.stdout.write(`[tradeloop] seeded demo trade-ins: ${made}\n\n${actionLine(config, demoClock?.offsetMs ?? 0)}\n\n`),
        (err: unknown) => log(`warning: demo trade-ins not seeded: ${err instanceof Error ? err.message : String(err)}`),
      );
    }

    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      log(`${signal} received, shutting down`);
      const force = setTimeout(() => process.exit(1), 10_000).unref();
      try {
        await app.close();
        await runtime.jobs.stop();
        await follower?.stop();
        await database?.close();
      } finally {
        lock?.release();
        clearTimeout(force);
      }
      process.exit(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  } catch (err) {
    await follower?.stop();
    await database?.close().catch(() => undefined);
    lock?.release();
    throw err;
  }
}

/**
 * JSON lines for a log collector; in a terminal, one readable line per event (pino-pretty),
 * redacted the same way before it is written.
 */
function loggerOptions(config: Config) {
  const base = { level: config.logLevel, redact: LOG_REDACT };
  if (!process.stdout.isTTY) return base;
  return { ...base, stream: pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,req,res,responseTime', singleLine: true }) };
}

/** The demo clock's lead over real time, as the banner says it ("3 days 4 hours"). */
function describeOffset(ms: number): string {
  const hours = Math.round(ms / 3_600_000);
  const days = Math.trunc(hours / 24);
  const rest = hours % 24;
  return [days && `${days} day${days === 1 ? '' : 's'}`, rest && `${rest} hour${rest === 1 ? '' : 's'}`].filter(Boolean).join(' ') || `${Math.round(ms / 60_000)} minutes`;
}

function printBanner(config: Config, database: Database, demoOffsetMs: number): void {
  const url = config.publicUrl ?? `http://localhost:${config.port}`;
  const where = database.kind === 'pglite' ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL server (DATABASE_URL)';
  const lines = [
    '',
    `  Tradeloop is running at ${url}`,
    `  mode: ${config.mode} · database: ${where}`,
    `  API docs: ${url}/api/docs`,
    '',
  ];
  if (config.mode === 'demo') {
    lines.push(`  Demo logins (password: ${DEMO_PASSWORD})`);
    for (const l of DEMO_LOGINS) lines.push(`    ${l.email.padEnd(26)} ${l.what}`);
    lines.push('');
  }
  lines.push(actionLine(config, demoOffsetMs), '');
  process.stdout.write(lines.join('\n') + '\n');
}

/** The one line to act on, last, where the eye lands: where to open it, as whom, and how far the demo clock is ahead. */
function actionLine(config: Config, demoOffsetMs: number): string {
  const url = config.publicUrl ?? `http://localhost:${config.port}`;
  const clock = demoOffsetMs > 0 ? ` The demo clock is ${describeOffset(demoOffsetMs)} ahead.` : '';
  const logins = config.mode === 'demo' ? ` and sign in as ${DEMO_LOGINS[0]!.email} (password ${DEMO_PASSWORD}), or any demo login above.` : '.';
  return `  ▶ Open ${url}${logins}${clock}`;
}

function log(message: string): void {
  process.stdout.write(`[tradeloop] ${message}\n`);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    process.stderr.write(`[tradeloop] ${err.message}\n`);
  } else {
    process.stderr.write(`[tradeloop] failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.exit(1);
});
