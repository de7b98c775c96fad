import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/app.ts';
import { createTestDatabase } from '../../../../test/db.ts';
import { acceptWithLabel, as, carrierEventBody, freshOffer, postCarrierEvent, readySeller } from '../../../../test/journey.ts';
import { addMember, openRefurbisher, operator, type OpenedRefurbisher } from '../../../../test/refurbishers.ts';
import type { TestUser } from '../../../../test/accounts.ts';
import type { TTradeIn } from '../../../shared/api/trade-ins.ts';
import { addBusinessDaysToInstant } from '../../platform/business-days.ts';
import type { Database } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { transition } from '../trade-ins/index.ts';
import { hasInspection, inspectionReminderAt } from './inspection-deadline.jobs.ts';

/**
 * The inspection deadline through the real path: accept → label → carrier scans (the delivery
 * schedules the deadline's jobs in its transaction) → the product clock moves → the due jobs run.
 */
let database: Database;
let t: TestApp;
let seller: TestUser;
let refurb: OpenedRefurbisher;
let inspector: TestUser;
let buyer: TestUser;

beforeAll(async () => {
  database = await createTestDatabase();
  t = await buildTestApp(database);
  seller = await readySeller(t);
  const op = await operator(t.app, database.db);
  refurb = await openRefurbisher(t.app, database.db, t.runtime, op);
  inspector = await addMember(t.app, refurb.admin, 'inspector');
  buyer = await addMember(t.app, refurb.admin, 'buyer');
});
afterAll(async () => {
  await t.app.close();
  await database.close();
});

const getTradeIn = async (id: string) => (await t.app.inject({ method: 'GET', url: `/api/trade-ins/${id}`, headers: as(seller) })).json() as TTradeIn;
const advanceTo = (at: Date) => t.clock.advance(Math.max(0, at.getTime() - t.clock.now().getTime()));

/** A trade-in delivered to the opened refurbisher now (product time), by the carrier's webhook. */
async function deliveredTradeIn(): Promise<TTradeIn> {
  const { offerId } = await freshOffer(t.app, database.db, { refurbisherId: refurb.id });
  const accepted = await acceptWithLabel(t, seller, offerId);
  const tn = accepted.shipping!.trackingNumber;
  for (const type of ['picked_up', 'delivered']) {
    const res = await postCarrierEvent(t.app, carrierEventBody(tn, type, t.clock.now()));
    expect(res.json(), res.body).toEqual({ outcome: 'applied' });
  }
  const tradeIn = await getTradeIn(accepted.id);
  expect(tradeIn.status).toBe('delivered');
  return tradeIn;
}

/** The messages in the outbox that mention the trade-in, by subject. */
async function mailsAbout(tradeInId: string) {
  const out = [];
  for (const m of await t.runtime.mailer.listOutbox()) {
    const full = await t.runtime.mailer.readOutboxMessage(m.id);
    if (full?.text.includes(tradeInId)) out.push(full);
  }
  return out;
}

const flagsOf = (tradeInId: string) =>
  database.db.selectFrom('operator_flags').select(['kind', 'details']).where('trade_in_id', '=', tradeInId).where('kind', '=', 'inspection_overdue').execute();
const eventsOf = async (tradeInId: string, type: string) =>
  (await database.db.selectFrom('trade_in_events').select('type').where('trade_in_id', '=', tradeInId).where('type', '=', type).execute()).length;

describe('the inspection deadline', () => {
  it('reminds the team once on the due day, flags at the deadline, and approves at the offer price exactly once 2 business days later', async () => {
    const tradeIn = await deliveredTradeIn();
    const due = new Date(tradeIn.deadlines.inspectionDueAt!);
    expect(tradeIn.deadlines.inspectionLate).toBe(false);
    expect(tradeIn.deadlines.autoApproveAt).toBeNull();
    const remindAt = inspectionReminderAt(due, t.clock.now());
    expect(remindAt.getTime()).toBeLessThan(due.getTime());
    expect(remindAt.getTime()).toBeGreaterThan(t.clock.now().getTime());

    const reminders = async () => (await mailsAbout(tradeIn.id)).filter((m) => m.subject.startsWith('Inspection due'));
    advanceTo(new Date(remindAt.getTime() - 60_000));
    await t.runtime.jobs.runDue();
    expect(await reminders()).toHaveLength(0);
    advanceTo(new Date(remindAt.getTime() + 60_000));
    await t.runtime.jobs.runDue();
    await t.runtime.jobs.runDue();
    const sent = await reminders();
    expect(sent).toHaveLength(1);
    // To the admin and the inspector; the buyer handles the wishlist, not incoming devices.
    expect(sent[0]!.to).toContain(refurb.admin.email);
    expect(sent[0]!.to).toContain(inspector.email);
    expect(sent[0]!.to).not.toContain(buyer.email);
    expect(sent[0]!.to).not.toContain(seller.email);

    // Up to the deadline: not late, no flag.
    advanceTo(new Date(due.getTime() - 1000));
    await t.runtime.jobs.runDue();
    expect(await flagsOf(tradeIn.id)).toHaveLength(0);
    expect((await getTradeIn(tradeIn.id)).deadlines.inspectionLate).toBe(false);

    advanceTo(new Date(due.getTime() + 1000));
    await t.runtime.jobs.runDue();
    await t.runtime.jobs.runDue();
    const flags = await flagsOf(tradeIn.id);
    expect(flags).toHaveLength(1);
    expect(flags[0]!.details).toEqual({ refurbisherId: refurb.id, dueAt: due.toISOString() });
    const overdueMails = (await mailsAbout(tradeIn.id)).filter((m) => m.subject.startsWith('Inspection overdue'));
    expect(overdueMails).toHaveLength(1);
    expect(overdueMails[0]!.to).toContain(inspector.email);

    // The seller's page stops promising the passed date: late, and when it is approved automatically.
    const lapseAt = addBusinessDaysToInstant(due, 2);
    const late = await getTradeIn(tradeIn.id);
    expect(late.status).toBe('delivered');
    expect(late.deadlines.inspectionLate).toBe(true);
    expect(late.deadlines.autoApproveAt).toBe(lapseAt.toISOString());

    advanceTo(new Date(lapseAt.getTime() - 60_000));
    await t.runtime.jobs.runDue();
    expect((await getTradeIn(tradeIn.id)).status).toBe('delivered');

    advanceTo(new Date(lapseAt.getTime() + 1000));
    await t.runtime.jobs.runDue();
    await t.runtime.jobs.runDue();
    const approved = await getTradeIn(tradeIn.id);
    expect(approved.status).toBe('approved');
    expect(approved.price).toEqual(tradeIn.price);
    expect(approved.milestones.approvedAt).not.toBeNull();
    expect(approved.deadlines.inspectionLate).toBe(false);
    const entry = approved.timeline.filter((e) => e.type === 'lapse_inspection');
    expect(entry).toHaveLength(1);
    expect(entry[0]!.title).toMatch(/approved automatically.*inspection deadline lapsed/i);
    expect(entry[0]!.data).toMatchObject({ reason: 'inspection_deadline_lapsed', inspectionDueAt: due.toISOString() });

    const sellerMails = (await mailsAbout(tradeIn.id)).filter((m) => m.to.includes(seller.email) && m.subject.includes('is approved'));
    expect(sellerMails).toHaveLength(1);
    expect(sellerMails[0]!.text).toMatch(/approved automatically at the offer price/);
    // Nothing more later: still one reminder, one flag, one approval.
    t.clock.advance(10 * 86_400_000);
    await t.runtime.jobs.runDue();
    expect(await eventsOf(tradeIn.id, 'lapse_inspection')).toBe(1);
    expect(await reminders()).toHaveLength(1);
    expect(await flagsOf(tradeIn.id)).toHaveLength(1);
  });

  it('follows the deadline when an earlier delivery scan arrives late: flagged at the earlier deadline', async () => {
    const { offerId } = await freshOffer(t.app, database.db, { refurbisherId: refurb.id });
    const accepted = await acceptWithLabel(t, seller, offerId);
    const tn = accepted.shipping!.trackingNumber;
    const shippedAt = t.clock.now();
    expect((await postCarrierEvent(t.app, carrierEventBody(tn, 'picked_up', shippedAt))).json()).toEqual({ outcome: 'applied' });
    t.clock.advance(5 * 86_400_000);
    expect((await postCarrierEvent(t.app, carrierEventBody(tn, 'delivered', t.clock.now()))).json()).toEqual({ outcome: 'applied' });
    const firstDue = new Date((await getTradeIn(accepted.id)).deadlines.inspectionDueAt!);
    // The carrier's first delivery report, four days earlier, arrives now.
    const earlier = new Date(t.clock.now().getTime() - 4 * 86_400_000);
    expect((await postCarrierEvent(t.app, carrierEventBody(tn, 'delivered', earlier))).json()).toEqual({ outcome: 'applied' });
    const due = new Date((await getTradeIn(accepted.id)).deadlines.inspectionDueAt!);
    expect(due.getTime()).toBeLessThan(firstDue.getTime());
    // (It may have passed already: the overdue job then runs at once.)
    advanceTo(new Date(due.getTime() + 1000));
    await t.runtime.jobs.runDue();
    const flags = await flagsOf(accepted.id);
    expect(flags).toHaveLength(1);
    expect(flags[0]!.details).toEqual({ refurbisherId: refurb.id, dueAt: due.toISOString() });
    // The old deadline's jobs find the effect done: still one flag, one e-mail to the team, one approval.
    advanceTo(new Date(addBusinessDaysToInstant(firstDue, 2).getTime() + 1000));
    await t.runtime.jobs.runDue();
    await t.runtime.jobs.runDue();
    expect(await flagsOf(accepted.id)).toHaveLength(1);
    expect((await mailsAbout(accepted.id)).filter((m) => m.subject.startsWith('Inspection overdue'))).toHaveLength(1);
    expect((await mailsAbout(accepted.id)).filter((m) => m.subject.includes('has arrived'))).toHaveLength(1);
    expect(await eventsOf(accepted.id, 'lapse_inspection')).toBe(1);
  });

  it('leaves a trade-in alone once an inspection is on file, even when a lock hold brought it back to delivered', async () => {
    const tradeIn = await deliveredTradeIn();
    const due = new Date(tradeIn.deadlines.inspectionDueAt!);
    expect(await hasInspection(database.db, tradeIn.id)).toBe(false);
    // The refurbisher's first inspection found the device still linked; the seller unlinked it.
    await database.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('trade_ins').select(['refurbisher_id', 'grade', 'delivered_at', 'inspection_due_at']).where('id', '=', tradeIn.id).executeTakeFirstOrThrow();
      const now = t.clock.now();
      await trx
        .insertInto('inspections')
        .values({
          id: newId('inspection', now.getTime()),
          trade_in_id: tradeIn.id,
          refurbisher_id: row.refurbisher_id,
          inspector_user_id: inspector.id,
          inspector_name: 'Inspector',
          outcome: 'lock_hold',
          declared_grade: row.grade,
          verified_grade: row.grade,
          answers: JSON.stringify({}),
          accessories: JSON.stringify([]),
          still_linked: true,
          delivered_at: row.delivered_at!,
          due_at: row.inspection_due_at!,
          created_at: now,
        })
        .execute();
      await transition(trx, tradeIn.id, { event: 'lock_hold', now });
      await transition(trx, tradeIn.id, { event: 'lock_cleared', now });
    });
    expect(await hasInspection(database.db, tradeIn.id)).toBe(true);
    expect((await getTradeIn(tradeIn.id)).status).toBe('delivered');

    advanceTo(new Date(addBusinessDaysToInstant(due, 2).getTime() + 1000));
    await t.runtime.jobs.runDue();
    await t.runtime.jobs.runDue();
    const after = await getTradeIn(tradeIn.id);
    expect(after.status).toBe('delivered');
    expect(await eventsOf(tradeIn.id, 'lapse_inspection')).toBe(0);
    expect(await flagsOf(tradeIn.id)).toHaveLength(0);
    expect((await mailsAbout(tradeIn.id)).filter((m) => m.subject.startsWith('Inspection'))).toHaveLength(0);
    // And its page promises no automatic approval that will not come.
    expect(after.deadlines.autoApproveAt).toBeNull();
  });
});
