import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/db.ts';
import { loadConfig } from './config.ts';
import { buildApp } from './app.ts';
import { AdjustableClock, realClock } from './platform/clock.ts';
import { generateMasterKey } from './platform/crypto.ts';
import type { Database } from './platform/db/database.ts';
import { createRuntime } from './runtime.ts';
import { TEST_AUTH_SECRET, testKeyring } from '../../test/app.ts';
import type { FastifyInstance } from 'fastify';

let database: Database;
let app: FastifyInstance;
const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'web-'));

beforeAll(async () => {
  fs.mkdirSync(path.join(webRoot, 'assets'));
  fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>shell</title>');
  fs.writeFileSync(path.join(webRoot, 'assets', 'app-1.js'), 'console.log(1)');
  database = await createTestDatabase();
  const config = loadConfig({ TRADELOOP_MODE: 'production', DATA_DIR: webRoot, BETTER_AUTH_SECRET: TEST_AUTH_SECRET, TRADELOOP_MASTER_KEY: generateMasterKey(), CARRIER_WEBHOOK_SECRET: randomBytes(32).toString('hex'), ACH_ODFI_ROUTING: '011000015', ACH_ODFI_NAME: 'FIRST TEST BANK', ACH_COMPANY_NAME: 'TRADELOOP INC', ACH_COMPANY_ID: '1234567890' }, []);
  const clock = new AdjustableClock();
  const keyring = testKeyring();
  const runtime = createRuntime({ config, database, productClock: clock, securityClock: realClock, workers: false, keyring, authSecret: TEST_AUTH_SECRET });
  app = await buildApp({ config, database, productClock: clock, securityClock: realClock, runtime, secrets: { authSecret: TEST_AUTH_SECRET, keyring } }, { webRoot });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('the web shell and the API edges', () => {
  it('serves client-side routes with the shell, assets as files, and a file built after start', async () => {
    expect((await app.inject('/')).body).toContain('<title>shell</title>');
    expect((await app.inject('/trade-ins/tin_x')).body).toContain('<title>shell</title>');
    const asset = await app.inject('/assets/app-1.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    fs.writeFileSync(path.join(webRoot, 'assets', 'app-2.js'), 'console.log(2)');
    expect((await app.inject('/assets/app-2.js')).statusCode).toBe(200);
  });

  it('a missing asset or API route is a 404, never the shell', async () => {
    expect((await app.inject('/assets/gone.js')).statusCode).toBe(404);
    expect((await app.inject('/api/nothing-here')).json().error.code).toBe('not_found');
  });

  it('production mode has no demo tools', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/dev/clock', payload: { advance: 'P3D' } })).statusCode).toBe(404);
    expect((await app.inject('/api/dev/mailbox')).statusCode).toBe(404);
  });

  it('publishes the OpenAPI document', async () => {
    const doc = (await app.inject('/api/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/assessments', '/api/offers/{id}/accept', '/api/webhooks/carrier']));
  });
});
