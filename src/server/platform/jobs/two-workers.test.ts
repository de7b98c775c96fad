import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../../../../test/db.ts';
import { AdjustableClock, realClock } from '../clock.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { onceKey } from './effects.ts';
import { createJobs, type Jobs, type JobsLogger } from './jobs.ts';

const quiet: JobsLogger = { warn: () => undefined, error: () => undefined };

// Two processes need a database server; the embedded PGlite belongs to one process.
describe.skipIf(!inject('serverTemplate'))('two workers against one PostgreSQL', () => {
  let a: Database;
  let b: Database;
  beforeAll(async () => {
    a = await createTestDatabase();
    const url = (a.pool as unknown as { options: { connectionString: string } }).options.connectionString;
    b = await openDatabase({ url, poolSize: 10 });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  async function twoWorkers(
    queue: string,
    clock = realClock,
    opts: { workers: boolean } = { workers: true },
  ): Promise<{ jobs: [Jobs, Jobs]; runs: string[][]; claims: string[] }> {
    const runs: string[][] = [[], []];
    const claims: string[] = [];
    const jobs = [a, b].map((database, i) => {
      const j = createJobs(database, { clock, role: 'worker', logger: quiet, pollingIntervalSeconds: 0.5, ...opts });
      j.register<{ n: number }>(
        queue,
        async ({ n }) => {
          runs[i]!.push(`job ${n}`);
          await database.db.transaction().execute(async (trx) => {
            if (await onceKey(trx, `${queue}:${n}`)) claims.push(`job ${n}`);
            // Hold the transaction a moment so the two workers overlap.
            await new Promise((r) => setTimeout(r, 5));
          });
        },
        { batchSize: 3, concurrency: 2 },
      );
      return j;
    }) as [Jobs, Jobs];
    // Started together, as two processes racing to install pg-boss's schema would.
    await Promise.all(jobs.map((j) => j.start()));
    return { jobs, runs, claims };
  }

  it('runs each of 50 jobs once', async () => {
    const { jobs, runs, claims } = await twoWorkers('race.poll');
    try {
      await a.db.transaction().execute(async (trx) => {
        for (let n = 0; n < 50; n++) await jobs[0].enqueue(trx, 'race.poll', { n });
      });
      const until = Date.now() + 20_000;
      while (claims.length < 50 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      // A little longer, so a duplicate run would have time to show up.
      await new Promise((r) => setTimeout(r, 1_000));
    } finally {
      await Promise.all(jobs.map((j) => j.stop()));
    }
    const all = [...runs[0]!, ...runs[1]!];
    expect(all).toHaveLength(50);
    expect(new Set(all).size).toBe(50);
    // Both really competed for the queue (measured here: about half each).
    expect(runs[0]!.length).toBeGreaterThan(0);
    expect(runs[1]!.length).toBeGreaterThan(0);
    expect(claims).toHaveLength(50);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from job_effects where key like 'race.poll:%'`.execute(a.db);
    expect(rows[0]!.n).toBe(50);
    const { rows: states } = await sql<{ state: string; n: number }>`
      select state::text, count(*)::int as n from pgboss.job where name = 'race.poll' group by state`.execute(a.db);
    expect(states).toEqual([{ state: 'completed', n: 50 }]);
  });

  it('runs each due deadline once when both call runDue at the same moment', async () => {
    const clock = new AdjustableClock({ frozenAt: new Date('2026-11-26T15:00:00Z') });
    const { jobs, runs, claims } = await twoWorkers('race.due', clock, { workers: false });
    try {
      const t0 = clock.now().getTime();
      await a.db.transaction().execute(async (trx) => {
        for (let n = 0; n < 50; n++) {
          await jobs[0].enqueue(trx, 'race.due', { n }, { runAt: new Date(t0 + 86_400_000 + n * 1000) });
        }
      });
      clock.advance(86_400_000 + 49_000);
      const [ra, rb] = await Promise.all(jobs.map((j) => j.runDue()));
      expect(ra!.completed + rb!.completed).toBe(50);
      expect(ra!.released + rb!.released).toBe(50);
    } finally {
      await Promise.all(jobs.map((j) => j.stop()));
    }
    const all = [...runs[0]!, ...runs[1]!];
    expect(all).toHaveLength(50);
    expect(new Set(all).size).toBe(50);
    expect(claims).toHaveLength(50);
  });
});
