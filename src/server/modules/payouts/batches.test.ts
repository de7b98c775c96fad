import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.ts';
import { as, makeUser, type TestUser } from '../../../../test/accounts.ts';
import { connectAgain } from '../../../../test/db.ts';
import { readySeller } from '../../../../test/journey.ts';
import { approvedTradeIn, CHECKING, readyPayout, SAVINGS } from '../../../../test/payouts.ts';
import { loadConfig } from '../../config.ts';
import type { Db } from '../../platform/db/database.ts';
import { parseNachaFile } from './nacha/index.ts';
import { realFs } from './batch-file.ts';
import { createBatch, createBatchForWindow, type BatchesDeps } from './batches.service.ts';
import { resolveWindow } from './batches.service.ts';

const outbound = fs.mkdtempSync(path.join(os.tmpdir(), 'tradeloop-ach-'));
const ctx = useTestApp({ env: { ACH_OUTBOUND_DIR: outbound } });
const ach = loadConfig({ TRADELOOP_MODE: 'demo', DATA_DIR: os.tmpdir(), ACH_OUTBOUND_DIR: outbound }, []).ach;

let seller: TestUser;
let operator: TestUser;
/** Approved trade-ins, made once (each through the real accept → delivery → inspection path). */
let tradeIns: string[] = [];
beforeAll(async () => {
  // Without bank details, each approval leaves a payout waiting: every test makes ready exactly the ones it sends.
  seller = await readySeller(ctx, { payout: false });
  operator = await makeUser(ctx.app, ctx.database.db, 'operator');
  for (let i = 0; i < 8; i++) tradeIns.push(await approvedTradeIn(ctx, seller));
}, 120_000);

/** 09:00 New York on a business day, before its 16:00 cutoff. */
const morningOf = (date: string) => new Date(`${date}T14:00:00Z`);
const post = (body: Record<string, unknown> = {}, user: TestUser = operator, key = `batch-${Math.random()}`) =>
  ctx.app.inject({ method: 'POST', url: '/api/admin/payout-batches', headers: { ...as(user), 'idempotency-key': key }, payload: body });
const get = (url: string, user: TestUser = operator) => ctx.app.inject({ method: 'GET', url, headers: as(user) });
const deps = (over: Partial<BatchesDeps> = {}, db: Db = ctx.database.db): BatchesDeps => ({ db, clock: ctx.clock, ach, keyring: ctx.secrets.keyring, jobs: ctx.runtime.jobs, ...over });

async function payoutsOf(ids: string[]) {
  return ctx.database.db.selectFrom('payouts').selectAll().where('id', 'in', ids).orderBy('id').execute();
}
async function unbalancedEntries(): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from (select entry_id from journal_lines group by entry_id, currency having sum(amount_minor) <> 0) x`.execute(ctx.database.db);
  return rows[0]!.n;
}
async function jobsNamed(name: string) {
  const { rows } = await sql<{ data: { payload: Record<string, unknown> } }>`select data from pgboss.job where name = ${name}`.execute(ctx.database.db);
  return rows.map((r) => r.data.payload);
}

describe('ACH batches', () => {
  it('only operators create, list or download batches', async () => {
    expect((await post({}, seller)).statusCode).toBe(403);
    expect((await get('/api/admin/payout-batches', seller)).statusCode).toBe(403);
    expect((await get('/api/admin/payout-batches/bat_x/file', seller)).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/admin/payout-batches' })).statusCode).toBe(401);
    expect((await get('/api/admin/payout-batches/bat_nope')).statusCode).toBe(404);
    // A money-moving POST needs its Idempotency-Key.
    const res = await ctx.app.inject({ method: 'POST', url: '/api/admin/payout-batches', headers: as(operator), payload: {} });
    expect(res.statusCode).toBe(400);
  });

  it('nothing ready: no batch, and the reason', async () => {
    ctx.clock.set(morningOf('2026-11-30'));
    const res = await post();
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ batch: null, created: false, message: expect.stringMatching(/No payout is ready/) });
    expect(await ctx.database.db.selectFrom('payout_batches').selectAll().execute()).toHaveLength(0);
    const bad = await post({ window: 'same_day_1' });
    expect(bad.statusCode).toBe(400);
  });

  it('a batch sends every ready payout in one file: entries match, trade-ins paid, ledger balanced, one e-mail each', async () => {
    ctx.clock.set(morningOf('2026-12-01'));
    const db = ctx.database.db;
    const [a, b, c] = tradeIns;
    const ids = [await readyPayout(db, ctx.secrets.keyring, a!, CHECKING, ctx.clock.now()), await readyPayout(db, ctx.secrets.keyring, b!, SAVINGS, ctx.clock.now()), await readyPayout(db, ctx.secrets.keyring, c!, CHECKING, ctx.clock.now())];
    const key = 'batch-key-0001';
    const res = await post({}, operator, key);
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json();
    expect(result).toMatchObject({ created: true, message: null, batch: { window: 'standard', businessDate: '2026-12-01', effectiveDate: '2026-12-02', entryCount: 3, sameDay: false } });
    const batch = result.batch;
    expect(batch.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(batch.fileWrittenAt).not.toBeNull();

    // The same key answers the same, without a second batch; another key gets the existing one.
    const replay = await post({}, operator, key);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(result);
    expect((await post()).json()).toMatchObject({ created: false, batch: { id: batch.id } });

    const payouts = await payoutsOf(ids);
    expect(payouts.map((p) => p.status)).toEqual(['sent', 'sent', 'sent']);
    expect(new Set(payouts.map((p) => p.batch_id))).toEqual(new Set([batch.id]));
    expect(new Set(payouts.map((p) => p.trace_number)).size).toBe(3);
    for (const p of payouts) expect(p.trace_number).toMatch(new RegExp(`^${ach.odfiRouting.slice(0, 8)}\\d{7}$`));
    const total = payouts.reduce((s, p) => s + Number(p.amount_minor), 0);
    expect(batch.total.amountMinor).toBe(total);

    // The file in the outbound folder, read back by the product's own reader.
    const text = fs.readFileSync(path.join(outbound, batch.fileName), 'utf8');
    expect(fs.readdirSync(outbound).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const parsed = parseNachaFile(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.batches).toHaveLength(1);
    const entries = parsed.batches[0]!.entries;
    const byTrace = new Map(payouts.map((p) => [p.trace_number, p]));
    expect(entries).toHaveLength(3);
    expect(entries.map((e) => e.traceNumber)).toEqual([...entries.map((e) => e.traceNumber)].sort());
    for (const e of entries) {
      const p = byTrace.get(e.traceNumber)!;
      expect(p).toBeDefined();
      expect(e.amountMinor).toBe(Number(p.amount_minor));
      const bank = p.account_type === 'savings' ? SAVINGS : CHECKING;
      expect(e.transactionCode).toBe(p.account_type === 'savings' ? '32' : '22');
      expect(e.individualName.trim()).toBe(bank.holderName);
      expect(e.routingNumber).toBe(bank.routingNumber);
      expect(e.accountNumber).toBe(bank.accountNumber);
    }

    // Trade-ins paid, through the machine, with a timeline event naming the payout.
    const trades = await db.selectFrom('trade_ins').select(['id', 'status', 'paid_at']).where('id', 'in', [a!, b!, c!]).execute();
    expect(trades.map((t) => t.status)).toEqual(['paid', 'paid', 'paid']);
    const events = await db.selectFrom('trade_in_events').selectAll().where('trade_in_id', 'in', [a!, b!, c!]).where('type', '=', 'pay').execute();
    expect(events).toHaveLength(3);
    expect(events.every((e) => e.from_status === 'approved' && e.to_status === 'paid' && e.data.batchId === batch.id)).toBe(true);

    // One sent entry per payout, each balanced; ACH clearing holds the batch total.
    const sent = await db.selectFrom('journal_entries').select(['payout_id']).where('kind', '=', 'payout_sent').execute();
    expect(sent.map((e) => e.payout_id).sort()).toEqual([...ids].sort());
    expect(await unbalancedEntries()).toBe(0);
    const clearing = await db.selectFrom('journal_lines').select((eb) => eb.fn.sum<number>('amount_minor').as('s')).where('account_code', '=', 'platform:ach_clearing').executeTakeFirstOrThrow();
    expect(Number(clearing.s)).toBe(-total);

    // One fan-out job for the batch; it enqueues each seller's e-mail once, however often it runs.
    expect(await jobsNamed('payouts.batch-mails')).toHaveLength(1);
    await ctx.runtime.jobs.runDue();
    await ctx.runtime.jobs.enqueue(db, 'payouts.batch-mails', { batchId: batch.id, after: '' });
    await ctx.runtime.jobs.runDue();
    const mails = (await jobsNamed('mail.trade-in')).filter((m) => m.template === 'payment_sent');
    expect(mails.map((m) => m.ref).sort()).toEqual([...ids].sort());

    // The operator's views: the list (JSON and CSV), the batch, and the file (audited).
    const list = await get('/api/admin/payout-batches?limit=10');
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: batch.id }] });
    const csv = await get('/api/admin/payout-batches?format=csv');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.split('\n')[1]).toContain(batch.id);
    expect((await get(`/api/admin/payout-batches/${batch.id}`)).json()).toEqual(batch);
    const file = await get(`/api/admin/payout-batches/${batch.id}/file`);
    expect(file.statusCode, file.body).toBe(200);
    expect(file.headers['content-type']).toMatch(/^text\/plain/);
    expect(file.headers['content-disposition']).toBe(`attachment; filename="${batch.fileName}"`);
    expect(file.body).toBe(text);
    const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'payout_batch.file_downloaded').execute();
    expect(audit).toMatchObject([{ actor_id: operator.id, subject: `payout_batch:${batch.id}` }]);
  });

  it('a crash after the file is written and before it is recorded: the rerun yields one file, the same bytes, no payout in two files', async () => {
    ctx.clock.set(morningOf('2026-12-02'));
    const db = ctx.database.db;
    const ids = [await readyPayout(db, ctx.secrets.keyring, tradeIns[3]!, CHECKING, ctx.clock.now()), await readyPayout(db, ctx.secrets.keyring, tradeIns[4]!, SAVINGS, ctx.clock.now())];
    const crash = deps({
      afterFileWritten: async () => {
        throw new Error('killed after the rename');
      },
    });
    await expect(createBatch(crash, { by: 'scheduler' })).rejects.toThrow('killed after the rename');
    const [row] = await db.selectFrom('payout_batches').selectAll().where('business_date', '=', '2026-12-02' as never).execute();
    expect(row!.file_sha256).toBeNull();
    const fileName = row!.file_name;
    const first = fs.readFileSync(path.join(outbound, fileName));

    // A payout made ready now is not added to the batch that already took its payouts.
    const late = await readyPayout(db, ctx.secrets.keyring, tradeIns[5]!, CHECKING, ctx.clock.now());
    const rerun = await createBatch(deps(), { by: 'scheduler' });
    expect(rerun).toMatchObject({ created: false, batch: { id: row!.id, entryCount: 2 } });
    const again = fs.readFileSync(path.join(outbound, fileName));
    expect(again.equals(first)).toBe(true);
    expect(rerun.batch!.fileSha256).toBe((await import('node:crypto')).createHash('sha256').update(again).digest('hex'));
    expect(fs.readdirSync(outbound).filter((f) => f.includes('2026-12-02') || f.includes('20261202'))).toEqual([fileName]);
    expect((await payoutsOf(ids)).every((p) => p.batch_id === row!.id)).toBe(true);
    expect((await payoutsOf([late]))[0]!.status).toBe('ready');
    // Each payout is in exactly one file: across every file written so far, no trace number twice, no payout twice.
    const sentIds = (await db.selectFrom('payouts').select(['id', 'batch_id']).where('status', '=', 'sent').execute()).map((p) => p.id);
    expect(new Set(sentIds).size).toBe(sentIds.length);
    expect(await unbalancedEntries()).toBe(0);
  });

  it('a crash before the file is complete leaves no file under its name; the rerun writes it', async () => {
    ctx.clock.set(morningOf('2026-12-03'));
    const failingFs = { ...realFs, rename: async () => Promise.reject(new Error('disk full')) };
    await expect(createBatch(deps({ fs: failingFs }), { by: 'scheduler' })).rejects.toThrow('disk full');
    const row = await ctx.database.db.selectFrom('payout_batches').selectAll().where('business_date', '=', '2026-12-03' as never).executeTakeFirstOrThrow();
    expect(fs.existsSync(path.join(outbound, row.file_name))).toBe(false);
    // The download finishes the file first (the same bytes a rerun writes).
    const file = await get(`/api/admin/payout-batches/${row.id}/file`);
    expect(file.statusCode, file.body).toBe(200);
    expect(fs.readFileSync(path.join(outbound, row.file_name), 'utf8')).toBe(file.body);
    expect((await get(`/api/admin/payout-batches/${row.id}`)).json().fileSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('two operators creating the batch at once get one batch', async () => {
    ctx.clock.set(morningOf('2026-12-04'));
    const db = ctx.database.db;
    const id = await readyPayout(db, ctx.secrets.keyring, tradeIns[6]!, CHECKING, ctx.clock.now());
    // On PostgreSQL: two connections of their own; PGlite's one connection runs them one after the other.
    const other = ctx.database.kind === 'postgres' ? await connectAgain(ctx.database) : undefined;
    try {
      const w = resolveWindow(ach, ctx.clock.now());
      const results = await Promise.all([createBatchForWindow(deps(), w, 'usr_one'), createBatchForWindow(deps({}, other?.db ?? db), w, 'usr_two')]);
      expect(results.map((r) => r.created).sort()).toEqual([false, true]);
      expect(results[0]!.batch!.id).toBe(results[1]!.batch!.id);
      const rows = await db.selectFrom('payout_batches').selectAll().where('business_date', '=', '2026-12-04' as never).execute();
      expect(rows).toHaveLength(1);
      expect((await payoutsOf([id]))[0]!.batch_id).toBe(rows[0]!.id);
      expect(rows[0]!.file_sha256).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      await other?.close();
    }
  });

  it('the scheduler closes each window at its cutoff by the product clock, and schedules the next window', async () => {
    ctx.clock.set(morningOf('2026-12-07'));
    const db = ctx.database.db;
    const id = await readyPayout(db, ctx.secrets.keyring, tradeIns[7]!, CHECKING, ctx.clock.now());
    await ctx.runtime.scheduleMaintenance();
    await ctx.runtime.scheduleMaintenance(); // a second process: the same window, one job
    expect((await jobsNamed('payouts.batch-window')).filter((j) => j.businessDate === '2026-12-07')).toEqual([{ businessDate: '2026-12-07', window: 'standard' }]);
    await ctx.runtime.jobs.runDue();
    expect((await payoutsOf([id]))[0]!.status).toBe('ready');
    // 16:00:01 in New York: the standard window has closed.
    ctx.clock.set(new Date('2026-12-07T21:00:01Z'));
    await ctx.runtime.jobs.runDue();
    const batch = await db.selectFrom('payout_batches').selectAll().where('business_date', '=', '2026-12-07' as never).executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ window_name: 'standard', created_by: 'scheduler', entry_count: 1 });
    expect(batch.file_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await payoutsOf([id]))[0]!.batch_id).toBe(batch.id);
    expect((await jobsNamed('payouts.batch-window')).map((j) => j.businessDate)).toContain('2026-12-08');
  });

  it('trace numbers are unique across every file, not only within one (a returns file may name entries of several days)', async () => {
    const batches = await ctx.database.db.selectFrom('payout_batches').select('id').execute();
    expect(batches.length).toBeGreaterThan(2);
    const { rows } = await sql<{ trace_number: string; n: number }>`
      select trace_number, count(*)::int as n from payouts where trace_number is not null group by trace_number having count(*) > 1`.execute(ctx.database.db);
    expect(rows).toEqual([]);
  });
});
