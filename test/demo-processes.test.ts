import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../src/server/platform/db/database.ts';
import { VALID_LICENCE, VALID_PROFILE } from './accounts.ts';
import { createTestDatabase } from './db.ts';
import { freePort, startServer, waitForHealth, type ServerProcess } from './server-process.ts';

/**
 * Demo mode with two API processes on one PostgreSQL server, as behind a load balancer: each
 * has its own DATA_DIR and nothing set but the database, yet they share the generated secrets
 * (a session and protected details work on both) and the demo clock (a move through one is seen
 * by the other). Real processes (`--role api`), started at the same moment.
 */
const PUBLIC_URL = 'http://tradeloop.test';
const DAY = 86_400_000;

describe.skipIf(!inject('serverTemplate'))('demo mode, two API processes on one PostgreSQL', () => {
  let database: Database;
  const servers: ServerProcess[] = [];
  const dirs: string[] = [];
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    database = await createTestDatabase({ poolSize: 2 });
    const url = (database.pool as unknown as { options: { connectionString: string } }).options.connectionString;
    for (let i = 0; i < 2; i++) {
      const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tradeloop-demo-proc-'));
      dirs.push(dataDir);
      // One public address for both, as a load balancer in front of them would have.
      servers.push(startServer({ PORT: String(await freePort()), DATA_DIR: dataDir, DATABASE_URL: url, PUBLIC_URL }, ['--role', 'api']));
    }
    [a, b] = servers as [ServerProcess, ServerProcess];
    await Promise.all(servers.map((s) => waitForHealth(s, 150_000)));
  }, 180_000);

  afterAll(async () => {
    for (const s of servers) {
      if (s.child.exitCode === null) {
        s.child.kill('SIGTERM');
        await s.exited;
      }
    }
    await database?.close();
    for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
  });

  const call = (server: ServerProcess, url: string, opts: { method?: string; cookie?: string; body?: unknown } = {}) =>
    fetch(`${server.url}${url}`, {
      method: opts.method ?? 'GET',
      headers: {
        origin: PUBLIC_URL,
        ...(opts.cookie ? { cookie: opts.cookie } : {}),
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });

  async function signIn(server: ServerProcess, email: string, password: string): Promise<string> {
    const res = await call(server, '/api/auth/sign-in/email', { method: 'POST', body: { email, password } });
    expect(res.status, await res.clone().text()).toBe(200);
    return res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  }

  it('both generated their secrets into the database, none into their DATA_DIRs', async () => {
    const rows = await database.db.selectFrom('demo_secrets').select('name').orderBy('name').execute();
    expect(rows.map((r) => r.name)).toEqual(['auth-secret', 'master-key']);
    for (const d of dirs) await expect(fs.access(path.join(d, 'secrets'))).rejects.toThrow();
    // The demo seed ran once, not once per process.
    const sellers = await database.db.selectFrom('user').select('id').where('email', '=', 'seller@example.com').execute();
    expect(sellers).toHaveLength(1);
  });

  it('a session made on one process works on the other', async () => {
    const cookie = await signIn(a, 'seller@example.com', 'tradeloop-demo');
    const onB = await call(b, '/api/me', { cookie });
    expect(onB.status, await onB.clone().text()).toBe(200);
    expect((await onB.json()).user.email).toBe('seller@example.com');
    const onA = await call(a, '/api/me', { cookie });
    expect(onA.status).toBe(200);
  });

  it('protected details written through one process are read through the other (and back)', async () => {
    const email = `two-proc-${Date.now()}@example.com`;
    const password = 'violet-harbour-tangent-42';
    const up = await call(a, '/api/auth/sign-up/email', { method: 'POST', body: { email, password, name: 'Ada Lovelace' } });
    expect(up.status, await up.clone().text()).toBe(200);
    const cookie = up.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');

    expect((await call(a, '/api/me/profile', { method: 'PUT', cookie, body: VALID_PROFILE })).status).toBe(200);
    expect((await call(b, '/api/me/identity', { method: 'PUT', cookie, body: VALID_LICENCE })).status).toBe(200);

    for (const server of [a, b]) {
      const me = await call(server, '/api/me', { cookie });
      expect(me.status, await me.clone().text()).toBe(200);
      const body = await me.json();
      // Both were decrypted to be masked: the date of birth written through A, the licence through B.
      // 1990-12-10, masked but for the day.
      expect(body.profile.dateOfBirth).toBe(`••••-••-${VALID_PROFILE.dateOfBirth.slice(8)}`);
      expect(body.identity).toMatchObject({ kind: 'drivers_license', state: VALID_LICENCE.state });
      expect(body.identity.number).toMatch(/^•+ 4321$/);
    }
  });

  it('a demo-clock move through one process is seen by the other at once', async () => {
    const cookie = await signIn(b, 'seller@example.com', 'tradeloop-demo');
    const offset = async (server: ServerProcess) => {
      const res = await call(server, '/api/dev/clock', { cookie });
      expect(res.status, await res.clone().text()).toBe(200);
      return ((await res.json()) as { offsetMs: number }).offsetMs;
    };
    const start = await offset(b);
    expect(await offset(a)).toBe(start);

    let expected = start;
    for (const [mover, watcher, step] of [
      [a, b, 7],
      [b, a, 7],
      [a, b, 21],
      [a, b, 1],
      [b, a, 1],
    ] as const) {
      const moved = await call(mover, '/api/dev/clock', { method: 'POST', cookie, body: { advance: `P${step}D` } });
      expect(moved.status, await moved.clone().text()).toBe(200);
      expected += step * DAY;
      // Exactly once: the mover's own notification must not move it a second time.
      expect(await offset(mover)).toBe(expected);
      // The watcher learns of the move from the database's notification, sent when the move
      // commits, before the mover even answers (measured: the first request after the answer sees
      // it nearly always, the slowest within tens of ms on a loaded machine); never a restart.
      await expect.poll(() => offset(watcher), { timeout: 2_000, interval: 20 }).toBe(expected);
    }
    expect((await offset(a)) - start).toBe(37 * DAY);
    // Still signed in after 37 days of demo time, on both.
    expect((await call(a, '/api/me', { cookie })).status).toBe(200);
    expect((await call(b, '/api/me', { cookie })).status).toBe(200);
  });
});
