import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.ts';
import type { TestUser } from '../../../../test/accounts.ts';
import { buildRefurbisher, randomImei } from '../../../../test/factories.ts';
import { leakyMailer, ScriptedCarrier } from '../../../../test/faults.ts';
import { accept, acceptWithLabel, as, carrierEventBody, freshOffer, makeUser, newKey, postCarrierEvent, readySeller } from '../../../../test/journey.ts';
import { OPERATOR_FLAG_KINDS, type TOperatorFlag, type TOperatorFlagPage } from '../../../shared/api/operator-flags.ts';
import { createMailer } from '../../platform/mail/index.ts';
import { GOOD_PASSWORD, validPayout } from '../../../../test/accounts.ts';
import { deliveredTradeIn, inspect, inspectionBody, photoOf } from '../../../../test/inspection.ts';

/**
 * The one list of things an operator must look at: every kind raised by what causes it in life,
 * through the real app (a carrier that keeps failing, a template that would print an account
 * number, a scan on a closed trade-in, three sellers on one bank account), then cleared.
 */
const carrier = new ScriptedCarrier();
const { mailer, leak } = leakyMailer(
  createMailer({ outboxDir: fs.mkdtempSync(path.join(os.tmpdir(), 'tradeloop-flags-')), from: 'Tradeloop <no-reply@tradeloop.example>' }),
);
// One retry after the first attempt, at once (production waits 30 s, doubling).
const ctx = useTestApp({ carrier, mailer, carrierRetry: { retryLimit: 1, retryDelaySeconds: 0 } });
let seller: TestUser;
let operator: TestUser;
let refurbisher: TestUser;

beforeAll(async () => {
  seller = await readySeller(ctx);
  operator = await makeUser(ctx.app, ctx.database.db, 'operator');
  const r = await buildRefurbisher(ctx.database.db);
  refurbisher = await makeUser(ctx.app, ctx.database.db, 'refurbisher', { refurbisherId: r.id });
});

const list = async (query = '', user: TestUser = operator): Promise<TOperatorFlagPage> => {
  const res = await ctx.app.inject({ method: 'GET', url: `/api/admin/flags${query}`, headers: as(user) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const clear = (user: Pick<TestUser, 'cookie'> | null, id: number | string, payload: unknown, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'POST', url: `/api/admin/flags/${id}/clear`, headers: { ...(user ? as(user) : {}), ...headers }, payload: payload as object });
const cancel = async (tradeInId: string) => {
  const res = await ctx.app.inject({ method: 'POST', url: `/api/trade-ins/${tradeInId}/cancel`, headers: { ...as(seller), 'idempotency-key': newKey() } });
  expect(res.statusCode, res.body).toBe(200);
};
const flagRow = (id: number) => ctx.database.db.selectFrom('operator_flags').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const auditFor = (id: number) =>
  ctx.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'operator_flag.cleared').where('subject', '=', `operator_flag:${id}`).execute();

/** A real scan_after_cancel flag: accept, cancel, then the carrier scans the parcel anyway. */
async function scanAfterCancel(): Promise<{ tradeInId: string; flagId: number }> {
  const t = await acceptWithLabel(ctx, seller, (await freshOffer(ctx.app, ctx.database.db)).offerId);
  await cancel(t.id);
  const res = await postCarrierEvent(ctx.app, carrierEventBody(t.shipping!.trackingNumber, 'picked_up', ctx.clock.now()));
  expect(res.json()).toEqual({ outcome: 'flagged' });
  const flag = (await list('?kind=scan_after_cancel&limit=200')).flags.find((f) => f.tradeInId === t.id);
  return { tradeInId: t.id, flagId: flag!.id };
}

/**
 * Each kind's real cause, run in this order: it raises the flag and says which flag it expects
 * (by trade-in, null for none) and what the flag holds. A new kind adds its cause here.
 */
type Cause = () => Promise<{ tradeInId: string | null; expected: Record<string, unknown>; check?: (flag: TOperatorFlag) => void }>;
const CAUSES: Partial<Record<TOperatorFlag['kind'], Cause>> = {
  async scan_after_expiry() {
    // The shipping window closes (product time), then the parcel is scanned.
    const late = await acceptWithLabel(ctx, seller, (await freshOffer(ctx.app, ctx.database.db)).offerId);
    ctx.clock.advance(new Date(late.shipBy).getTime() - ctx.clock.now().getTime());
    await ctx.runtime.jobs.runDue();
    expect((await postCarrierEvent(ctx.app, carrierEventBody(late.shipping!.trackingNumber, 'in_transit', ctx.clock.now()))).json()).toEqual({ outcome: 'flagged' });
    return { tradeInId: late.id, expected: { status: 'open', details: { eventType: 'in_transit', trackingNumber: late.shipping!.trackingNumber, tradeInStatus: 'expired' } } };
  },
  async scan_after_cancel() {
    const cancelled = await scanAfterCancel();
    return { tradeInId: cancelled.tradeInId, expected: { status: 'open', details: { tradeInStatus: 'cancelled' } } };
  },
  async blocked_mail() {
    // A template that would print the seller's account number: the guard refuses the message.
    const mailed = await acceptWithLabel(ctx, seller, (await freshOffer(ctx.app, ctx.database.db)).offerId);
    leak.value = validPayout(GOOD_PASSWORD).accountNumber;
    try {
      await postCarrierEvent(ctx.app, carrierEventBody(mailed.shipping!.trackingNumber, 'delivered', ctx.clock.now()));
      await ctx.runtime.jobs.runDue();
    } finally {
      leak.value = null;
    }
    return { tradeInId: mailed.id, expected: { status: 'open', userIds: [seller.id], details: { mailKey: `trade-in:${mailed.id}:delivered` } } };
  },
  async label_issue_failed() {
    // A carrier that keeps failing to issue a label…
    carrier.failIssues = 100;
    const unlabelled = (await accept(ctx.app, seller, (await freshOffer(ctx.app, ctx.database.db)).offerId)).json().id as string;
    await ctx.runtime.jobs.runDue();
    carrier.failIssues = 0;
    return { tradeInId: unlabelled, expected: { status: 'open', details: { attempts: 2, error: expect.stringContaining('503') } } };
  },
  async label_void_failed() {
    // …and one that keeps failing to void one.
    const unvoided = await acceptWithLabel(ctx, seller, (await freshOffer(ctx.app, ctx.database.db)).offerId);
    carrier.failVoids = 100;
    await cancel(unvoided.id);
    await ctx.runtime.jobs.runDue();
    carrier.failVoids = 0;
    return { tradeInId: unvoided.id, expected: { status: 'open', details: { error: expect.stringContaining('503') } } };
  },
  async shared_bank_account() {
    // Three sellers on one bank account (every readySeller pays into the same test account).
    const others = [await readySeller(ctx), await readySeller(ctx)];
    return {
      tradeInId: null,
      expected: { status: 'open', details: {} },
      check: (flag) => expect(flag.userIds).toEqual(expect.arrayContaining([seller.id, ...others.map((o) => o.id)])),
    };
  },
  async blocklisted_device() {
    // A seller accepts with an IMEI an operator put on the blocklist: no trade-in, a flag.
    const imei = randomImei();
    const added = await ctx.app.inject({ method: 'POST', url: '/api/admin/blocklist', headers: as(operator), payload: { imei, reason: 'Reported stolen' } });
    expect(added.statusCode, added.body).toBe(201);
    const { offerId } = await freshOffer(ctx.app, ctx.database.db);
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/offers/${offerId}/accept`,
      headers: { ...as(seller), 'idempotency-key': newKey() },
      payload: { deviceId: { kind: 'imei', value: imei } },
    });
    expect(res.json().error?.code, res.body).toBe('device_blocklisted');
    return { tradeInId: null, expected: { status: 'open', userIds: [seller.id], details: { imeiLast4: imei.slice(-4), offerId, reason: 'Reported stolen' } } };
  },
  async inspection_overdue() {
    // Delivered, and the refurbisher lets the 2-business-day inspection deadline pass.
    const d = await deliveredTradeIn(ctx, seller);
    const due = await dueOf(d.id);
    ctx.clock.advance(due.getTime() - ctx.clock.now().getTime());
    await ctx.runtime.jobs.runDue();
    return { tradeInId: d.id, expected: { status: 'open', details: { refurbisherId: d.refurbisherId, dueAt: due.toISOString() } } };
  },
  async return_not_shipped() {
    // The refurbisher refuses the device (a free return is owed) and does not ship it within 2 business days.
    const d = await deliveredTradeIn(ctx, seller);
    const refused = await inspect(ctx.app, d.inspector, d.id, inspectionBody(d, { refusal: 'counterfeit', photoIds: [await photoOf(ctx, d)] }));
    expect(refused.statusCode, refused.body).toBe(200);
    const shipBy = (await ctx.database.db.selectFrom('return_shipments').select('ship_by').where('trade_in_id', '=', d.id).executeTakeFirstOrThrow()).ship_by;
    ctx.clock.advance(shipBy.getTime() - ctx.clock.now().getTime());
    await ctx.runtime.jobs.runDue();
    return { tradeInId: d.id, expected: { status: 'open', details: { refurbisherId: d.refurbisherId, shipBy: shipBy.toISOString() } } };
  },
};
const dueOf = async (tradeInId: string) =>
  (await ctx.database.db.selectFrom('trade_ins').select('inspection_due_at').where('id', '=', tradeInId).executeTakeFirstOrThrow()).inspection_due_at!;

describe('GET /api/admin/flags: one list for every kind', () => {
  it('lists a flag of each kind, raised by its real cause, open first', async () => {
    const raised: [TOperatorFlag['kind'], Awaited<ReturnType<Cause>>][] = [];
    for (const [kind, cause] of Object.entries(CAUSES) as [TOperatorFlag['kind'], Cause][]) raised.push([kind, await cause()]);

    const { flags } = await list('?limit=200');
    for (const [kind, { tradeInId, expected, check }] of raised) {
      const flag = flags.find((f) => f.kind === kind && f.tradeInId === tradeInId);
      expect(flag, kind).toMatchObject(expected);
      check?.(flag!);
    }
    expect(new Set(flags.map((f) => f.kind))).toEqual(new Set(OPERATOR_FLAG_KINDS));
    // The account number is in no flag (the guard's message is named by its key only).
    expect(JSON.stringify(flags)).not.toContain(validPayout(GOOD_PASSWORD).accountNumber);
    const tradeInOf = (kind: TOperatorFlag['kind']) => raised.find(([k]) => k === kind)![1].tradeInId;
    const cancelledFlagId = flags.find((f) => f.kind === 'scan_after_cancel' && f.tradeInId === tradeInOf('scan_after_cancel'))!.id;

    // Cleared, a flag goes below every open one; the filters find it by status and kind.
    expect((await clear(operator, cancelledFlagId, { note: 'Parcel returned to the seller' })).statusCode).toBe(200);
    const after = (await list('?limit=200')).flags;
    const firstCleared = after.findIndex((f) => f.status === 'cleared');
    expect(after.slice(firstCleared).every((f) => f.status === 'cleared')).toBe(true);
    expect(after.slice(0, firstCleared).every((f) => f.status === 'open')).toBe(true);
    expect(after.slice(firstCleared).map((f) => f.id)).toContain(cancelledFlagId);
    const ids = after.map((f) => f.id);
    expect(after.slice(0, firstCleared).map((f) => f.id)).toEqual([...ids.slice(0, firstCleared)].sort((a, b) => b - a));

    const clearedOnly = (await list('?status=cleared')).flags;
    expect(clearedOnly.map((f) => f.id)).toContain(cancelledFlagId);
    expect(clearedOnly.every((f) => f.status === 'cleared')).toBe(true);
    expect((await list('?status=open&limit=200')).flags.map((f) => f.id)).not.toContain(cancelledFlagId);
    const voids = (await list('?kind=label_void_failed')).flags;
    expect(voids.map((f) => f.tradeInId)).toEqual([tradeInOf('label_void_failed')]);
  });

  it('pages through the list in the same order, open first, with nextCursor', async () => {
    await scanAfterCancel();
    const whole = (await list('?limit=200')).flags.map((f) => f.id);
    expect(whole.length).toBeGreaterThan(3);
    const paged: number[] = [];
    let cursor: string | null = null;
    do {
      const page: TOperatorFlagPage = await list(`?limit=2${cursor ? `&after=${cursor}` : ''}`);
      expect(page.flags.length).toBeLessThanOrEqual(2);
      paged.push(...page.flags.map((f) => f.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(whole);
  });

  it('refuses a malformed cursor, kind or status (400)', async () => {
    for (const q of ['?after=7', '?after=open:0', '?after=open:x', '?kind=parcel_lost', '?status=closed', '?limit=0']) {
      const res = await ctx.app.inject({ method: 'GET', url: `/api/admin/flags${q}`, headers: as(operator) });
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
  });

  it('is for operators only: 403 for sellers and refurbishers, as every admin route; 401 without a session', async () => {
    for (const user of [seller, refurbisher]) {
      const res = await ctx.app.inject({ method: 'GET', url: '/api/admin/flags', headers: as(user) });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    expect((await ctx.app.inject({ method: 'GET', url: '/api/admin/flags' })).statusCode).toBe(401);
  });
});

describe('POST /api/admin/flags/:id/clear', () => {
  it('lets an operator clear an open flag with a note: who, when and why on the flag and in the audit log, once', async () => {
    // Product time runs a day ahead: a flag is dated by security time, like the audit log.
    ctx.clock.advance(24 * 3_600_000);
    const before = ctx.securityClock.now().getTime();
    const { flagId: id } = await scanAfterCancel();
    const res = await clear(operator, id, { note: '  Carrier confirmed the parcel was returned to the seller.  ' });
    const after = ctx.securityClock.now().getTime();
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id, status: 'cleared', clearedBy: operator.id, clearedNote: 'Carrier confirmed the parcel was returned to the seller.' });
    for (const t of [res.json().createdAt, res.json().clearedAt]) {
      expect(new Date(t).getTime()).toBeGreaterThanOrEqual(before);
      expect(new Date(t).getTime()).toBeLessThanOrEqual(after);
    }
    expect(await flagRow(id)).toMatchObject({ cleared_by: operator.id, cleared_note: 'Carrier confirmed the parcel was returned to the seller.' });
    expect(await auditFor(id)).toMatchObject([{ actor_id: operator.id, reason: 'Carrier confirmed the parcel was returned to the seller.' }]);

    const again = await clear(operator, id, { note: 'Clearing it a second time' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'flag_already_cleared',
      message: expect.stringMatching(/already cleared/),
      details: { clearedAt: res.json().clearedAt, clearedBy: operator.id },
    });
    expect(await auditFor(id)).toHaveLength(1);
    expect((await flagRow(id)).cleared_note).toBe('Carrier confirmed the parcel was returned to the seller.');
  });

  it('lets only one of two operators racing to clear the same flag win', async () => {
    const { flagId: id } = await scanAfterCancel();
    const other = await makeUser(ctx.app, ctx.database.db, 'operator');
    const results = await Promise.all([clear(operator, id, { note: 'First look: fine' }), clear(other, id, { note: 'Second look: fine' })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await auditFor(id)).toHaveLength(1);
  });

  it('answers 404 for an unknown id and 400 for an id that is not one', async () => {
    expect((await clear(operator, 987654321, { note: 'Nothing to see here' })).statusCode).toBe(404);
    expect((await clear(operator, 'abc', { note: 'Nothing to see here' })).statusCode).toBe(400);
  });

  it('refuses a missing, empty, NUL-bearing or overlong note (400) and changes nothing', async () => {
    const { flagId: id } = await scanAfterCancel();
    for (const payload of [{}, { note: '' }, { note: '   ' }, { note: 'fine\u0000then' }, { note: 'x'.repeat(501) }, { note: 42 }]) {
      const res = await clear(operator, id, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    expect(await flagRow(id)).toMatchObject({ cleared_at: null, cleared_by: null, cleared_note: null });
    expect(await auditFor(id)).toHaveLength(0);
  });

  it('refuses sellers and refurbishers (403, as every admin route), anonymous callers (401) and a cookie sent cross-site (403)', async () => {
    const { flagId: id } = await scanAfterCancel();
    for (const user of [seller, refurbisher]) {
      const res = await clear(user, id, { note: 'I would like this gone' });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    expect((await clear(null, id, { note: 'I would like this gone' })).statusCode).toBe(401);
    expect((await clear(operator, id, { note: 'Looks fine to me' }, { origin: 'https://evil.example' })).statusCode).toBe(403);
    expect((await flagRow(id)).cleared_at).toBeNull();
  });
});
