import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/app.ts';
import { createTestDatabase } from '../../../../test/db.ts';
import { accept, flawlessAnswers, freshOffer, readySeller } from '../../../../test/journey.ts';
import type { Database } from '../../platform/db/database.ts';
import { JOB_ASSESSMENT_RETENTION, RETENTION_INTERVAL_MS, retentionRunKey, runAssessmentRetention } from './index.ts';

let database: Database;
// Two app instances on one database: two API processes, sharing nothing but the database.
let one: TestApp;
let two: TestApp;
// One quote a minute once the burst is spent: slow enough that a loaded machine cannot refill it mid-test.
const LIMITED = { QUOTE_RATE_PER_MINUTE: '1', QUOTE_RATE_BURST: '3', ASSESSMENT_RETENTION_DAYS: '30' };

beforeAll(async () => {
  database = await createTestDatabase();
  one = await buildTestApp(database, { env: LIMITED });
  two = await buildTestApp(database, { env: LIMITED, keyring: one.secrets.keyring });
});
afterAll(async () => {
  await one?.app.close();
  await two?.app.close();
  await database?.close();
});

async function someVariant(): Promise<string> {
  const v = await database.db
    .selectFrom('variants as v')
    .innerJoin('models as m', 'm.id', 'v.model_id')
    .select('v.id')
    .where('m.category_id', '=', 'smartphones')
    .executeTakeFirstOrThrow();
  return v.id;
}

async function quote(app: FastifyInstance, address: string, variantId: string) {
  return app.inject({ method: 'POST', url: '/api/assessments', remoteAddress: address, payload: { variantId, answers: flawlessAnswers('smartphones') } });
}

describe('quote rate limit per client address', () => {
  it('refuses the quote past the burst with 429, Retry-After and the error shape, across processes', async () => {
    const variantId = await someVariant();
    const address = '198.51.100.40';
    expect((await quote(one.app, address, variantId)).statusCode).toBe(201);
    expect((await quote(two.app, address, variantId)).statusCode).toBe(201);
    expect((await quote(one.app, address, variantId)).statusCode).toBe(201);
    const before = await database.db.selectFrom('assessments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();

    const refused = await quote(two.app, address, variantId);
    expect(refused.statusCode).toBe(429);
    const wait = Number(refused.headers['retry-after']);
    expect(wait).toBeGreaterThan(45);
    expect(wait).toBeLessThanOrEqual(60);
    expect(refused.json()).toMatchObject({ error: { code: 'rate_limited', message: expect.stringMatching(/too many quotes/i) } });
    // Nothing stored for a refused quote.
    const after = await database.db.selectFrom('assessments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);

    // Another address has its own bucket; IPv6 neighbours in one /64 share one.
    expect((await quote(one.app, '198.51.100.41', variantId)).statusCode).toBe(201);
    for (let i = 1; i <= 3; i++) expect((await quote(one.app, `2001:db8:5:6::${i}`, variantId)).statusCode).toBe(201);
    expect((await quote(two.app, '2001:db8:5:6::99', variantId)).statusCode).toBe(429);

    // The bucket refills with time (moved into the past rather than slept): two minutes, two quotes.
    await database.db
      .updateTable('quote_rate_buckets')
      .set({ tokens: 0, refilled_at: new Date(one.securityClock.now().getTime() - 125_000) })
      .where('key', '=', `address:${address}`)
      .execute();
    expect((await quote(one.app, address, variantId)).statusCode).toBe(201);
    expect((await quote(one.app, address, variantId)).statusCode).toBe(201);
    expect((await quote(one.app, address, variantId)).statusCode).toBe(429);
  });

  it('is lifted by QUOTE_RATE_PER_MINUTE=0 (the default of these tests)', async () => {
    const open = await buildTestApp(database, { keyring: one.secrets.keyring });
    try {
      const variantId = await someVariant();
      for (let i = 0; i < 10; i++) expect((await quote(open.app, '198.51.100.50', variantId)).statusCode).toBe(201);
    } finally {
      await open.app.close();
    }
  });
});

describe('assessment retention', () => {
  it('removes unaccepted assessments past the retention period in batches, keeps accepted ones and recent ones', async () => {
    const db = database.db;
    const open = await buildTestApp(database, { env: { ASSESSMENT_RETENTION_DAYS: '30' }, keyring: one.secrets.keyring });
    try {
      const seller = await readySeller(open);
      const kept = await freshOffer(open.app, db);
      expect((await accept(open.app, seller, kept.offerId)).statusCode).toBe(201);
      const unaccepted = [];
      for (let i = 0; i < 7; i++) unaccepted.push((await freshOffer(open.app, db)).offerId);
      const recent = (await freshOffer(open.app, db)).offerId;

      const now = open.clock.now();
      const old = new Date(now.getTime() - 31 * 86_400_000);
      const assessmentOf = async (offerId: string) =>
        (await db.selectFrom('offers').select('assessment_id').where('id', '=', offerId).executeTakeFirstOrThrow()).assessment_id;
      const oldAssessments = [await assessmentOf(kept.offerId), ...(await Promise.all(unaccepted.map(assessmentOf)))];
      await db.updateTable('assessments').set({ created_at: old }).where('id', 'in', oldAssessments).execute();
      await db.updateTable('offers').set({ created_at: old }).where('id', 'in', [kept.offerId, ...unaccepted]).execute();
      // Old quotes that never had an offer go too.
      await db
        .insertInto('assessments')
        .values({ id: 'asm_retention_nooffer', variant_id: kept.variantId, answers: JSON.stringify({}), grade: 'Broken', grade_reasons: JSON.stringify([]), ladder: JSON.stringify([]), created_at: old })
        .execute();

      const run = await runAssessmentRetention({ db, now: () => now, retentionDays: 30, batchSize: 3 });
      expect(run).toEqual({ deleted: 8, finished: true });
      const left = await db.selectFrom('offers').select('id').where('id', 'in', [kept.offerId, recent, ...unaccepted]).execute();
      expect(left.map((r) => r.id).sort()).toEqual([kept.offerId, recent].sort());
      expect(await db.selectFrom('assessments').select('id').where('id', '=', 'asm_retention_nooffer').executeTakeFirst()).toBeUndefined();
      // The accepted trade-in still opens.
      expect((await open.app.inject({ method: 'GET', url: `/api/offers/${kept.offerId}` })).statusCode).toBe(200);
    } finally {
      await open.app.close();
    }
  });

  it('runs as a pg-boss job scheduled once per interval, whatever the number of processes', async () => {
    const db = database.db;
    const open = await buildTestApp(database, { env: { ASSESSMENT_RETENTION_DAYS: '30' }, keyring: one.secrets.keyring });
    try {
      const offerId = (await freshOffer(open.app, db)).offerId;
      const { assessment_id } = await db.selectFrom('offers').select('assessment_id').where('id', '=', offerId).executeTakeFirstOrThrow();
      const old = new Date(open.clock.now().getTime() - 40 * 86_400_000);
      await db.updateTable('assessments').set({ created_at: old }).where('id', '=', assessment_id).execute();

      await open.runtime.scheduleMaintenance();
      await one.runtime.scheduleMaintenance(); // a second process: the same slot, no second job
      const result = await open.runtime.jobs.runDue();
      expect(result.completed).toBeGreaterThanOrEqual(1);
      expect(await db.selectFrom('offers').select('id').where('id', '=', offerId).executeTakeFirst()).toBeUndefined();

      const jobs = await db
        .selectFrom('pgboss.job' as never)
        .select(['singleton_key' as never, 'state' as never])
        .where('name' as never, '=', JOB_ASSESSMENT_RETENTION as never)
        .execute();
      const keys = (jobs as { singleton_key: string }[]).map((j) => j.singleton_key);
      const slot = retentionRunKey(open.clock.now());
      expect(keys.filter((k) => k === slot)).toHaveLength(1);
      // The run scheduled its successor in the next slot.
      expect(keys).toContain(retentionRunKey(new Date(open.clock.now().getTime() + RETENTION_INTERVAL_MS)));
    } finally {
      await open.app.close();
    }
  });
});
