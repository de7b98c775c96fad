import { sql } from 'kysely';
import { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../../test/app.ts';
import { createTestDatabase } from '../../../../test/db.ts';
import { AdjustableClock } from '../clock.ts';
import type { Database } from '../db/database.ts';
import { createJobs, JOBS_SCHEMA, type Jobs } from './jobs.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const quiet = { warn: () => undefined, error: () => undefined };

/** A worker in another process: takes jobs through pg-boss itself, the way a poller does. */
function otherProcess(db: Database): PgBoss {
  const boss = new PgBoss({
    db: { executeSql: (text, values) => db.pool.query(text, values as unknown[] | undefined) },
    backend: db.kind === 'pglite' ? 'pglite' : 'postgres',
    schema: JOBS_SCHEMA,
    schedule: false,
    supervise: false,
    migrate: false,
  });
  boss.on('error', () => undefined);
  return boss;
}

describe('a job whose worker died', () => {
  it('is retried once its queue’s short expiry has passed, not before, and not after pg-boss’s 5-minute default', async () => {
    const q = 'expiry.mail-like';
    const runs: { retryCount: number; at: number }[] = [];
    const jobs: Jobs = createJobs(database, {
      clock: new AdjustableClock({ frozenAt: new Date('2026-11-26T15:00:00Z') }),
      role: 'all',
      workers: false,
      logger: quiet,
      // A small expiry and sweep keep the test short; production uses QUEUE_PROFILES' values.
      superviseIntervalSeconds: 1,
    });
    jobs.register(q, async (_data, ctx) => void runs.push({ retryCount: ctx.retryCount, at: Date.now() }), { expireInSeconds: 1, retryDelaySeconds: 0 });
    await jobs.start();
    const dead = otherProcess(database);
    try {
      await dead.start();
      await jobs.enqueue(database.db, q, { to: 'someone' });
      // The other process takes the job and is killed before it completes it.
      const taken = await dead.fetch(q);
      expect(taken).toHaveLength(1);
      const takenAt = Date.now();
      await dead.stop({ graceful: false, close: false });

      // Still held by the dead worker: nothing to run yet.
      expect((await jobs.runDue()).completed).toBe(0);
      expect(runs).toEqual([]);

      const until = Date.now() + 15_000;
      while (runs.length === 0 && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 200));
        await jobs.runDue();
      }
      expect(runs).toHaveLength(1);
      expect(runs[0]!.retryCount).toBe(1);
      expect(runs[0]!.at - takenAt).toBeGreaterThanOrEqual(1_000);
      const { rows } = await sql<{ state: string }>`select state::text from ${sql.raw(JOBS_SCHEMA)}.job where name = ${q}`.execute(database.db);
      expect(rows).toEqual([{ state: 'completed' }]);
    } finally {
      await jobs.stop();
    }
  });
});

describe('the product’s queues', () => {
  it('all expire an attempt within a minute (e-mails were left 300 s by default)', async () => {
    const { app } = await buildTestApp(database);
    try {
      const { rows } = await sql<{ name: string; expire_seconds: number }>`
        select name, expire_seconds from ${sql.raw(JOBS_SCHEMA)}.queue where name not like 'expiry.%' order by name`.execute(database.db);
      expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(['mail.trade-in', 'shipping.expiry', 'shipping.reminder']));
      for (const r of rows) expect(r.expire_seconds, r.name).toBeLessThanOrEqual(60);
      expect(rows.find((r) => r.name === 'shipping.expiry')!.expire_seconds).toBeLessThanOrEqual(30);
    } finally {
      await app.close();
    }
  });
});
