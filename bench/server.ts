/**
 * The server under benchmark, run as its own process so the load generator does not share its
 * event loop: builds the database, loads wishlists in steps, measures single-quote latency at
 * each size, then serves the real app plus a bare endpoint (the ceiling) and reports peak RSS.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { createRuntime } from '../src/server/runtime.ts';
import { migrateAll } from '../src/server/db/migrate.ts';
import { syncBuiltInCatalog, VariantCache } from '../src/server/modules/catalog/index.ts';
import { createQuote } from '../src/server/modules/offers/index.ts';
import { realClock } from '../src/server/platform/clock.ts';
import { openDatabase } from '../src/server/platform/db/database.ts';
import { QUESTIONNAIRES } from '../src/shared/questionnaires.ts';
import type { CategoryId } from '../src/shared/catalog-types.ts';
import { loadWishlists } from './load-wishlists.ts';

const emit = (o: unknown) => process.stdout.write(`BENCH ${JSON.stringify(o)}\n`);
const steps = (process.env.BENCH_STEPS ?? '10000,100000,1000000').split(',').map(Number);

async function openBenchDatabase() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tradeloop-bench-'));
    return { database: await openDatabase({ dataDir: dir }), cleanup: () => fs.rm(dir, { recursive: true, force: true }) };
  }
  // A database of its own on that server, so the bench never touches real data.
  const name = 'tradeloop_bench';
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return { database: await openDatabase({ url: u.toString(), poolSize: 20 }), cleanup: async () => undefined };
}

export function randomQuoteInput(variants: { id: string; category: CategoryId }[]) {
  const v = variants[Math.floor(Math.random() * variants.length)]!;
  const answers = Object.fromEntries(
    QUESTIONNAIRES[v.category].questions.map((q) => [q.id, q.options[Math.floor(Math.random() * q.options.length)]!.id]),
  );
  return { variantId: v.id, answers };
}

async function main() {
  const { database, cleanup } = await openBenchDatabase();
  await migrateAll(database);
  await syncBuiltInCatalog(database.db);
  const variants = (
    await database.db.selectFrom('variants as v').innerJoin('models as m', 'm.id', 'v.model_id').select(['v.id', 'm.category_id as category']).execute()
  ) as { id: string; category: CategoryId }[];

  const cache = new VariantCache(database.db);
  for (const size of steps) {
    const t0 = performance.now();
    await loadWishlists(database.db, size);
    const loadMs = performance.now() - t0;
    const samples: number[] = [];
    for (let i = 0; i < 300; i++) {
      const s = performance.now();
      await createQuote({ database, clock: realClock, variants: cache }, randomQuoteInput(variants));
      samples.push(performance.now() - s);
    }
    samples.sort((a, b) => a - b);
    emit({ kind: 'single', entries: size, loadMs: Math.round(loadMs), p50: samples[150], p99: samples[296] });
  }

  const config = loadConfig(
    {
      TRADELOOP_MODE: 'production',
      DATA_DIR: os.tmpdir(),
      BETTER_AUTH_SECRET: randomBytes(32).toString('base64url'),
      TRADELOOP_MASTER_KEY: randomBytes(32).toString('base64'),
      CARRIER_WEBHOOK_SECRET: randomBytes(32).toString('base64url'),
      // The benchmark measures quoting, so the per-address quote limit is lifted (every request
      // comes from one address). BENCH_QUOTE_LIMIT=on keeps it, with a limit never reached, to
      // measure what the bucket costs.
      ...(process.env.BENCH_QUOTE_LIMIT === 'on' ? { QUOTE_RATE_PER_MINUTE: '1000000', QUOTE_RATE_BURST: '1000000' } : { QUOTE_RATE_PER_MINUTE: '0' }),
    },
    [],
  );
  const secrets = { authSecret: config.authSecret!, keyring: config.keyring! };
  const runtime = createRuntime({ config, database, productClock: realClock, workers: false, keyring: secrets.keyring, authSecret: secrets.authSecret });
  const app = await buildApp({ config, database, productClock: realClock, securityClock: realClock, secrets, runtime }, { webRoot: '/nonexistent' });
  app.get('/bench/bare', async () => ({ ok: true }));
  app.get('/bench/stats', async () => ({ maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  emit({ kind: 'ready', port, variants });

  process.once('SIGTERM', async () => {
    await app.close();
    await database.close();
    await cleanup();
    process.exit(0);
  });
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
