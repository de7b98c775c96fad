import { createHash } from 'node:crypto';
import { CompiledQuery } from 'kysely';
import { PgBoss, type ConstructorOptions, type Db as BossDb, type Job, type JobResult, type SendOptions } from 'pg-boss';
import type { Role } from '../../config.ts';
import type { Clock } from '../clock.ts';
import type { Database, Executor } from '../db/database.ts';

/** Where pg-boss keeps its tables; it installs and migrates them itself on start(). */
export const JOBS_SCHEMA = 'pgboss';

export interface JobContext {
  readonly jobId: string;
  readonly queue: string;
  /** 0 on the first attempt; pg-boss re-runs a job that failed, expired or was orphaned by a crash. */
  readonly retryCount: number;
  /** When the job fell due by the application clock; null for "as soon as possible". */
  readonly runAt: Date | null;
  /** Aborted when pg-boss gives up on the attempt (expiry, shutdown). */
  readonly signal: AbortSignal;
}

/**
 * Runs one job. It must be idempotent: open its own transaction and claim each side effect
 * with `onceKey` inside it. Throwing fails the attempt; pg-boss retries it per the queue's
 * settings.
 */
export type JobHandler<T> = (data: T, ctx: JobContext) => Promise<void>;

/**
 * Thrown by a handler for a failure that no retry can cure (the job's input itself is refused,
 * e.g. an e-mail the protected-data guard blocks): the job fails once, for good, instead of
 * failing again on every retry. Its message is logged and kept as the job's output, so it must
 * not carry anything confidential.
 */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

export interface QueueSettings {
  /** Attempts after the first. Default 5. */
  retryLimit?: number;
  /** Whole seconds before a retry, doubled each time (with jitter); 0 retries at once. Default 10. */
  retryDelaySeconds?: number;
  /**
   * Seconds an attempt may run before pg-boss presumes its worker dead (a `kill -9`, a lost
   * machine) and retries it. Default 60; see QUEUE_PROFILES for what each kind of job uses.
   */
  expireInSeconds?: number;
  /** Jobs fetched per poll. Default 5. */
  batchSize?: number;
  /** Jobs of this queue one process runs at once. Default 1. */
  concurrency?: number;
}

export interface EnqueueOptions {
  /**
   * When the job falls due by the application clock. Absent or not in the future: as soon as
   * possible.
   */
  runAt?: Date;
  /**
   * At most one job per key and queue: a second enqueue with the same key returns null while
   * pg-boss still holds the first (in any state; completed jobs are kept 7 days). Use it for
   * "this deadline of this trade-in", not as the exactly-once guard (that is `onceKey`).
   */
  singletonKey?: string;
}

export interface RunDueResult {
  /** Jobs whose application-clock due time had come but the database's had not. */
  released: number;
  completed: number;
  failed: number;
}

/** pino-shaped, so Fastify's `app.log` fits. */
export interface JobsLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface JobsOptions {
  clock: Clock;
  role: Role;
  logger?: JobsLogger;
  /**
   * Whether this process polls its queues. Default: every role but 'api'. Tests turn it off
   * and drive jobs with runDue(), so nothing runs behind their back.
   */
  workers?: boolean;
  /** Seconds between polls of each queue. Default 1. */
  pollingIntervalSeconds?: number;
  /** How long stop() waits for running handlers before abandoning them to pg-boss's expiry. Default 10 s. */
  stopTimeoutMs?: number;
  /**
   * Seconds between the supervisor's sweeps, which fail (and so retry) attempts past their
   * expiry. A dead worker's job is retried after its queue's expiry plus up to one sweep.
   * Default 10 (pg-boss's own is 60).
   */
  superviseIntervalSeconds?: number;
}

export interface Jobs {
  /** Declares a queue and its handler. Every queue must be registered before start(). */
  register<T>(name: string, handler: JobHandler<T>, settings?: QueueSettings): void;
  /** Installs or upgrades pg-boss's schema, creates the queues and, per role, starts polling. */
  start(): Promise<void>;
  /** Stops polling and waits for running handlers; the database can be closed afterwards. */
  stop(): Promise<void>;
  /**
   * Adds a job through `executor`: pass the transaction of the change that causes the job and a
   * rollback takes the job with it. `data` is stored as JSON: pass ids, not objects or Dates.
   * Returns the job id, or null when `singletonKey` already has one.
   */
  enqueue<T>(executor: Executor, name: string, data: T, opts?: EnqueueOptions): Promise<string | null>;
  /**
   * Runs, in this process and until none is left, every job that is due by the application
   * clock, including jobs those handlers enqueue. A demo or test clock can run ahead of the
   * database's; this is how its deadlines fire (after `POST /api/dev/clock`, in tests).
   */
  runDue(): Promise<RunDueResult>;
}

interface Queue {
  name: string;
  handler: JobHandler<unknown>;
  settings: Required<QueueSettings>;
}

/**
 * What is stored in pg-boss's `data`: the caller's payload and its due time by the application
 * clock, which runDue() needs when that clock has run ahead of the database's.
 */
interface Envelope {
  payload: unknown;
  runAt: string | null;
}

const DEFAULT_SETTINGS: Required<QueueSettings> = {
  retryLimit: 5,
  retryDelaySeconds: 10,
  // pg-boss's own default (300 s, plus a 60 s sweep) left an e-mail whose worker was killed
  // waiting about 5.5 minutes. Every job here is short; a long one must say so.
  expireInSeconds: 60,
  batchSize: 5,
  concurrency: 1,
};

const DEFAULT_SUPERVISE_INTERVAL_SECONDS = 10;

// A handler that keeps enqueueing immediate work would otherwise keep runDue() going forever.
const RUN_DUE_MAX_JOBS = 10_000;
// How long runDue() waits for jobs another worker took to settle; a hung one is pg-boss's to expire.
const RUN_DUE_WAIT_MS = 30_000;

const consoleLogger: JobsLogger = {
  warn: (obj, msg) => console.warn(`[jobs] ${msg}`, obj),
  error: (obj, msg) => console.error(`[jobs] ${msg}`, obj),
};

/**
 * Background jobs and deadlines on pg-boss, through the database's one pool.
 *
 * Time: a job's due time is taken from the injected Clock but stored as a delay relative to the
 * database's now(), so pg-boss never runs a job before the application clock says it is due,
 * even when a test clock is frozen behind real time. A clock that runs ahead (demo mode) fires
 * its deadlines through runDue().
 */
export function createJobs(database: Database, opts: JobsOptions): Jobs {
  const { clock, role } = opts;
  const logger = opts.logger ?? consoleLogger;
  const workers = opts.workers ?? role !== 'api';
  const pollingIntervalSeconds = opts.pollingIntervalSeconds ?? 1;
  const queues = new Map<string, Queue>();
  const inFlight = new Set<Promise<unknown>>();
  let state: 'new' | 'starting' | 'started' | 'stopping' | 'stopped' = 'new';
  let runDueChain: Promise<unknown> = Promise.resolve();
  let starting: Promise<void> | undefined;

  const pool = database.pool;
  const boss = new PgBoss({
    ...bossOptions(database),
    // Only processes that run jobs expire stuck ones and clean up; an API process only sends.
    supervise: role !== 'api',
    // Expiry is checked on each sweep, and only for queues not swept within the monitor interval.
    superviseIntervalSeconds: opts.superviseIntervalSeconds ?? DEFAULT_SUPERVISE_INTERVAL_SECONDS,
    monitorIntervalSeconds: opts.superviseIntervalSeconds ?? DEFAULT_SUPERVISE_INTERVAL_SECONDS,
    instanceName: `tradeloop-${role}`,
  });
  // An EventEmitter 'error' with no listener would crash the process.
  boss.on('error', (err) => logger.error({ err }, 'pg-boss error'));
  boss.on('warning', (warning) => logger.warn({ warning }, `pg-boss warning: ${warning.message}`));

  function assertStarted(what: string): void {
    if (state !== 'started') throw new Error(`jobs: ${what} needs start() first (state: ${state})`);
  }

  async function runOne(queue: Queue, job: Job<Envelope>): Promise<JobResult> {
    const envelope = job.data;
    if (!envelope || typeof envelope !== 'object' || !('payload' in envelope)) {
      logger.error({ queue: queue.name, jobId: job.id }, 'job without an envelope: not enqueued through jobs.enqueue');
      return { id: job.id, status: 'failed', output: { message: 'job data is not a jobs envelope' } };
    }
    const ctx: JobContext = {
      jobId: job.id,
      queue: queue.name,
      retryCount: job.retryCount,
      runAt: envelope.runAt ? new Date(envelope.runAt) : null,
      signal: job.signal,
    };
    try {
      await queue.handler(envelope.payload, ctx);
      return { id: job.id, status: 'completed' };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof PermanentJobError) {
        // pg-boss retries while retry_count < retry_limit: closing the gap makes this failure its last.
        await pool.query(`update ${JOBS_SCHEMA}.job set retry_limit = retry_count where name = $1 and id = $2`, [queue.name, job.id]);
        logger.error({ queue: queue.name, jobId: job.id, retryCount: job.retryCount, reason: message }, 'job failed permanently; not retried');
        return { id: job.id, status: 'failed', output: { message, permanent: true } };
      }
      logger.error({ err, queue: queue.name, jobId: job.id, retryCount: job.retryCount }, 'job failed');
      return { id: job.id, status: 'failed', output: { message } };
    }
  }

  // One job at a time within a batch: on PGlite there is one connection anyway, and on a server
  // `concurrency` is the knob for parallelism.
  function runBatch(queue: Queue, jobs: Job<Envelope>[]): Promise<JobResult[]> {
    const run = (async () => {
      const results: JobResult[] = [];
      for (const job of jobs) results.push(await runOne(queue, job));
      return results;
    })();
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run));
    return run;
  }

  async function release(names: string[]): Promise<number> {
    // start_after is on the database's clock; the envelope's runAt is on the application's.
    // Pull forward only jobs that have never run: a retry keeps pg-boss's own backoff.
    // clock_timestamp(), not now(): when two processes release at once, the second re-checks a
    // row the first just released against its own now(), which can be the earlier of the two,
    // and would release (and count) it again.
    const result = await pool.query(
      `with due as (
         select name, id from ${JOBS_SCHEMA}.job
          where name = any($1::text[]) and state = 'created' and start_after > clock_timestamp()
            and (data->>'runAt')::timestamptz <= $2::timestamptz
          for update skip locked
       )
       update ${JOBS_SCHEMA}.job j set start_after = now() from due where j.name = due.name and j.id = due.id`,
      [names, clock.now().toISOString()],
    );
    return result.rowCount ?? 0;
  }

  /** Jobs of these queues that some worker (here or in another process) took since `since`. */
  async function activeSince(names: string[], since: Date): Promise<number> {
    const { rows } = await pool.query<{ n: number }>(
      `select count(*)::int as n from ${JOBS_SCHEMA}.job
        where name = any($1::text[]) and state = 'active' and started_on >= $2`,
      [names, since],
    );
    return rows[0]?.n ?? 0;
  }

  async function drainDue(): Promise<RunDueResult> {
    const result: RunDueResult = { released: 0, completed: 0, failed: 0 };
    const names = [...queues.keys()];
    const { rows } = await pool.query<{ now: Date }>('select now() as now');
    const since = rows[0]!.now;
    const waitUntil = Date.now() + RUN_DUE_WAIT_MS;
    for (;;) {
      result.released += await release(names);
      let fetched = 0;
      for (const queue of queues.values()) {
        const jobs = await boss.fetch<Envelope>(queue.name, { batchSize: queue.settings.batchSize });
        if (jobs.length === 0) continue;
        fetched += jobs.length;
        const outcomes = await runBatch(queue, jobs);
        for (const [i, outcome] of outcomes.entries()) {
          // The attempt (id + retryCount), so a job pg-boss already expired and handed to
          // someone else is not settled on their behalf.
          const attempt = { id: jobs[i]!.id, retryCount: jobs[i]!.retryCount };
          if (outcome.status === 'completed') {
            await boss.complete(queue.name, attempt);
            result.completed++;
          } else {
            await boss.fail(queue.name, attempt, outcome.output ?? null);
            result.failed++;
          }
        }
      }
      if (result.completed + result.failed > RUN_DUE_MAX_JOBS) {
        throw new Error(`jobs: runDue ran more than ${RUN_DUE_MAX_JOBS} jobs; a handler keeps enqueueing work`);
      }
      if (fetched > 0) continue;
      // A poller (this process's or another's) may have taken what fell due between the release
      // and the fetch above. That is part of "what fell due" too: wait for it to settle, then
      // look again, since its handler may have enqueued more.
      if (inFlight.size > 0) {
        await Promise.allSettled([...inFlight]);
        continue;
      }
      if ((await activeSince(names, since)) > 0) {
        if (Date.now() < waitUntil) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          continue;
        }
        logger.warn({ queues: names }, 'runDue: jobs taken by another worker are still running; not waiting longer');
      }
      return result;
    }
  }

  async function startBoss(): Promise<void> {
    try {
      await boss.start();
      for (const queue of queues.values()) {
        const options = {
          retryLimit: queue.settings.retryLimit,
          retryDelay: queue.settings.retryDelaySeconds,
          retryBackoff: queue.settings.retryDelaySeconds > 0,
          expireInSeconds: queue.settings.expireInSeconds,
        };
        // createQueue leaves an existing queue as it is; updateQueue carries changed settings over.
        await boss.createQueue(queue.name, options);
        await boss.updateQueue(queue.name, options);
      }
      if (workers) {
        for (const queue of queues.values()) {
          await boss.work<Envelope, unknown, { batchSize: number; pollingIntervalSeconds: number; localConcurrency: number; perJobResults: true }>(
            queue.name,
            {
              batchSize: queue.settings.batchSize,
              pollingIntervalSeconds,
              localConcurrency: queue.settings.concurrency,
              perJobResults: true,
            },
            (jobs) => runBatch(queue, jobs),
          );
        }
      }
      state = 'started';
    } catch (err) {
      state = 'stopped';
      await boss.stop({ graceful: false, close: false }).catch(() => undefined);
      throw err;
    }
  }

  return {
    register(name, handler, settings = {}) {
      if (state !== 'new') throw new Error(`jobs: register ${name} before start()`);
      if (queues.has(name)) throw new Error(`jobs: queue ${name} is registered twice`);
      if (!/^[\w.-]+$/.test(name)) throw new Error(`jobs: queue name ${JSON.stringify(name)} may only use letters, digits, _ . -`);
      queues.set(name, { name, handler: handler as JobHandler<unknown>, settings: { ...DEFAULT_SETTINGS, ...settings } });
    },

    start() {
      if (state !== 'new') {
        return Promise.reject(new Error(`jobs: start() called twice (state: ${state}); create a new instance to restart`));
      }
      state = 'starting';
      starting = startBoss();
      return starting;
    },

    async stop() {
      if (state === 'new') {
        state = 'stopped';
        return;
      }
      // A shutdown signal can arrive while start() is still installing the schema.
      if (state === 'starting') await starting?.catch(() => undefined);
      if (state !== 'started') return;
      state = 'stopping';
      await runDueChain.catch(() => undefined);
      // close: false, the pool belongs to Database; graceful waits for running handlers.
      const timeoutMs = opts.stopTimeoutMs ?? 10_000;
      await boss.stop({ graceful: true, close: false, timeout: timeoutMs });
      // runDue()'s own batches, which pg-boss does not know about. One that outlives the timeout
      // is left to pg-boss's expiry, like a crashed process's.
      await waitAtMost([...inFlight], timeoutMs);
      state = 'stopped';
    },

    async enqueue(executor, name, data, enqueueOpts = {}) {
      assertStarted(`enqueue(${name})`);
      // Checked here, not left to pg-boss: for an unknown queue it would look the queue up
      // through the pool, which on PGlite waits forever behind the caller's open transaction.
      if (!queues.has(name)) throw new Error(`jobs: queue ${name} is not registered`);
      const { runAt, singletonKey } = enqueueOpts;
      if (runAt && Number.isNaN(runAt.getTime())) throw new RangeError('jobs: runAt is an invalid Date');
      const delayMs = runAt ? runAt.getTime() - clock.now().getTime() : 0;
      const envelope: Envelope = { payload: data, runAt: runAt ? runAt.toISOString() : null };
      const sendOptions: SendOptions = { db: executorDb(executor) };
      // A number is seconds after the database's now(): the delay survives a clock that is not
      // the database's (frozen in a test, advanced in a demo), and pg-boss keeps the due time
      // across restarts, so a deadline that passed while the process was down fires on start.
      if (delayMs > 0) sendOptions.startAfter = delayMs / 1000;
      if (singletonKey) {
        sendOptions.singletonKey = singletonKey;
        // pg-boss inserts with ON CONFLICT DO NOTHING; an id derived from the key makes a
        // standard queue refuse the second job without a stricter queue policy.
        sendOptions.id = uuidFromKey(`${name}\u0000${singletonKey}`);
      }
      return boss.send(name, envelope as unknown as object, sendOptions);
    },

    async runDue() {
      assertStarted('runDue()');
      const run = runDueChain.catch(() => undefined).then(drainDue);
      runDueChain = run;
      return run;
    },
  };
}

function bossOptions(database: Database): ConstructorOptions {
  const pool = database.pool;
  return {
    // Every query through the shared pool: PGlite is one connection, and a second pool on it
    // breaks the wire protocol.
    db: { executeSql: (text, values) => pool.query(text, values as unknown[] | undefined) },
    backend: database.kind === 'pglite' ? 'pglite' : 'postgres',
    schema: JOBS_SCHEMA,
    // No cron schedules here: deadlines are jobs with a start time. Saves a timer and a query.
    schedule: false,
    migrate: true,
  };
}

/**
 * Installs or upgrades pg-boss's schema, then lets go. start() does this too; a test template
 * calls it once so each test database starts with the schema (installing it takes 1–2 s on
 * PGlite, per database).
 */
export async function installJobsSchema(database: Database): Promise<void> {
  const boss = new PgBoss({ ...bossOptions(database), supervise: false, registerInstance: false });
  let failure: Error | undefined;
  boss.on('error', (err) => {
    failure ??= err;
  });
  await boss.start();
  await boss.stop({ graceful: false, close: false });
  if (failure) throw failure;
}

/** pg-boss's database interface over a Kysely executor, so a send joins the caller's transaction. */
function executorDb(executor: Executor): BossDb {
  return {
    async executeSql(text, values) {
      const result = await executor.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: [...result.rows] };
    },
  };
}

/** A stable UUID (version 8, "custom") naming a key, for pg-boss's uuid job id. */
function uuidFromKey(key: string): string {
  const b = createHash('sha256').update(key).digest().subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x80;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

async function waitAtMost(promises: Promise<unknown>[], ms: number): Promise<void> {
  if (promises.length === 0) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([Promise.allSettled(promises), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
