/**
 * npm run bench:quote — the quote endpoint against a bare endpoint of the same server, in one run.
 * Uses DATABASE_URL when set (a database named tradeloop_bench is created on that server),
 * the embedded PGlite otherwise. Prints numbers; asserts nothing (this machine is shared).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import autocannon from 'autocannon';
import { QUESTIONNAIRES } from '../src/shared/questionnaires.ts';
import type { CategoryId } from '../src/shared/catalog-types.ts';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = 50;

const child = spawn(process.execPath, [path.join(import.meta.dirname, 'server.ts')], {
  env: process.env,
  stdio: ['ignore', 'pipe', 'inherit'],
});
const lines = readline.createInterface({ input: child.stdout! });

function fmt(n: number | undefined, digits = 1) {
  return n === undefined ? '-' : n.toFixed(digits);
}

async function run(title: string, opts: autocannon.Options) {
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION, ...opts });
  const errors = result.errors + result.timeouts + result.non2xx;
  console.log(
    `${title.padEnd(24)} ${fmt(result.requests.average, 0).padStart(8)} req/s   p50 ${fmt(result.latency.p50).padStart(6)} ms   p99 ${fmt(result.latency.p99).padStart(6)} ms   errors ${errors}`,
  );
  return result;
}

const db = process.env.DATABASE_URL ? 'PostgreSQL server' : 'embedded PGlite';
console.log(`Quote benchmark on ${db}; ${CONNECTIONS} connections, ${DURATION} s per run\n`);
console.log('Single quote (sequential, in-process) as the wishlist grows:');

for await (const line of lines) {
  if (!line.startsWith('BENCH ')) continue;
  const msg = JSON.parse(line.slice(6));
  if (msg.kind === 'single') {
    console.log(`  ${String(msg.entries).padStart(9)} entries   p50 ${fmt(msg.p50, 2)} ms   p99 ${fmt(msg.p99, 2)} ms   (loaded in ${(msg.loadMs / 1000).toFixed(1)} s)`);
    continue;
  }
  if (msg.kind !== 'ready') continue;
  const base = `http://127.0.0.1:${msg.port}`;
  const variants = msg.variants as { id: string; category: CategoryId }[];
  console.log('\nHTTP under load:');
  const bare = await run('GET /bench/bare', { url: `${base}/bench/bare` });
  const quote = await run('POST /api/assessments', {
    url: `${base}/api/assessments`,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => {
          const v = variants[Math.floor(Math.random() * variants.length)]!;
          const answers = Object.fromEntries(
            QUESTIONNAIRES[v.category].questions.map((q) => [q.id, q.options[Math.floor(Math.random() * q.options.length)]!.id]),
          );
          return { ...req, body: JSON.stringify({ variantId: v.id, answers }) };
        },
      },
    ],
  });
  const stats = (await (await fetch(`${base}/bench/stats`)).json()) as { maxRssMb: number };
  console.log(`\nratio quote/bare: ${(quote.requests.average / bare.requests.average).toFixed(3)}`);
  console.log(`server peak RSS: ${stats.maxRssMb} MB`);
  child.kill('SIGTERM');
  break;
}
