/**
 * `npm run bench:payouts`: an ACH batch of 10,000 and then of 100,000 ready payouts, on
 * PostgreSQL (DATABASE_URL, else the CI server postgres://postgres@127.0.0.1:5432/test), in a
 * database of its own that is created and dropped. The fixture rows (approved trade-ins and their
 * ready payouts, bank details sealed per row) go in by multi-row inserts, not through the API;
 * then `createBatch` closes the window and writes the NACHA file, timed, with the process's peak
 * RSS sampled every 20 ms and the heap before and after. Target: ≤ 10 s for 100,000, memory flat.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/server/config.ts';
import { migrateAll } from '../src/server/db/migrate.ts';
import { createBatch, registerPayoutBatches } from '../src/server/modules/payouts/index.ts';
import { AdjustableClock } from '../src/server/platform/clock.ts';
import { createKeyring, encryptField, generateMasterKey, parseMasterKey, type Keyring } from '../src/server/platform/crypto.ts';
import { openDatabase, type Database } from '../src/server/platform/db/database.ts';
import { newId } from '../src/server/platform/ids.ts';
import { createJobs } from '../src/server/platform/jobs/index.ts';

const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const NAME = 'tradeloop_bench_payouts';
const SIZES = (process.env.BENCH_PAYOUTS ?? '10000,100000').split(',').map(Number);
const LOAD_CHUNK = 5_000;
const ROUTINGS = ['011000015', '021000021', '121000358', '026009593', '071000013'];
const MB = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

async function admin(q: string): Promise<void> {
  const c = new pg.Client({ connectionString: SERVER });
  await c.connect();
  try {
    await c.query(q);
  } finally {
    await c.end();
  }
}

/** `n` approved trade-ins, each with a ready payout (sealed bank details), ready at `readyAt`. */
async function load(database: Database, keyring: Keyring, n: number, readyAt: Date): Promise<void> {
  const at = readyAt.toISOString();
  for (let start = 0; start < n; start += LOAD_CHUNK) {
    const size = Math.min(LOAD_CHUNK, n - start);
    const t = { id: [] as string[], offer: [] as string[], seller: [] as string[], price: [] as number[] };
    const p = { id: [] as string[], routing: [] as string[], account: [] as string[], type: [] as string[], hash: [] as string[] };
    for (let i = 0; i < size; i++) {
      const tradeInId = newId('tradeIn', readyAt.getTime());
      const payoutId = newId('payout', readyAt.getTime());
      const routing = ROUTINGS[i % ROUTINGS.length]!;
      const account = String(100_000_000 + Math.floor(Math.random() * 900_000_000));
      t.id.push(tradeInId);
      t.offer.push(`ofr_${tradeInId.slice(4)}`);
      t.seller.push(`usr_bench_${(start + i) % 20_000}`);
      t.price.push(1_000 + Math.floor(Math.random() * 150_000));
      p.id.push(payoutId);
      p.routing.push(encryptField(keyring, routing, { table: 'payouts', rowId: payoutId, column: 'routing_number_sealed' }));
      p.account.push(encryptField(keyring, account, { table: 'payouts', rowId: payoutId, column: 'account_number_sealed' }));
      p.type.push(i % 7 === 0 ? 'savings' : 'checking');
      p.hash.push(`bench:${routing}:${account.slice(-4)}`);
    }
    await database.db.transaction().execute(async (trx) => {
      // Fixture rows only: the trade-ins' offers, variants and refurbisher do not exist, so foreign keys are off for this transaction.
      await sql`set local session_replication_role = replica`.execute(trx);
      await sql`
        insert into trade_ins (id, offer_id, seller_id, refurbisher_id, wishlist_entry_id, variant_id, grade, price_minor, currency, status, ship_by, accepted_at, delivered_at, approved_at, updated_at)
        select id, offer_id, seller_id, 'ref_bench', 'wle_bench', 'var_bench', 'Flawless', price, 'USD', 'approved', ${at}::timestamptz, ${at}::timestamptz, ${at}::timestamptz, ${at}::timestamptz, ${at}::timestamptz
          from unnest(${t.id}::text[], ${t.offer}::text[], ${t.seller}::text[], ${t.price}::bigint[]) as x(id, offer_id, seller_id, price)
      `.execute(trx);
      await sql`
        insert into payouts (id, trade_in_id, seller_id, refurbisher_id, attempt, amount_minor, currency, status, routing_number_sealed, account_number_sealed, account_type, holder_name, bank_account_hash, created_at, ready_at)
        select pid, tid, seller_id, 'ref_bench', 1, price, 'USD', 'ready', routing, account, account_type, 'BENCH SELLER', hash, ${at}::timestamptz, ${at}::timestamptz
          from unnest(${p.id}::text[], ${t.id}::text[], ${t.seller}::text[], ${t.price}::bigint[], ${p.routing}::text[], ${p.account}::text[], ${p.type}::text[], ${p.hash}::text[])
            as x(pid, tid, seller_id, price, routing, account, account_type, hash)
      `.execute(trx);
    });
  }
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function main(): Promise<void> {
  await admin(`drop database if exists ${NAME} with (force)`);
  await admin(`create database ${NAME}`);
  const url = new URL(SERVER);
  url.pathname = `/${NAME}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 10 });
  const outbound = fs.mkdtempSync(path.join(os.tmpdir(), 'tradeloop-bench-ach-'));
  const rows: string[] = [];
  try {
    await migrateAll(database);
    const ach = loadConfig({ TRADELOOP_MODE: 'demo', DATA_DIR: os.tmpdir(), ACH_OUTBOUND_DIR: outbound }, []).ach;
    const keyring = createKeyring({ id: 'bench', key: parseMasterKey(generateMasterKey()) });
    // Tuesday 1 December 2026, 09:00 New York: the standard window closes at 16:00.
    const clock = new AdjustableClock({ frozenAt: new Date('2026-12-01T14:00:00Z') });
    const jobs = createJobs(database, { clock, role: 'worker', workers: false });
    registerPayoutBatches({ db: database.db, clock, ach, keyring, jobs, notify: async () => undefined });
    await jobs.start();
    const deps = { db: database.db, clock, ach, keyring, jobs };

    for (const n of SIZES) {
      const t0 = performance.now();
      await load(database, keyring, n, clock.now());
      await sql`analyze`.execute(database.db);
      const loadS = (performance.now() - t0) / 1000;

      gc();
      const before = process.memoryUsage();
      let peak = before.rss;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      const start = performance.now();
      const result = await createBatch(deps, { by: 'bench' });
      const seconds = (performance.now() - start) / 1000;
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      gc();
      const after = process.memoryUsage();

      const b = result.batch!;
      if (b.entryCount !== n) throw new Error(`expected ${n} entries, the batch has ${b.entryCount}`);
      const file = path.join(outbound, b.fileName);
      const bytes = fs.statSync(file).size;
      const lines = bytes / 95;
      const line = `| ${n.toLocaleString('en-US')} | ${loadS.toFixed(1)} s | **${seconds.toFixed(2)} s** | ${MB(before.rss)} → peak ${MB(peak)} (+${MB(peak - before.rss)}) | ${MB(before.heapUsed)} → ${MB(after.heapUsed)} | ${MB(bytes)} | ${lines.toLocaleString('en-US')} |`;
      rows.push(line);
      console.log(`${n} payouts: batch + file ${seconds.toFixed(2)} s (load ${loadS.toFixed(1)} s); RSS ${MB(before.rss)} → peak ${MB(peak)}; heap ${MB(before.heapUsed)} → ${MB(after.heapUsed)}; file ${bytes} bytes, ${lines} lines`);
      // The next size is the next business day's window.
      clock.advance(24 * 3_600_000);
    }
    await jobs.stop();
  } finally {
    await database.close();
    fs.rmSync(outbound, { recursive: true, force: true });
    await admin(`drop database if exists ${NAME} with (force)`);
  }
  console.log('\n| payouts | load (fixture) | createBatch + file | RSS before → peak | heap before → after | file | lines |\n| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(r);
}

await main();
