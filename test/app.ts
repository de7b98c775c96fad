import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { AdjustableClock } from '../src/server/platform/clock.ts';
import type { Database } from '../src/server/platform/db/database.ts';

export interface TestApp {
  app: FastifyInstance;
  clock: AdjustableClock;
}

export async function buildTestApp(database: Database, opts: { now?: Date } = {}): Promise<TestApp> {
  const clock = new AdjustableClock({ frozenAt: opts.now ?? new Date('2026-11-26T15:00:00Z') });
  const config = loadConfig({ TRADELOOP_MODE: 'demo', DATA_DIR: '/nonexistent' }, []);
  const app = await buildApp({ config, database, clock }, { webRoot: '/nonexistent' });
  await app.ready();
  return { app, clock };
}
