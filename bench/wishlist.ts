/**
 * npm run bench:wishlist — the refurbisher's side under load, in one process, on the configured
 * database (DATABASE_URL → a database tradeloop_bench_wishlist on that server; else PGlite):
 *
 * 1. importing a 10,000-row CSV (new entries; the same file again; every price changed), through
 *    the real route (app.inject: parsing, validation, one transaction, change log, price history);
 * 2. a page of the portal table (GET /api/refurbisher/wishlist) with 20,000 entries in the
 *    organisation and a market of other bidders, against a bare endpoint of the same app;
 * 3. the quote endpoint's throughput over HTTP alone, then while bulk price changes on all
 *    20,000 entries run back to back.
 *
 * The built-in catalogue has under 1,000 variants (under 4,000 variant-and-grade keys), so the
 * bench adds a synthetic model with 5,000 variants: 20,000 distinct keys for one refurbisher.
 * Prints numbers; asserts nothing (this machine is shared). BENCH_SKIP_QUOTES=1 stops after the portal pages;
 * BENCH_VACUUM=1 vacuums the wishlist before them (as autovacuum would on a server).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { migrateAll } from '../src/server/db/migrate.ts';
import { syncBuiltInCatalog } from '../src/server/modules/catalog/index.ts';
import { realClock } from '../src/server/platform/clock.ts';
import { openDatabase } from '../src/server/platform/db/database.ts';
import { createRuntime } from '../src/server/runtime.ts';
import { QUESTIONNAIRES } from '../src/shared/questionnaires.ts';
import type { CategoryId } from '../src/shared/catalog-types.ts';
import { loadWishlists } from './load-wishlists.ts';

const MARKET_ENTRIES = Number(process.env.BENCH_MARKET ?? 100_000);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);

async function openBenchDatabase() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tradeloop-bench-wishlist-'));
    return { database: await openDatabase({ dataDir: dir }), cleanup: () => fs.rm(dir, { recursive: true, force: true }) };
  }
  const name = 'tradeloop_bench_wishlist';
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return { database: await openDatabase({ url: u.toString(), poolSize: 20 }), cleanup: async () => undefined };
}

const ms = (t0: number) => performance.now() - t0;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

async function main() {
  const { database, cleanup } = await openBenchDatabase();
  const db = database.db;
  await migrateAll(database);
  await syncBuiltInCatalog(db);
  let t0 = performance.now();
  await loadWishlists(db, MARKET_ENTRIES, 50);
  console.log(`Wishlist bench on ${process.env.DATABASE_URL ? 'PostgreSQL server' : 'embedded PGlite'}; market of ${MARKET_ENTRIES} entries loaded in ${(ms(t0) / 1000).toFixed(1)} s`);

  // The refurbisher under test, its organisation, an admin API key, and 5,000 synthetic variants.
  const orgId = 'org_bench';
  await db.insertInto('organization').values({ id: orgId, name: 'Bench Buyer', slug: 'bench-buyer', logo: null, createdAt: new Date(), metadata: null }).execute();
  await db
    .insertInto('refurbishers')
    .values({ id: 'ref_benchbuyer', name: 'Bench Buyer', score: 50, receiving_address: JSON.stringify({ name: 'Dock', line1: '1 Dock St', city: 'Columbus', state: 'OH', zip: '43207' }), created_at: new Date(), organization_id: orgId })
    .execute();
  await db.insertInto('models').values({ id: 'mdl_bench-synthetic', category_id: 'smartphones', brand: 'Synthetic', name: 'Bench Phone', release_year: 2025, mandatory_accessories: '[]', search_text: 'synthetic bench phone' }).execute();
  const synthetic = Array.from({ length: 5_000 }, (_, i) => `var_bench-synthetic-${String(i).padStart(5, '0')}`);
  await db.insertInto('variants').values(synthetic.map((id, i) => ({ id, model_id: 'mdl_bench-synthetic', label: `Edition ${i}`, attributes: '{}', sort: i }))).execute();
  const builtIn = (await db.selectFrom('variants').select('id').where('model_id', '<>', 'mdl_bench-synthetic').orderBy('id').execute()).map((r) => r.id);

  const config = loadConfig(
    {
      TRADELOOP_MODE: 'production',
      DATA_DIR: os.tmpdir(),
      BETTER_AUTH_SECRET: randomBytes(32).toString('base64url'),
      TRADELOOP_MASTER_KEY: randomBytes(32).toString('base64'),
      CARRIER_WEBHOOK_SECRET: randomBytes(32).toString('base64url'),
      // Every bench quote comes from one address: the per-address limit is lifted, as in bench/server.ts.
      QUOTE_RATE_PER_MINUTE: '0',
    },
    [],
  );
  const secrets = { authSecret: config.authSecret!, keyring: config.keyring! };
  const runtime = createRuntime({ config, database, productClock: realClock, workers: false, keyring: secrets.keyring });
  const app = await buildApp({ config, database, productClock: realClock, securityClock: realClock, secrets, runtime }, { webRoot: '/nonexistent', logger: { level: 'error' } });
  app.get('/bench/bare', async () => ({ ok: true }));
  await app.ready();

  const secret = `tlk_${randomBytes(32).toString('base64url')}`;
  const { createHash } = await import('node:crypto');
  await db
    .insertInto('refurbisher_api_keys')
    .values({ id: 'key_bench', refurbisher_id: 'ref_benchbuyer', name: 'bench', role: 'admin', display_prefix: 'tlk_bench…', secret_hash: createHash('sha256').update(secret).digest('hex'), created_by: 'bench', created_at: new Date() })
    .execute();
  const auth = { authorization: `Bearer ${secret}` };

  // A 10,000-row file: the first half on built-in variants (competing with the market), the rest synthetic.
  const grades = ['Flawless', 'Good', 'Fair', 'Broken'];
  const csv = (keys: string[], priceOf: (i: number) => number) =>
    ['variant_id,grade,price_cents,quantity,active', ...keys.map((k, i) => `${k},${priceOf(i)},${1 + (i % 9)},true`)].join('\n');
  const keysA = [...builtIn.slice(0, 250), ...synthetic.slice(0, 2_250)].flatMap((v) => grades.map((g) => `${v},${g}`));
  const keysB = synthetic.slice(2_250, 4_750).flatMap((v) => grades.map((g) => `${v},${g}`));
  const importCsv = async (label: string, text: string) => {
    const s = performance.now();
    const res = await app.inject({ method: 'POST', url: '/api/refurbisher/wishlist.csv', headers: { ...auth, 'content-type': 'text/csv' }, payload: text });
    const took = ms(s);
    if (res.statusCode !== 200) throw new Error(`${label}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    console.log(`  ${label.padEnd(44)} ${(took / 1000).toFixed(2)} s   ${res.body}`);
  };
  console.log('\nCSV import, 10,000 rows (target ≤ 5 s):');
  await importCsv('new entries', csv(keysA, (i) => 10_000 + (i % 500) * 100));
  await importCsv('the same file again (nothing changes)', csv(keysA, (i) => 10_000 + (i % 500) * 100));
  await importCsv('every price changed', csv(keysA, (i) => 10_100 + (i % 500) * 100));
  await importCsv('10,000 more (organisation at 20,000)', csv(keysB, (i) => 20_000 + (i % 300) * 100));
  t0 = performance.now();
  const exported = await app.inject({ method: 'GET', url: '/api/refurbisher/wishlist.csv', headers: auth });
  console.log(`  ${'export of 20,000 entries'.padEnd(44)} ${(ms(t0) / 1000).toFixed(2)} s   ${exported.body.length} bytes`);

  if (process.env.BENCH_VACUUM) {
    // As autovacuum leaves the table on a server (PGlite has none): dead row versions gone, pages all-visible, statistics.
    t0 = performance.now();
    await sql`vacuum analyze wishlist_entries`.execute(db);
    console.log(`\nvacuum analyze wishlist_entries: ${(ms(t0) / 1000).toFixed(2)} s`);
  }
  // Portal pages, as the table asks for them: each case 120 times at a random page, each request
  // followed by one to a bare endpoint of the same app (the baseline of the same moment).
  const cases: [string, string][] = [
    ['default (model order), no filter', 'sort=model&order=asc'],
    ['model order, reversed', 'sort=model&order=desc'],
    ['price order', 'sort=price&order=desc'],
    ['quantity order', 'sort=quantity&order=asc'],
    ['updated order', 'sort=updated&order=desc'],
    ['model order, grade=Good', 'sort=model&order=asc&grade=Good'],
    ['model order, active=true', 'sort=model&order=asc&active=true'],
    ['model order, category=smartphones', 'sort=model&order=asc&category=smartphones'],
    ['price order, model filter (5,000 variants)', 'sort=price&order=asc&modelId=mdl_bench-synthetic'],
    ['model order, search "edition 12"', 'sort=model&order=asc&q=edition%2012'],
  ];
  const results: { label: string; page: number[]; bare: number[] }[] = cases.map(([label]) => ({ label, page: [], bare: [] }));
  const totals = new Map<string, number>();
  for (let round = 0; round < 120; round++) {
    for (const [k, [, query]] of cases.entries()) {
      const total = totals.get(query) ?? 20_000;
      const page = 1 + ((round * 37 + k * 11) % Math.max(1, Math.ceil(total / 50)));
      const url = `/api/refurbisher/wishlist?${query}&page=${page}&pageSize=50`;
      let s = performance.now();
      const res = await app.inject({ method: 'GET', url, headers: auth });
      results[k]!.page.push(ms(s));
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      totals.set(query, (res.json() as { total: number }).total);
      s = performance.now();
      await app.inject({ method: 'GET', url: '/bench/bare' });
      results[k]!.bare.push(ms(s));
    }
  }
  console.log('\nPortal table page, 50 rows of 20,000, with rank/best/price to win (target p95 ≤ 100 ms), 120 requests per case:');
  console.log(`  ${'case'.padEnd(44)} ${'rows'.padStart(6)}   page p50 / p95 ms   bare p50 / p95 ms   p95 ratio page/bare`);
  const all = { page: [] as number[], bare: [] as number[] };
  for (const [k, r] of results.entries()) {
    r.page.sort((a, b) => a - b);
    r.bare.sort((a, b) => a - b);
    all.page.push(...r.page);
    all.bare.push(...r.bare);
    const rows = String(totals.get(cases[k]![1]) ?? '?').padStart(6);
    console.log(`  ${r.label.padEnd(44)} ${rows}   ${pct(r.page, 0.5).toFixed(1).padStart(6)} / ${pct(r.page, 0.95).toFixed(1).padStart(6)}     ${pct(r.bare, 0.5).toFixed(2)} / ${pct(r.bare, 0.95).toFixed(2)}         ${(pct(r.page, 0.95) / pct(r.bare, 0.95)).toFixed(0)}`);
  }
  all.page.sort((a, b) => a - b);
  all.bare.sort((a, b) => a - b);
  console.log(`  ${'every case together'.padEnd(44)} ${''.padStart(6)}   ${pct(all.page, 0.5).toFixed(1).padStart(6)} / ${pct(all.page, 0.95).toFixed(1).padStart(6)}     ${pct(all.bare, 0.5).toFixed(2)} / ${pct(all.bare, 0.95).toFixed(2)}`);
  if (process.env.BENCH_SKIP_QUOTES) {
    await app.close();
    await database.close();
    await cleanup();
    return;
  }

  // Quotes over HTTP, alone and while bulk changes on all 20,000 entries run back to back.
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const variants = (await db.selectFrom('variants as v').innerJoin('models as m', 'm.id', 'v.model_id').select(['v.id', 'm.category_id as category']).where('m.id', '<>', 'mdl_bench-synthetic').execute()) as { id: string; category: CategoryId }[];
  const quoteRun = () =>
    autocannon({
      url: `http://127.0.0.1:${port}/api/assessments`,
      connections: 20,
      duration: DURATION,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          setupRequest: (req) => {
            const v = variants[Math.floor(Math.random() * variants.length)]!;
            const answers = Object.fromEntries(QUESTIONNAIRES[v.category].questions.map((q) => [q.id, q.options[Math.floor(Math.random() * q.options.length)]!.id]));
            return { ...req, body: JSON.stringify({ variantId: v.id, answers }) };
          },
        },
      ],
    });
  const ids = (await db.selectFrom('wishlist_entries').select('id').where('refurbisher_id', '=', 'ref_benchbuyer').execute()).map((r) => r.id);
  console.log(`\nQuote throughput (${DURATION} s, 20 connections):`);
  const alone = await quoteRun();
  console.log(`  alone                              ${alone.requests.average.toFixed(0)} req/s   p50 ${alone.latency.p50} ms   p99 ${alone.latency.p99} ms   errors ${alone.errors + alone.non2xx}`);
  let running = true;
  const bulkTimes: number[] = [];
  const bulk = (async () => {
    let sign = 1;
    while (running) {
      const s = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/api/refurbisher/wishlist/bulk-change`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ entryIds: ids, change: { kind: 'percent', percent: sign } }),
      });
      if (!res.ok) throw new Error(`bulk change: ${res.status} ${await res.text()}`);
      bulkTimes.push(ms(s));
      sign = -sign;
    }
  })();
  const during = await quoteRun();
  running = false;
  await bulk;
  bulkTimes.sort((a, b) => a - b);
  console.log(`  while bulk changes run             ${during.requests.average.toFixed(0)} req/s   p50 ${during.latency.p50} ms   p99 ${during.latency.p99} ms   errors ${during.errors + during.non2xx}`);
  console.log(`  bulk change of ${ids.length} entries: ${bulkTimes.length} done, p50 ${(pct(bulkTimes, 0.5) / 1000).toFixed(2)} s each`);
  console.log(`  ratio during/alone: ${(during.requests.average / alone.requests.average).toFixed(2)}`);

  await app.close();
  await database.close();
  await cleanup();
}

await main();
