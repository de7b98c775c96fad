import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/app.ts';
import { createTestDatabase } from '../../../../test/db.ts';
import { acceptWithLabel, as, carrierEventBody, freshOffer, postCarrierEvent, readySeller } from '../../../../test/journey.ts';
import { addMember, openRefurbisher, operator, type OpenedRefurbisher } from '../../../../test/refurbishers.ts';
import type { TestUser } from '../../../../test/accounts.ts';
import type { TTradeIn } from '../../../shared/api/trade-ins.ts';
import { addBusinessDaysToInstant } from '../../platform/business-days.ts';
import type { Database } from '../../platform/db/database.ts';
import { transition } from '../trade-ins/index.ts';
import { returnShipmentOf, returnsShippedOnTime } from './index.ts';
import { isValidUpsTrackingNumber } from './tracking-number.ts';

/**
 * The free return through the real path: a delivered trade-in is refused (the machine's
 * `refuse`, as the inspection will do) and, in that transaction, shipping is asked for the
 * return; the label job, the ship-by check and the carrier's scans of the return label follow.
 */
let database: Database;
let t: TestApp;
let seller: TestUser;
let refurb: OpenedRefurbisher;
let inspector: TestUser;
let buyer: TestUser;
let otherAdmin: TestUser;

beforeAll(async () => {
  database = await createTestDatabase();
  t = await buildTestApp(database);
  seller = await readySeller(t);
  const op = await operator(t.app, database.db);
  refurb = await openRefurbisher(t.app, database.db, t.runtime, op);
  inspector = await addMember(t.app, refurb.admin, 'inspector');
  buyer = await addMember(t.app, refurb.admin, 'buyer');
  otherAdmin = (await openRefurbisher(t.app, database.db, t.runtime, op)).admin;
});
afterAll(async () => {
  await t.app.close();
  await database.close();
});

const getTradeIn = async (id: string) => (await t.app.inject({ method: 'GET', url: `/api/trade-ins/${id}`, headers: as(seller) })).json() as TTradeIn;
const remaining = async (entryId: string) =>
  (await database.db.selectFrom('wishlist_entries').select('quantity_remaining').where('id', '=', entryId).executeTakeFirstOrThrow()).quantity_remaining;
const scan = (tn: string, type: string, at = t.clock.now(), eventId?: string) => postCarrierEvent(t.app, carrierEventBody(tn, type, at, eventId));

async function mailsAbout(tradeInId: string) {
  const out = [];
  for (const m of await t.runtime.mailer.listOutbox()) {
    const full = await t.runtime.mailer.readOutboxMessage(m.id);
    if (full?.text.includes(tradeInId)) out.push(full);
  }
  return out;
}

/** Delivered to the opened refurbisher, then refused with the return requested in the same transaction. */
async function refusedTradeIn() {
  const { offerId, entry } = await freshOffer(t.app, database.db, { refurbisherId: refurb.id });
  const accepted = await acceptWithLabel(t, seller, offerId);
  for (const type of ['picked_up', 'delivered']) {
    expect((await scan(accepted.shipping!.trackingNumber, type)).json()).toEqual({ outcome: 'applied' });
  }
  const before = await remaining(entry.id);
  await database.db.transaction().execute(async (trx) => {
    await transition(trx, accepted.id, { event: 'refuse', now: t.clock.now(), data: { reason: 'counterfeit' } });
    await t.runtime.shipping.forInspection.requestReturn(trx, accepted.id, 'refused');
    // A second request in the same transaction (a retried step) changes nothing.
    await t.runtime.shipping.forInspection.requestReturn(trx, accepted.id, 'refused again');
  });
  return { id: accepted.id, entryId: entry.id, unitsBefore: before };
}

describe('the free return', () => {
  it('is requested once, gets a real return label from the refurbisher to the seller, and the seller is told', async () => {
    const { id } = await refusedTradeIn();
    await database.db.transaction().execute((trx) => t.runtime.shipping.forInspection.requestReturn(trx, id, 'once more'));
    const rows = await database.db.selectFrom('return_shipments').selectAll().where('trade_in_id', '=', id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.reason).toBe('refused');
    expect(rows[0]!.refurbisher_id).toBe(refurb.id);
    expect(rows[0]!.ship_by.toISOString()).toBe(addBusinessDaysToInstant(rows[0]!.requested_at, 2).toISOString());

    await t.runtime.jobs.runDue();
    await t.runtime.jobs.runDue();
    const labels = await database.db.selectFrom('shipping_labels').selectAll().where('trade_in_id', '=', id).where('direction', '=', 'return').execute();
    expect(labels).toHaveLength(1);
    expect(isValidUpsTrackingNumber(labels[0]!.tracking_number)).toBe(true);
    expect(labels[0]!.from_address.line1).toBe('1 Dock St');
    expect(labels[0]!.to_address).toMatchObject({ name: 'Ada Lovelace', line1: '1 Main St', city: 'Albany' });

    const view = await returnShipmentOf(database.db, id);
    expect(view).toEqual({
      reason: 'refused',
      shipBy: rows[0]!.ship_by.toISOString(),
      trackingNumber: labels[0]!.tracking_number,
      labelUrl: `/api/refurbisher/trade-ins/${id}/return-label.pdf`,
      shippedAt: null,
      deliveredAt: null,
    });

    // The refurbisher's inspector (or admin) prints it: a 4×6 PDF, from the dock to the seller.
    const pdf = await t.app.inject({ method: 'GET', url: view!.labelUrl!, headers: as(inspector) });
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'return-label-')), 'label.pdf');
    fs.writeFileSync(file, pdf.rawPayload);
    expect(execFileSync('pdfinfo', [file]).toString()).toMatch(/Page size:\s+288 x 432 pts/);
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    expect(text).toContain('Ada Lovelace');
    expect(text).toContain(`${refurb.name} Receiving`);
    expect((await t.app.inject({ method: 'GET', url: view!.labelUrl!, headers: as(refurb.admin) })).statusCode).toBe(200);
    // A buyer of the same organisation, or another organisation's admin: not found.
    expect((await t.app.inject({ method: 'GET', url: view!.labelUrl!, headers: as(buyer) })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: view!.labelUrl!, headers: as(otherAdmin) })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/refurbisher/trade-ins/tin_nope/return-label.pdf', headers: as(inspector) })).statusCode).toBe(404);

    const told = (await mailsAbout(id)).filter((m) => m.subject.includes('coming back to you'));
    expect(told).toHaveLength(1);
    expect(told[0]!.to).toBe(seller.email);
  });

  it('not scanned by ship-by: one operator flag and one e-mail to the team; then the scans bring it back, releasing the unit once', async () => {
    const { id, entryId, unitsBefore } = await refusedTradeIn();
    await t.runtime.jobs.runDue();
    const r = await database.db.selectFrom('return_shipments').selectAll().where('trade_in_id', '=', id).executeTakeFirstOrThrow();
    const flags = () => database.db.selectFrom('operator_flags').select(['kind', 'details']).where('trade_in_id', '=', id).where('kind', '=', 'return_not_shipped').execute();

    t.clock.advance(r.ship_by.getTime() - t.clock.now().getTime() - 60_000);
    await t.runtime.jobs.runDue();
    expect(await flags()).toHaveLength(0);
    t.clock.advance(2 * 60_000);
    await t.runtime.jobs.runDue();
    await t.runtime.jobs.runDue();
    const raised = await flags();
    expect(raised).toHaveLength(1);
    expect(raised[0]!.details).toEqual({ refurbisherId: refurb.id, shipBy: r.ship_by.toISOString() });
    const teamMails = (await mailsAbout(id)).filter((m) => m.subject.startsWith('Return not shipped'));
    expect(teamMails).toHaveLength(1);
    expect(teamMails[0]!.to).toContain(inspector.email);
    expect(teamMails[0]!.to).not.toContain(seller.email);

    const tn = (await returnShipmentOf(database.db, id))!.trackingNumber!;
    expect(await remaining(entryId)).toBe(unitsBefore);
    const picked = carrierEventBody(tn, 'picked_up', t.clock.now());
    expect((await postCarrierEvent(t.app, picked)).json()).toEqual({ outcome: 'applied' });
    expect((await postCarrierEvent(t.app, picked)).json()).toEqual({ outcome: 'duplicate' });
    expect((await getTradeIn(id)).status).toBe('returning');
    // An older scan arriving late changes no status.
    expect((await scan(tn, 'in_transit', new Date(t.clock.now().getTime() - 3_600_000))).json()).toEqual({ outcome: 'recorded' });
    expect((await getTradeIn(id)).status).toBe('returning');
    await t.runtime.jobs.runDue();
    const shippedMail = (await mailsAbout(id)).filter((m) => m.subject.includes('shipped back to you'));
    expect(shippedMail).toHaveLength(1);
    expect(shippedMail[0]!.text.replaceAll(' ', '')).toContain(tn);

    t.clock.advance(86_400_000);
    const delivered = carrierEventBody(tn, 'delivered', t.clock.now());
    expect((await postCarrierEvent(t.app, delivered)).json()).toEqual({ outcome: 'applied' });
    expect((await postCarrierEvent(t.app, delivered)).json()).toEqual({ outcome: 'duplicate' });
    // The same delivery under another event id (a carrier resending it) changes nothing either.
    expect((await scan(tn, 'delivered', t.clock.now())).json()).toEqual({ outcome: 'recorded' });
    const back = await getTradeIn(id);
    expect(back.status).toBe('returned');
    expect(back.milestones.returnedAt).toBe(t.clock.now().toISOString());
    expect(back.timeline.filter((e) => e.type === 'return_shipped')).toHaveLength(1);
    expect(back.timeline.filter((e) => e.type === 'return_delivered')).toHaveLength(1);
    expect(await remaining(entryId)).toBe(unitsBefore + 1);
    await t.runtime.jobs.runDue();
    expect((await mailsAbout(id)).filter((m) => m.subject.includes('is back with you'))).toHaveLength(1);

    const view = await returnShipmentOf(database.db, id);
    expect(view!.shippedAt).not.toBeNull();
    expect(view!.deliveredAt).toBe(t.clock.now().toISOString());
    // Still one flag after all that, and the ship-by job does not raise it again.
    t.clock.advance(86_400_000);
    await t.runtime.jobs.runDue();
    expect(await flags()).toHaveLength(1);
  });

  it('counts returns shipped on time for the scorecard', async () => {
    const since = t.clock.now();
    const before = await returnsShippedOnTime(database.db, refurb.id, since);
    expect(before).toEqual({ total: 0, onTime: 0 });
    const { id } = await refusedTradeIn();
    await t.runtime.jobs.runDue();
    // Requested, not shipped, ship-by not reached: not counted yet.
    expect(await returnsShippedOnTime(database.db, refurb.id, since)).toEqual({ total: 0, onTime: 0 });
    const tn = (await returnShipmentOf(database.db, id))!.trackingNumber!;
    // The demo's carrier tool scans a device on its way back on its return label.
    const demo = await t.app.inject({ method: 'POST', url: '/api/dev/carrier-events', headers: as(seller), payload: { tradeInId: id, type: 'picked_up' } });
    expect(demo.json(), demo.body).toEqual({ outcome: 'applied', trackingNumber: tn });
    expect((await getTradeIn(id)).status).toBe('returning');
    expect(await returnsShippedOnTime(database.db, refurb.id, since)).toEqual({ total: 1, onTime: 1 });
    expect(await returnsShippedOnTime(database.db, 'ref_someone_else', since)).toEqual({ total: 0, onTime: 0 });
  });
});
