import pg from 'pg';
import type { AdjustableClock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { DEMO_CLOCK_CHANNEL, loadDemoClockOffset } from './demo-clock.repository.ts';

/** Also re-read now and then, in case a notification was lost with a connection. */
const RESYNC_MS = 10_000;
const RECONNECT_MS = 1_000;

export interface DemoClockFollower {
  stop(): Promise<void>;
}

export interface FollowOptions {
  /** The server database (a dedicated connection LISTENs; the pool is left to requests). */
  url: string;
  db: Db;
  clock: AdjustableClock;
  log: (level: 'info' | 'warn', message: string) => void;
}

/**
 * Demo mode with several processes on one PostgreSQL server: keeps this process's product clock
 * at the offset the database holds, so a move made through any process reaches every other at
 * once. The move NOTIFYs in the transaction that stores it; this LISTENs on its own connection
 * and catches up when the notification arrives (about a millisecond after the commit). After
 * every (re)connection, and every RESYNC_MS, it re-reads the stored offset, so a notification
 * lost with a connection costs at most that long.
 *
 * Cost on the hot path (a quote reads the product clock): none. `clock.now()` stays a read of
 * memory; the database is asked only when the clock moves and once per RESYNC_MS per process.
 * The embedded database has one process, which moves its own clock, so it needs none of this.
 */
export async function followDemoClock(opts: FollowOptions): Promise<DemoClockFollower> {
  const { clock, db, log } = opts;
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const resync = async () => clock.catchUp(await loadDemoClockOffset(db));

  async function connect(): Promise<void> {
    const c = new pg.Client({ connectionString: opts.url });
    c.on('notification', (msg) => {
      if (msg.channel === DEMO_CLOCK_CHANNEL && msg.payload) clock.catchUp(Number(msg.payload));
    });
    // Only the connection in use matters: one replaced or stopped may still report its end.
    const lost = (why: string) => {
      if (client !== c) return;
      client = undefined;
      log('warn', `demo clock: lost the notification connection (${why}); reconnecting`);
      void c.end().catch(() => undefined);
      scheduleReconnect();
    };
    c.on('error', (err) => lost(err.message));
    c.on('end', () => lost('closed by the server'));
    await c.connect();
    await c.query(`listen ${DEMO_CLOCK_CHANNEL}`);
    client = c;
    // Whatever moved while nobody listened.
    await resync();
  }

  function scheduleReconnect(): void {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      connect().catch((err: Error) => {
        log('warn', `demo clock: could not listen for moves (${err.message}); retrying`);
        scheduleReconnect();
      });
    }, RECONNECT_MS);
    retry.unref();
  }

  await connect();
  const poll = setInterval(() => {
    resync().catch((err: Error) => log('warn', `demo clock: could not re-read the offset (${err.message})`));
  }, RESYNC_MS);
  poll.unref();

  return {
    async stop() {
      stopped = true;
      clearInterval(poll);
      if (retry) clearTimeout(retry);
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}
