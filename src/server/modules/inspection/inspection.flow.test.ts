import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.ts';
import { as, makeUser, type TestUser } from '../../../../test/accounts.ts';
import { readySeller } from '../../../../test/journey.ts';
import { buildRefurbisher, buildWishlistEntry, randomImei } from '../../../../test/factories.ts';
import { bearer, createKey } from '../../../../test/refurbishers.ts';
import {
  answersGraded,
  deliveredTradeIn,
  differingQuestions,
  inspect,
  inspectionBody,
  photoOf,
  sellerPost,
  type Delivered,
} from '../../../../test/inspection.ts';
import { flawlessAnswers } from '../../../../test/journey.ts';
import type { ReturnReason } from './ports.ts';

const returns: { tradeInId: string; reason: ReturnReason }[] = [];
const ctx = useTestApp({
  requestReturn: async (_trx, tradeInId, reason) => {
    returns.push({ tradeInId, reason });
  },
});
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let seller: TestUser;
beforeAll(async () => {
  seller = await readySeller(ctx);
});

/** Every refurbisher response of the file, for the protected-data scan at the end. */
const refurbisherBodies: string[] = [];
function seen(res: LightMyRequestResponse) {
  refurbisherBodies.push(res.body);
  return res;
}
const file = async (d: Delivered, body: Record<string, unknown>, user = d.inspector) => seen(await inspect(ctx.app, user, d.id, body));
const detail = async (d: Delivered, user = d.inspector) =>
  seen(await ctx.app.inject({ method: 'GET', url: `/api/refurbisher/trade-ins/${d.id}`, headers: as(user) }));
const list = async (user: TestUser, bucket?: string) =>
  seen(await ctx.app.inject({ method: 'GET', url: `/api/refurbisher/trade-ins${bucket ? `?bucket=${bucket}` : ''}`, headers: as(user) }));
const sellerView = async (id: string) => (await ctx.app.inject({ method: 'GET', url: `/api/trade-ins/${id}`, headers: as(seller) })).json();
const mailsTo = async (email: string, subject: RegExp) => (await ctx.runtime.mailer.listOutbox()).filter((m) => m.to === email && subject.test(m.subject));
/** The messages about one trade-in (its id is in the text: the link, or the trade-in named). */
async function mailsAbout(email: string, subject: RegExp, tradeInId: string) {
  const found = [];
  for (const m of await mailsTo(email, subject)) {
    const full = await ctx.runtime.mailer.readOutboxMessage(m.id);
    if (full?.text.includes(tradeInId)) found.push(full);
  }
  return found;
}
const inspectionsOf = async (id: string) => ctx.database.db.selectFrom('inspections').selectAll().where('trade_in_id', '=', id).execute();

/** A counteroffer body for a device found one grade worse (Good), with a photo and a reason per defect. */
async function counterofferBody(d: Delivered, priceMinor: number, over: Record<string, unknown> = {}) {
  const answers = answersGraded('Good');
  return inspectionBody(d, {
    answers,
    photoIds: [await photoOf(ctx, d)],
    counteroffer: {
      price: { amountMinor: priceMinor, currency: 'USD' },
      defects: differingQuestions(flawlessAnswers('smartphones'), answers).map((subject) => ({ subject, reason: 'Visible wear on the frame' })),
    },
    ...over,
  });
}

describe('the inspection', () => {
  it('a match approves the trade-in at the offer price; the seller sees the inspection without notes or inspector', async () => {
    const d = await deliveredTradeIn(ctx, seller);
    const res = await file(d, inspectionBody(d, { notes: 'Pristine; internal note XYZZY' }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'approved', bucket: null, inspections: [{ outcome: 'match', verifiedGrade: 'Flawless', notes: 'Pristine; internal note XYZZY' }] });
    const mine = await sellerView(d.id);
    expect(mine.status).toBe('approved');
    expect(mine.price.amountMinor).toBe(1_000_000);
    expect(mine.aftercare.latestInspection).toMatchObject({ outcome: 'match', verifiedGrade: 'Flawless' });
    expect(JSON.stringify(mine.aftercare)).not.toContain('XYZZY');
    expect(mine.aftercare.latestInspection).not.toHaveProperty('inspectorName');
    await ctx.runtime.jobs.runDue();
    expect(await mailsAbout(seller.email, /is approved/, d.id)).toHaveLength(1);
  });

  it('a device in better condition than declared is a match: approved at the offer price, never a counteroffer', async () => {
    const d = await deliveredTradeIn(ctx, seller, { declared: 'Good' });
    const res = await file(d, inspectionBody(d, { answers: flawlessAnswers('smartphones') }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'approved', inspections: [{ outcome: 'match', declaredGrade: 'Good', verifiedGrade: 'Flawless' }] });
    expect((await sellerView(d.id)).price.amountMinor).toBe(1_000_000);
  });

  it('an IMEI on the blocklist can only be refused as blocklisted, and only a listed IMEI can be', async () => {
    const operatorUser = await makeUser(ctx.app, ctx.database.db, 'operator');
    const imei = randomImei();
    const listed = await ctx.app.inject({ method: 'POST', url: '/api/admin/blocklist', headers: as(operatorUser), payload: { imei, reason: 'Reported stolen' } });
    expect(listed.statusCode, listed.body).toBe(201);
    const d = await deliveredTradeIn(ctx, seller);
    const photoIds = [await photoOf(ctx, d)];
    const approve = await file(d, inspectionBody(d, { identity: { kind: 'imei', value: imei } }));
    expect(approve.statusCode, approve.body).toBe(422);
    expect(approve.json().error.fields.refusal).toMatch(/blocklist/);
    const wrongReason = await file(d, inspectionBody(d, { identity: { kind: 'imei', value: randomImei() }, refusal: 'blocklisted', photoIds }));
    expect(wrongReason.statusCode, wrongReason.body).toBe(422);
    expect((await inspectionsOf(d.id))).toHaveLength(0);
    const refused = await file(d, inspectionBody(d, { identity: { kind: 'imei', value: imei }, refusal: 'blocklisted', photoIds }));
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json()).toMatchObject({ status: 'return_pending', inspections: [{ outcome: 'refused', refusal: 'blocklisted' }] });
  });

  it('lists the organisation\'s devices by bucket, with overdue judged by the product clock; another organisation sees none of them (404)', async () => {
    const d = await deliveredTradeIn(ctx, seller);
    const page = (await list(d.inspector)).json();
    expect(page.items.map((i: { id: string }) => i.id)).toEqual([d.id]);
    expect(page.counts).toMatchObject({ to_inspect: 1, overdue: 0 });
    const one = (await detail(d)).json();
    expect(one).toMatchObject({ bucket: 'to_inspect', seller: { firstName: 'Ada', city: 'Albany' }, declaredIdentity: null, can: { inspect: true } });
    expect(one.floorByGrade).toMatchObject({ Flawless: { amountMinor: 1_000_000, currency: 'USD' }, Good: null });
    expect(Object.keys(one.declaredAnswers).sort()).toEqual(Object.keys(flawlessAnswers('smartphones')).sort());

    ctx.clock.advance(5 * DAY);
    expect((await list(d.inspector, 'overdue')).json()).toMatchObject({ items: [{ id: d.id, bucket: 'overdue' }], counts: { overdue: 1, to_inspect: 0 } });
    expect((await list(d.inspector, 'to_inspect')).json().items).toEqual([]);

    const other = await deliveredTradeIn(ctx, seller);
    expect((await list(other.inspector)).json().items.map((i: { id: string }) => i.id)).toEqual([other.id]);
    expect((await detail(d, other.inspector)).statusCode).toBe(404);
    const res = await file(d, inspectionBody(d), other.inspector);
    expect(res.statusCode).toBe(404);
    expect(await inspectionsOf(d.id)).toEqual([]);
  });

  it('roles: a buyer member gets 403, a seller cannot use the refurbisher routes, a refurbisher cannot answer for a seller', async () => {
    const d = await deliveredTradeIn(ctx, seller);
    const org = await ctx.app.inject({ method: 'GET', url: '/api/refurbisher/organisation', headers: as(d.inspector) });
    expect(org.json().can).toMatchObject({ inspect: true });
    // API keys: an inspector's key sees the incoming devices, a buyer's does not.
    const inspectorKey = await createKey(ctx.app, d.inspector, 'inspector');
    const buyerKey = await createKey(ctx.app, d.inspector, 'buyer');
    const byKey = seen(await ctx.app.inject({ method: 'GET', url: `/api/refurbisher/trade-ins/${d.id}`, headers: bearer(inspectorKey.secret) }));
    expect(byKey.statusCode, byKey.body).toBe(200);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/refurbisher/trade-ins', headers: bearer(buyerKey.secret) })).statusCode).toBe(403);

    await ctx.database.db.updateTable('member').set({ role: 'buyer' }).where('userId', '=', d.inspector.id).execute();
    expect((await ctx.app.inject({ method: 'GET', url: '/api/refurbisher/organisation', headers: as(d.inspector) })).json().can).toMatchObject({ inspect: false });
    expect((await list(d.inspector)).statusCode).toBe(403);
    expect((await file(d, inspectionBody(d))).statusCode).toBe(403);
    await ctx.database.db.updateTable('member').set({ role: 'inspector' }).where('userId', '=', d.inspector.id).execute();
    expect((await list(d.inspector)).statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/refurbisher/trade-ins', headers: as(seller) })).statusCode).toBe(403);
    expect((await sellerPost(ctx.app, d.inspector, d.id, 'counteroffer/accept')).statusCode).toBe(403);
    expect((await sellerPost(ctx.app, d.inspector, d.id, 'lock-removed')).statusCode).toBe(403);
    const stranger = await makeUser(ctx.app, ctx.database.db, 'seller');
    expect((await sellerPost(ctx.app, stranger, d.id, 'counteroffer/reject')).statusCode).toBe(404);
  });

  it('refuses a broken rule with 422 naming it, and changes nothing', async () => {
    const d = await deliveredTradeIn(ctx, seller);
    // This refurbisher's own wishlist pays $6,000.00 for Good: its counteroffer floor.
    await buildWishlistEntry(ctx.database.db, { refurbisherId: d.refurbisherId, variantId: d.variantId, grade: 'Good', priceMinor: 600_000 });
    const cases: [Record<string, unknown>, string][] = [
      [await counterofferBody(d, 500_000), 'counteroffer.price'],
      [await counterofferBody(d, 1_100_000), 'counteroffer.price'],
      [await counterofferBody(d, 700_000, { photoIds: [] }), 'photoIds'],
      [await counterofferBody(d, 700_000, { counteroffer: undefined }), 'counteroffer'],
      [await counterofferBody(d, 700_000, { counteroffer: { price: { amountMinor: 700_000, currency: 'USD' }, defects: [{ subject: 'accessory:nothing', reason: 'Scratched' }] } }), 'counteroffer.defects'],
      [inspectionBody(d, { identity: { kind: 'imei', value: '490154203237519' } }), 'identity'],
      [inspectionBody(d, { counteroffer: { price: { amountMinor: 900_000, currency: 'USD' }, defects: [{ subject: 'x', reason: 'none at all' }] } }), 'counteroffer'],
      [inspectionBody(d, { accessories: [{ name: 'Stylus', present: true }] }), 'accessories.Stylus'],
      [inspectionBody(d, { stillLinked: true }), 'photoIds'],
      [inspectionBody(d, { refusal: 'counterfeit' }), 'photoIds'],
    ];
    // Every mandatory accessory must be answered (when the model has one).
    if (d.mandatoryAccessories.length > 0) cases.push([inspectionBody(d, { accessories: [] }), `accessories.${d.mandatoryAccessories[0]}`]);
    for (const [body, field] of cases) {
      const res = await file(d, body);
      expect(res.statusCode, `${field}: ${res.body}`).toBe(422);
      expect(res.json().error.fields, res.body).toHaveProperty([field]);
    }
    expect((await sellerView(d.id)).status).toBe('delivered');
    expect(await inspectionsOf(d.id)).toEqual([]);

    // The declared IMEI: one that passes Luhn but differs is refused as a mismatch.
    await ctx.database.db.updateTable('trade_ins').set({ device_id_kind: 'imei', device_id_value: '490154203237518' }).where('id', '=', d.id).execute();
    expect((await detail(d)).json().declaredIdentity).toEqual({ kind: 'imei', value: '490154203237518' });
    const mismatch = await file(d, inspectionBody(d, { identity: { kind: 'imei', value: '356938035643809' } }));
    expect(mismatch.statusCode, mismatch.body).toBe(422);
    expect(mismatch.json().error.fields.identity).toMatch(/not the one the seller gave/);
    const missing = await file(d, inspectionBody(d));
    expect(missing.json().error.fields).toHaveProperty(['identity']);

    // At the floor, in the offer's currency: the counteroffer stands.
    const ok = await file(d, await counterofferBody(d, 600_000, { identity: { kind: 'imei', value: '49015420-323751-8' } }));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'counteroffered', counteroffer: { state: 'open', verifiedGrade: 'Good', price: { amountMinor: 600_000 } } });
  });

  it('a missing mandatory accessory at the same grade is a counteroffer, with a reason for the accessory', async () => {
    const d = await deliveredTradeIn(ctx, seller, { category: 'consoles' });
    expect(d.mandatoryAccessories.length).toBeGreaterThan(0);
    const [first, ...rest] = d.mandatoryAccessories;
    const accessories = [{ name: first!, present: false }, ...rest.map((name) => ({ name, present: true }))];
    const price = { amountMinor: 900_000, currency: 'USD' };
    const photoIds = [await photoOf(ctx, d)];
    // While its wishlist pays $10,000.00 for Flawless, that is the floor even without the accessory (the rule as written)…
    const atFloor = await file(d, inspectionBody(d, { accessories, photoIds, counteroffer: { price, defects: [{ subject: `accessory:${first}`, reason: 'Not in the box' }] } }));
    expect(atFloor.statusCode, atFloor.body).toBe(422);
    expect(atFloor.json().error.fields['counteroffer.price']).toMatch(/your own wishlist pays that for Flawless/);
    // …once the refurbisher no longer buys it, there is no floor.
    await ctx.database.db.updateTable('wishlist_entries').set({ active: false }).where('refurbisher_id', '=', d.refurbisherId).execute();
    expect((await detail(d)).json().floorByGrade.Flawless).toBeNull();
    const noReason = await file(d, inspectionBody(d, { accessories, photoIds, counteroffer: { price, defects: [{ subject: Object.keys(flawlessAnswers('consoles'))[0], reason: 'Scuffed' }] } }));
    expect(noReason.statusCode, noReason.body).toBe(422);
    expect(noReason.json().error.fields['counteroffer.defects']).toContain(`accessory:${first}`);
    const res = await file(d, inspectionBody(d, { accessories, photoIds, counteroffer: { price, defects: [{ subject: `accessory:${first}`, reason: 'Not in the box' }] } }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'counteroffered', counteroffer: { verifiedGrade: 'Flawless', defects: [{ label: `Missing accessory: ${first}` }] } });
  });

  it('approve and counteroffer racing on one trade-in: one wins, the other gets 409', async () => {
    const d = await deliveredTradeIn(ctx, seller);
    const co = await counterofferBody(d, 700_000);
    const [a, b] = await Promise.all([file(d, inspectionBody(d)), file(d, co)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect(await inspectionsOf(d.id)).toHaveLength(1);
    expect(['approved', 'counteroffered']).toContain((await sellerView(d.id)).status);
  });
});

describe('the seller answers a counteroffer', () => {
  it('accepting approves the trade-in at the counteroffer price, once (a replay repeats the answer, a second accept is 409)', async () => {
    const d = await deliveredTradeIn(ctx, seller);
    expect((await file(d, await counterofferBody(d, 700_000))).statusCode).toBe(200);
    await ctx.runtime.jobs.runDue();
    expect(await mailsAbout(seller.email, /Counteroffer for your .*\$7,000\.00/, d.id)).toHaveLength(1);
    const before = await sellerView(d.id);
    expect(before.aftercare.counteroffer).toMatchObject({ state: 'open', price: { amountMinor: 700_000 }, originalPrice: { amountMinor: 1_000_000 }, marketBest: null });
    expect(before.aftercare.counteroffer.comparison.some((c: { differs: boolean }) => c.differs)).toBe(true);
    expect(before.aftercare.counteroffer.photos).toHaveLength(1);

    const key = `accept-${d.id}`;
    const res = await sellerPost(ctx.app, seller, d.id, 'counteroffer/accept', key);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'approved', price: { amountMinor: 700_000 }, aftercare: { counteroffer: { state: 'accepted' } } });
    const replay = await sellerPost(ctx.app, seller, d.id, 'counteroffer/accept', key);
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect((await sellerPost(ctx.app, seller, d.id, 'counteroffer/accept')).statusCode).toBe(409);
    const after = await sellerView(d.id);
    expect(after).toMatchObject({ status: 'approved', price: { amountMinor: 700_000 } });
    expect(after.timeline.find((e: { type: string }) => e.type === 'accept_counteroffer').data).toMatchObject({ price: { amountMinor: 700_000 }, previousPrice: { amountMinor: 1_000_000 } });
  });

  it('rejecting owes a free return: return_pending and requestReturn called once', async () => {
    const d = await deliveredTradeIn(ctx, seller);
    // Another refurbisher pays $6,500.00 for Good: the market's best for the verified grade, shown beside the counteroffer.
    const rival = await buildRefurbisher(ctx.database.db);
    await buildWishlistEntry(ctx.database.db, { refurbisherId: rival.id, variantId: d.variantId, grade: 'Good', priceMinor: 650_000 });
    expect((await file(d, await counterofferBody(d, 700_000))).statusCode).toBe(200);
    expect((await sellerView(d.id)).aftercare.counteroffer.marketBest).toEqual({ amountMinor: 650_000, currency: 'USD' });
    const res = await sellerPost(ctx.app, seller, d.id, 'counteroffer/reject');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'return_pending', price: { amountMinor: 1_000_000 }, aftercare: { counteroffer: { state: 'rejected' } } });
    expect(returns.filter((r) => r.tradeInId === d.id)).toEqual([{ tradeInId: d.id, reason: 'counteroffer_rejected' }]);
    expect((await sellerPost(ctx.app, seller, d.id, 'counteroffer/reject')).statusCode).toBe(409);
    expect((await list(d.inspector, 'returns')).json().items.map((i: { id: string }) => i.id)).toEqual([d.id]);
  });

  it('unanswered: a reminder after 5 days, then after 7 the counteroffer expires into a free return, exactly once; a late accept is 409', async () => {
    const d = await deliveredTradeIn(ctx, seller);
    expect((await file(d, await counterofferBody(d, 700_000))).statusCode).toBe(200);
    const reminders = async () => (await mailsAbout(seller.email, /Reminder: answer the counteroffer/, d.id)).length;
    ctx.clock.advance(5 * DAY - HOUR);
    await ctx.runtime.jobs.runDue();
    expect(await reminders()).toBe(0);
    ctx.clock.advance(2 * HOUR);
    await ctx.runtime.jobs.runDue();
    expect(await reminders()).toBe(1);
    const reminded = (await sellerView(d.id)).timeline.filter((e: { type: string }) => e.type === 'counteroffer_reminder');
    expect(reminded).toHaveLength(1);
    expect((await sellerView(d.id)).status).toBe('counteroffered');

    ctx.clock.advance(2 * DAY);
    await ctx.runtime.jobs.runDue();
    await ctx.runtime.jobs.runDue();
    const t = await sellerView(d.id);
    expect(t.status).toBe('return_pending');
    expect(t.aftercare.counteroffer.state).toBe('expired');
    expect(t.timeline.filter((e: { type: string }) => e.type === 'expire_counteroffer')).toHaveLength(1);
    expect(returns.filter((r) => r.tradeInId === d.id)).toEqual([{ tradeInId: d.id, reason: 'counteroffer_expired' }]);
    expect((await sellerPost(ctx.app, seller, d.id, 'counteroffer/accept')).statusCode).toBe(409);
    expect(await mailsAbout(seller.email, /counteroffer for your .* expired/i, d.id)).toHaveLength(1);
  });
});

describe('lock hold', () => {
  it('"I removed it" tells the refurbisher; a re-inspection clears the hold and approves', async () => {
    const d = await deliveredTradeIn(ctx, seller);
    const res = await file(d, inspectionBody(d, { stillLinked: true, photoIds: [await photoOf(ctx, d)] }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'account_locked', bucket: 'awaiting_seller', lockHold: { sellerClearedAt: null } });
    await ctx.runtime.jobs.runDue();
    expect(await mailsAbout(seller.email, /Action needed: remove your account/, d.id)).toHaveLength(1);

    const removed = await sellerPost(ctx.app, seller, d.id, 'lock-removed');
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json()).toMatchObject({ status: 'account_locked' });
    expect(removed.json().aftercare.lockHold.sellerClearedAt).not.toBeNull();
    await ctx.runtime.jobs.runDue();
    expect(await mailsAbout(d.inspector.email, /the seller removed the account/, d.id)).toHaveLength(1);
    // A second press tells nobody again.
    expect((await sellerPost(ctx.app, seller, d.id, 'lock-removed')).statusCode).toBe(200);
    await ctx.runtime.jobs.runDue();
    expect(await mailsAbout(d.inspector.email, /the seller removed the account/, d.id)).toHaveLength(1);

    const again = await file(d, inspectionBody(d));
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ status: 'approved' });
    expect(again.json().inspections.map((i: { outcome: string }) => i.outcome)).toEqual(['lock_hold', 'match']);
    const hold = await ctx.database.db.selectFrom('lock_holds').selectAll().where('trade_in_id', '=', d.id).executeTakeFirstOrThrow();
    expect(hold.resolution).toBe('rechecked');
    const t = await sellerView(d.id);
    expect(t.timeline.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['lock_hold', 'lock_removed', 'lock_cleared', 'approve']));
    // The delivery date is the first delivery's.
    expect(t.milestones.deliveredAt).toBe(res.json().deliveredAt);
    // Nothing more happens when the hold's deadline passes.
    ctx.clock.advance(8 * DAY);
    await ctx.runtime.jobs.runDue();
    expect((await sellerView(d.id)).status).toBe('approved');
  });

  it('a lock hold nobody resolves lapses after 7 days into a free return', async () => {
    const d = await deliveredTradeIn(ctx, seller);
    expect((await file(d, inspectionBody(d, { stillLinked: true, photoIds: [await photoOf(ctx, d)] }))).statusCode).toBe(200);
    ctx.clock.advance(7 * DAY - HOUR);
    await ctx.runtime.jobs.runDue();
    expect((await sellerView(d.id)).status).toBe('account_locked');
    ctx.clock.advance(2 * HOUR);
    await ctx.runtime.jobs.runDue();
    expect((await sellerView(d.id)).status).toBe('return_pending');
    expect(returns.filter((r) => r.tradeInId === d.id)).toEqual([{ tradeInId: d.id, reason: 'lock_unresolved' }]);
    expect((await file(d, inspectionBody(d))).statusCode).toBe(409);
  });
});

describe('refusal', () => {
  it('a device that is not the declared one is refused and returned; the seller gets the reason', async () => {
    const d = await deliveredTradeIn(ctx, seller);
    await ctx.database.db.updateTable('trade_ins').set({ device_id_kind: 'imei', device_id_value: '490154203237518' }).where('id', '=', d.id).execute();
    const res = await file(d, inspectionBody(d, { identity: { kind: 'imei', value: '356938035643809' }, refusal: 'not_declared_device', photoIds: [await photoOf(ctx, d)] }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'return_pending', inspections: [{ outcome: 'refused', refusal: 'not_declared_device' }] });
    expect(returns.filter((r) => r.tradeInId === d.id)).toEqual([{ tradeInId: d.id, reason: 'refused' }]);
    await ctx.runtime.jobs.runDue();
    const mails = await mailsAbout(seller.email, /could not be accepted/, d.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain('Not the device that was declared');
  });
});

describe('protected seller data', () => {
  it('appears in no refurbisher response of this file', async () => {
    expect(refurbisherBodies.length).toBeGreaterThan(20);
    const all = refurbisherBodies.join('\n');
    for (const secret of ['0009876543210', '021000021', '1990-12-10', 'Lovelace', '1 Main St', '555-0199', seller.email]) {
      expect(all).not.toContain(secret);
    }
    // The SSN's last four, as a number of its own (not inside an id).
    expect(all).not.toMatch(/(?<![0-9a-z])4321(?![0-9a-z])/);
  });
});
