import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/db.ts';
import { AdjustableClock, realClock, type Clock } from '../clock.ts';
import type { Database } from '../db/database.ts';
import { effectDone, onceKey } from './effects.ts';
import { parseIsoDuration } from './iso-duration.ts';
import {
  createJobs,
  installJobsSchema,
  JOBS_SCHEMA,
  PermanentJobError,
  type JobHandler,
  type Jobs,
  type JobsLogger,
  type JobsOptions,
  type QueueSettings,
} from './jobs.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});

const started: Jobs[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((j) => j.stop()));
});
afterAll(async () => {
  await database?.close();
});

// Queue names are unique per test, so jobs left behind by one test never reach another.
let seq = 0;
const queueName = (label: string) => `t${++seq}.${label}`;

function capturingLogger(): JobsLogger & { errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  return { errors, warnings, error: (_obj, msg) => errors.push(msg), warn: (_obj, msg) => warnings.push(msg) };
}

function jobsFor(clock: Clock, opts: Partial<JobsOptions> = {}, db: Database = database): Jobs {
  const jobs = createJobs(db, { clock, role: 'all', workers: false, logger: capturingLogger(), ...opts });
  started.push(jobs);
  return jobs;
}

const frozen = (iso = '2026-11-26T15:00:00Z') => new AdjustableClock({ frozenAt: new Date(iso) });

/**
 * The setup most tests here begin with: a queue of its own (a fresh name) with one handler, on a
 * started Jobs whose clock is frozen unless one is given.
 */
async function startedQueue<T>(
  label: string,
  handler: JobHandler<T>,
  opts: { clock?: Clock; jobs?: Partial<JobsOptions>; queue?: QueueSettings } = {},
): Promise<{ q: string; jobs: Jobs }> {
  const q = queueName(label);
  const jobs = jobsFor(opts.clock ?? frozen(), opts.jobs);
  jobs.register<T>(q, handler, opts.queue);
  await jobs.start();
  return { q, jobs };
}

async function waitFor(cond: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function jobCount(name: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.raw(JOBS_SCHEMA)}.job where name = ${name}`.execute(
    database.db,
  );
  return rows[0]!.n;
}

describe('jobs on pg-boss', () => {
  it('runs a job enqueued for now, with its payload', async () => {
    const seen: unknown[] = [];
    const { q, jobs } = await startedQueue<{ tradeInId: string }>('now', async (data, ctx) => {
      seen.push({ data, runAt: ctx.runAt, retryCount: ctx.retryCount });
    });
    const id = await jobs.enqueue(database.db, q, { tradeInId: 'tin_1' });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await jobs.runDue()).toEqual({ released: 0, completed: 1, failed: 0 });
    expect(seen).toEqual([{ data: { tradeInId: 'tin_1' }, runAt: null, retryCount: 0 }]);
    expect(await jobs.runDue()).toEqual({ released: 0, completed: 0, failed: 0 });
  });

  it('enqueues inside the caller’s transaction: a rollback takes the job with it', async () => {
    let runs = 0;
    const { q, jobs } = await startedQueue('trx', async () => {
      runs++;
    });

    await expect(
      database.db.transaction().execute(async (trx) => {
        await jobs.enqueue(trx, q, { n: 1 });
        // Visible inside the transaction…
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from pgboss.job where name = ${q}`.execute(trx);
        expect(rows[0]!.n).toBe(1);
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    // …and gone with it.
    expect(await jobCount(q)).toBe(0);

    await database.db.transaction().execute(async (trx) => {
      await jobs.enqueue(trx, q, { n: 2 });
    });
    expect(await jobCount(q)).toBe(1);
    await jobs.runDue();
    expect(runs).toBe(1);
  });

  it('fires a deadline when the application clock reaches it, not a second before', async () => {
    const clock = frozen();
    const ran: string[] = [];
    const { q, jobs } = await startedQueue<{ label: string }>(
      'deadline',
      async ({ label }, ctx) => {
        ran.push(`${label}@${clock.now().toISOString()} due ${ctx.runAt?.toISOString()}`);
      },
      { clock },
    );
    const t0 = clock.now().getTime();
    await jobs.enqueue(database.db, q, { label: 'reminder' }, { runAt: new Date(t0 + parseIsoDuration('P3D')) });
    await jobs.enqueue(database.db, q, { label: 'expiry' }, { runAt: new Date(t0 + parseIsoDuration('P5D')) });

    expect(await jobs.runDue()).toEqual({ released: 0, completed: 0, failed: 0 });
    clock.advance(parseIsoDuration('P3D') - 1000);
    expect((await jobs.runDue()).completed).toBe(0);
    clock.advance(1000);
    expect(await jobs.runDue()).toEqual({ released: 1, completed: 1, failed: 0 });
    expect(ran).toEqual(['reminder@2026-11-29T15:00:00.000Z due 2026-11-29T15:00:00.000Z']);
    // Idempotent: nothing new is due.
    expect(await jobs.runDue()).toEqual({ released: 0, completed: 0, failed: 0 });
    clock.advance(parseIsoDuration('P2D'));
    expect(await jobs.runDue()).toEqual({ released: 1, completed: 1, failed: 0 });
    expect(ran).toHaveLength(2);
  });

  it('never runs a deadline early when the application clock is behind real time', async () => {
    // A test clock frozen in the past: the deadline is already past in real time, but not by the
    // application's clock. pg-boss's own pollers (on here) must not pick it up.
    const clock = frozen('2020-01-01T00:00:00Z');
    let runs = 0;
    const { q, jobs } = await startedQueue(
      'behind',
      async () => {
        runs++;
      },
      { clock, jobs: { workers: true, pollingIntervalSeconds: 0.5 } },
    );
    await jobs.enqueue(database.db, q, {}, { runAt: new Date(clock.now().getTime() + 3_600_000) });
    await new Promise((r) => setTimeout(r, 1500));
    expect(runs).toBe(0);
    clock.advance(3_600_000);
    await jobs.runDue();
    expect(runs).toBe(1);
  });

  it('runs what a handler enqueues in the same runDue', async () => {
    const first = queueName('first');
    const second = queueName('second');
    const order: string[] = [];
    const jobs = jobsFor(frozen());
    jobs.register<{ id: string }>(first, async ({ id }) => {
      order.push(`first ${id}`);
      await database.db.transaction().execute((trx) => jobs.enqueue(trx, second, { id }));
    });
    jobs.register<{ id: string }>(second, async ({ id }) => {
      order.push(`second ${id}`);
    });
    await jobs.start();
    await jobs.enqueue(database.db, first, { id: 'a' });
    expect(await jobs.runDue()).toMatchObject({ completed: 2, failed: 0 });
    expect(order).toEqual(['first a', 'second a']);
  });

  it('retries a failing handler up to its limit, logs each failure, and runDue still ends', async () => {
    const logger = capturingLogger();
    let attempts = 0;
    const { q, jobs } = await startedQueue(
      'fails',
      async () => {
        attempts++;
        throw new Error('carrier unavailable');
      },
      { jobs: { logger }, queue: { retryLimit: 2, retryDelaySeconds: 0 } },
    );
    await jobs.enqueue(database.db, q, {});
    expect(await jobs.runDue()).toEqual({ released: 0, completed: 0, failed: 3 });
    expect(attempts).toBe(3);
    expect(logger.errors).toEqual(['job failed', 'job failed', 'job failed']);
    const { rows } = await sql<{ state: string }>`select state::text from pgboss.job where name = ${q}`.execute(database.db);
    expect(rows).toEqual([{ state: 'failed' }]);
  });

  it('fails a job for good, without retries, when its handler throws a PermanentJobError', async () => {
    const logger = capturingLogger();
    let attempts = 0;
    const { q, jobs } = await startedQueue(
      'refused',
      async () => {
        attempts++;
        throw new PermanentJobError('message trade-in:tin_1:accepted refused');
      },
      { jobs: { logger }, queue: { retryLimit: 5, retryDelaySeconds: 0 } },
    );
    await jobs.enqueue(database.db, q, {});
    expect(await jobs.runDue()).toEqual({ released: 0, completed: 0, failed: 1 });
    expect(await jobs.runDue()).toEqual({ released: 0, completed: 0, failed: 0 });
    expect(attempts).toBe(1);
    expect(logger.errors).toEqual(['job failed permanently; not retried']);
    const { rows } = await sql<{ state: string; output: unknown }>`select state::text, output from pgboss.job where name = ${q}`.execute(database.db);
    expect(rows).toEqual([{ state: 'failed', output: { message: 'message trade-in:tin_1:accepted refused', permanent: true } }]);
  });

  it('keeps one job per singletonKey', async () => {
    let runs = 0;
    const { q, jobs } = await startedQueue('single', async () => {
      runs++;
    });
    const a = await jobs.enqueue(database.db, q, { v: 1 }, { singletonKey: 'expire:tin_1' });
    const b = await jobs.enqueue(database.db, q, { v: 2 }, { singletonKey: 'expire:tin_1' });
    const c = await jobs.enqueue(database.db, q, { v: 3 }, { singletonKey: 'expire:tin_2' });
    expect(a).not.toBeNull();
    expect(b).toBeNull();
    expect(c).not.toBeNull();
    await jobs.runDue();
    expect(runs).toBe(2);
    // Still refused once the first has completed.
    expect(await jobs.enqueue(database.db, q, { v: 4 }, { singletonKey: 'expire:tin_1' })).toBeNull();
  });

  it('keeps an effect exactly-once when pg-boss re-runs a job whose effect committed', async () => {
    const effects: string[] = [];
    let attempts = 0;
    const { q, jobs } = await startedQueue<{ tradeInId: string }>(
      'once',
      async ({ tradeInId }, ctx) => {
        attempts++;
        await database.db.transaction().execute(async (trx) => {
          if (await onceKey(trx, `expire:${tradeInId}`)) effects.push(`expired ${tradeInId} (attempt ${ctx.retryCount})`);
        });
        // As if the process died after the commit but before pg-boss recorded the completion.
        if (ctx.retryCount === 0) throw new Error('crash after commit');
      },
      { queue: { retryLimit: 3, retryDelaySeconds: 0 } },
    );
    await jobs.enqueue(database.db, q, { tradeInId: 'tin_9' });
    expect(await jobs.runDue()).toMatchObject({ completed: 1, failed: 1 });
    expect(attempts).toBe(2);
    expect(effects).toEqual(['expired tin_9 (attempt 0)']);
  });

  it('refuses an unregistered queue before touching the database (no PGlite deadlock in a transaction)', async () => {
    const { jobs } = await startedQueue('known', async () => undefined);
    await expect(database.db.transaction().execute((trx) => jobs.enqueue(trx, 'nobody.registered', {}))).rejects.toThrow(
      /not registered/,
    );
  });

  it('stops cleanly when stop() arrives while start() is still running', async () => {
    const jobs = jobsFor(frozen(), { workers: true });
    jobs.register(queueName('racing'), async () => undefined);
    const starting = jobs.start();
    await jobs.stop();
    await starting;
    await expect(jobs.runDue()).rejects.toThrow(/state: stopped/);
  });

  it('refuses enqueue before start and register after it', async () => {
    const jobs = jobsFor(frozen());
    jobs.register(queueName('early'), async () => undefined);
    await expect(jobs.enqueue(database.db, 'x', {})).rejects.toThrow(/start\(\) first/);
    await jobs.start();
    expect(() => jobs.register(queueName('late'), async () => undefined)).toThrow(/before start/);
  });
});

describe('restart', () => {
  it('fires a deadline that passed while the process was down', async () => {
    const past = queueName('past');
    const soon = queueName('soon');
    const register = (jobs: Jobs, runs: string[]) => {
      jobs.register(past, async () => void runs.push('past'));
      jobs.register(soon, async () => void runs.push('soon'));
    };

    // The first process only enqueues, then goes down before either deadline is handled.
    const before: string[] = [];
    const first = jobsFor(realClock, { role: 'api' });
    register(first, before);
    await first.start();
    await first.enqueue(database.db, past, {}, { runAt: new Date(Date.now() - 60_000) });
    await first.enqueue(database.db, soon, {}, { runAt: new Date(Date.now() + 300) });
    await first.stop();
    await new Promise((r) => setTimeout(r, 600));

    // The next process polls (no runDue): pg-boss itself finds both due.
    const after: string[] = [];
    const second = jobsFor(realClock, { workers: true, pollingIntervalSeconds: 0.5 });
    register(second, after);
    await second.start();
    await waitFor(() => after.length === 2, 10_000);
    expect(after.sort()).toEqual(['past', 'soon']);
    expect(before).toEqual([]);
  });
});

describe('onceKey', () => {
  it('claims a key once; a rolled-back claim is given back', async () => {
    const key = `k:${queueName('once')}`;
    await expect(
      database.db.transaction().execute(async (trx) => {
        expect(await onceKey(trx, key)).toBe(true);
        throw new Error('effect failed');
      }),
    ).rejects.toThrow('effect failed');
    expect(await effectDone(database.db, key)).toBe(false);

    expect(await database.db.transaction().execute((trx) => onceKey(trx, key, new Date('2026-11-26T15:00:00Z')))).toBe(true);
    expect(await database.db.transaction().execute((trx) => onceKey(trx, key))).toBe(false);
    expect(await effectDone(database.db, key)).toBe(true);
  });
});

describe('schema and shutdown', () => {
  it('installs the schema ahead (for a test template), then leaves nothing running after stop()', async () => {
    const own = await createTestDatabase();
    try {
      await installJobsSchema(own);
      await installJobsSchema(own); // idempotent
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from pgboss.version`.execute(own.db);
      expect(rows[0]!.n).toBe(1);
      const { rows: instances } = await sql<{ n: number }>`select count(*)::int as n from pgboss.instance`.execute(own.db);
      expect(instances[0]!.n).toBe(0);

      const jobs = createJobs(own, { clock: realClock, role: 'all', pollingIntervalSeconds: 0.5, logger: capturingLogger() });
      const ran: string[] = [];
      jobs.register<{ n: string }>('shutdown.q', async ({ n }) => {
        ran.push(n);
      });
      await jobs.start();
      await jobs.enqueue(own.db, 'shutdown.q', { n: 'first' });
      await waitFor(() => ran.length === 1, 10_000);
      await jobs.enqueue(own.db, 'shutdown.q', { n: 'second' });
      await waitFor(() => ran.length === 2, 10_000);
      await jobs.stop();
      await jobs.stop(); // idempotent
      // Each job ran once, in order, and both are settled: nothing is left for a later process.
      expect(ran).toEqual(['first', 'second']);
      const { rows: states } = await sql<{ state: string }>`select state::text from pgboss.job where name = 'shutdown.q'`.execute(own.db);
      expect(states).toEqual([{ state: 'completed' }, { state: 'completed' }]);
    } finally {
      // Closing the database after stop() must not hang on a worker still polling: a hang fails
      // the test by its timeout (how long it takes is a benchmark's question, not this test's).
      await own.close();
    }
  });
});
