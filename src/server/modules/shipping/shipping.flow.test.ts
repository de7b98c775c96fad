import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../../test/app.ts';
import { createTestDatabase } from '../../../../test/db.ts';
import { accept, acceptWithLabel, as, carrierEventBody, freshOffer, newKey, postCarrierEvent, readySeller } from '../../../../test/journey.ts';
import type { AdjustableClock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';
import { readMessage } from '../../platform/mail/index.ts';
import type { Runtime } from '../../runtime.ts';
import type { TestUser } from '../../../../test/accounts.ts';
import type { AccountSecrets } from '../accounts/index.ts';
import { isValidUpsTrackingNumber } from './tracking-number.ts';

let database: Database;
let app: FastifyInstance;
let clock: AdjustableClock;
let runtime: Runtime;
let secrets: AccountSecrets;
let seller: TestUser;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app, clock, runtime, secrets } = await buildTestApp(database));
  seller = await readySeller({ app, runtime });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const carrierEvent = carrierEventBody;
const postWebhook = (body: string, opts: Parameters<typeof postCarrierEvent>[2] = {}) => postCarrierEvent(app, body, opts);
async function acceptedTradeIn(quantity = 5) {
  const offer = await freshOffer(app, database.db, { quantity });
  const tradeIn = await acceptWithLabel({ app, runtime }, seller, offer.offerId);
  return { ...offer, tradeIn: tradeIn as typeof tradeIn & { shipping: { trackingNumber: string } } };
}
const getTradeIn = async (id: string) => (await app.inject({ method: 'GET', url: `/api/trade-ins/${id}`, headers: as(seller) })).json();
const remaining = async (entryId: string) =>
  (await database.db.selectFrom('wishlist_entries').select('quantity_remaining').where('id', '=', entryId).executeTakeFirstOrThrow()).quantity_remaining;
const outbox = async () => runtime.mailer.listOutbox();

describe('the label', () => {
  it('is a 4×6 PDF for its seller, with a valid UPS tracking number, and the QR code is a PNG', async () => {
    const { tradeIn } = await acceptedTradeIn();
    expect(isValidUpsTrackingNumber(tradeIn.shipping.trackingNumber)).toBe(true);
    const pdf = await app.inject({ method: 'GET', url: `/api/trade-ins/${tradeIn.id}/label.pdf`, headers: as(seller) });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'label-')), 'label.pdf');
    fs.writeFileSync(file, pdf.rawPayload);
    expect(execFileSync('pdfinfo', [file]).toString()).toMatch(/Page size:\s+288 x 432 pts/);
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    expect(text).toContain('Ada Lovelace');
    expect(text).toMatch(/The UPS Store/);
    const qr = await app.inject({ method: 'GET', url: `/api/trade-ins/${tradeIn.id}/qr.png`, headers: as(seller) });
    expect(qr.headers['content-type']).toBe('image/png');
    expect(qr.rawPayload.subarray(1, 4).toString()).toBe('PNG');
  });

  it('the accepted e-mail goes out with the label attached and the QR inline, and no protected field', async () => {
    const { tradeIn } = await acceptedTradeIn();
    await runtime.jobs.runDue();
    const mails = (await outbox()).filter((m) => m.subject.includes('ship by'));
    const mine = [];
    for (const m of mails) {
      const full = await runtime.mailer.readOutboxMessage(m.id);
      if (full && full.text.includes(tradeIn.id)) mine.push(full);
    }
    expect(mine).toHaveLength(1);
    const mail = mine[0]!;
    expect(mail.to).toBe(seller.email);
    expect(mail.attachments.map((a) => a.contentType).sort()).toEqual(['application/pdf', 'image/png']);
    // As sent, the HTML links the inline QR code by its Content-ID; a reader shows the image in its place.
    const sentHtml = (await readMessage((await runtime.mailer.readOutboxEml(mail.id))!, { keepCidLinks: true })).html;
    expect(sentHtml).toContain('cid:dropoff-qr');
    expect(mail.html).toContain('src="data:image/png;base64,');
    expect(mail.text).toMatch(/The UPS Store/);
    for (const secret of ['0009876543210', '021000021', '4321', '1990-12-10']) {
      expect(mail.text).not.toContain(secret);
      expect(sentHtml).not.toContain(secret);
    }
  });
});

describe('carrier webhook', () => {
  it('refuses a bad signature or a stale one (401) and changes nothing', async () => {
    const { tradeIn } = await acceptedTradeIn();
    const body = carrierEvent(tradeIn.shipping.trackingNumber, 'picked_up', clock.now());
    expect((await postWebhook(body, { secret: 'not-the-secret-at-all' })).statusCode).toBe(401);
    expect((await postWebhook(body, { at: Math.floor(Date.now() / 1000) - 301 })).statusCode).toBe(401);
    expect((await postWebhook(body, { header: 'garbage' })).statusCode).toBe(401);
    expect((await getTradeIn(tradeIn.id)).status).toBe('awaiting_shipment');
    const stored = await database.db.selectFrom('carrier_events').select('event_id').where('tracking_number', '=', tradeIn.shipping.trackingNumber).execute();
    expect(stored).toEqual([]);
  });

  it('first scan ships, delivered delivers with a 2-business-day inspection deadline; replays and older events change nothing', async () => {
    const { tradeIn } = await acceptedTradeIn();
    const tn = tradeIn.shipping.trackingNumber;
    // Events are dated in the past: the clock moves past them first (future dates are refused).
    clock.advance(new Date('2026-12-05T00:00:00Z').getTime() - clock.now().getTime());
    const pickedUp = carrierEvent(tn, 'picked_up', new Date('2026-11-27T14:00:00Z'), 'evt-a');
    expect((await postWebhook(pickedUp)).json()).toEqual({ outcome: 'applied' });
    expect((await getTradeIn(tradeIn.id)).status).toBe('in_transit');
    expect((await postWebhook(pickedUp)).json()).toEqual({ outcome: 'duplicate' });

    // Delivered Friday 2026-12-04 in New York: + 2 business days is Tuesday 2026-12-08 (the weekend does not count).
    const delivered = carrierEvent(tn, 'delivered', new Date('2026-12-04T18:00:00Z'), 'evt-b');
    expect((await postWebhook(delivered)).json()).toEqual({ outcome: 'applied' });
    const older = carrierEvent(tn, 'in_transit', new Date('2026-11-30T16:00:00Z'), 'evt-c');
    expect((await postWebhook(older)).json()).toEqual({ outcome: 'recorded' });

    const t = await getTradeIn(tradeIn.id);
    expect(t.status).toBe('delivered');
    expect(t.milestones.shippedAt).toBe('2026-11-27T14:00:00.000Z');
    expect(t.milestones.deliveredAt).toBe('2026-12-04T18:00:00.000Z');
    expect(t.deadlines.inspectionDueAt).toBe('2026-12-09T04:59:59.999Z'); // end of Tue 2026-12-08 in New York
    expect(t.timeline.map((e: { type: string }) => e.type)).toEqual(['accepted', 'picked_up', 'in_transit', 'delivered']);
    expect(t.canCancel).toBe(false);
  });

  it('answers 400 naming the fields of a malformed event, 200 unknown_tracking for a number it never issued', async () => {
    const bad = JSON.stringify({ eventId: 'x1', trackingNumber: '1Z', type: 'teleported', occurredAt: 'yesterday' });
    const res = await postWebhook(bad);
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual(['occurredAt', 'type']);
    expect((await postWebhook(carrierEvent('1Z999AA10123456784', 'picked_up', clock.now()))).json()).toEqual({ outcome: 'unknown_tracking' });
  });
});

describe('cancel', () => {
  it('before the first scan: label voided, unit released; after: 409 and nothing changes', async () => {
    const first = await acceptedTradeIn(3);
    expect(await remaining(first.entry.id)).toBe(2);
    const res = await app.inject({ method: 'POST', url: `/api/trade-ins/${first.tradeIn.id}/cancel`, headers: { ...as(seller), 'idempotency-key': newKey() } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('cancelled');
    expect(res.json().shipping).toBeNull();
    expect(await remaining(first.entry.id)).toBe(3);
    // The carrier voids it from a job after the commit.
    expect((await database.db.selectFrom('shipping_labels').select('status').where('trade_in_id', '=', first.tradeIn.id).executeTakeFirstOrThrow()).status).toBe('issued');
    await runtime.jobs.runDue();
    const label = await database.db.selectFrom('shipping_labels').select('status').where('trade_in_id', '=', first.tradeIn.id).executeTakeFirstOrThrow();
    expect(label.status).toBe('voided');
    expect((await app.inject({ method: 'GET', url: `/api/trade-ins/${first.tradeIn.id}/label.pdf`, headers: as(seller) })).statusCode).toBe(404);

    const second = await acceptedTradeIn(3);
    await postWebhook(carrierEvent(second.tradeIn.shipping.trackingNumber, 'in_transit', clock.now()));
    const refused = await app.inject({ method: 'POST', url: `/api/trade-ins/${second.tradeIn.id}/cancel`, headers: { ...as(seller), 'idempotency-key': newKey() } });
    expect(refused.statusCode).toBe(409);
    expect((await getTradeIn(second.tradeIn.id)).status).toBe('in_transit');
    expect(await remaining(second.entry.id)).toBe(2);
  });
});

describe('the 21-day window', () => {
  it('reminds at 7 and 2 days, expires at ship-by exactly (not a second before), releases the unit once', async () => {
    const { tradeIn, entry } = await acceptedTradeIn(4);
    expect(await remaining(entry.id)).toBe(3);
    const shipBy = new Date(tradeIn.shipBy).getTime();
    const advanceTo = async (ms: number) => {
      clock.advance(ms - clock.now().getTime());
      await runtime.jobs.runDue();
    };
    await advanceTo(shipBy - 7 * 86_400_000);
    let t = await getTradeIn(tradeIn.id);
    expect(t.timeline.filter((e: { type: string }) => e.type === 'reminder')).toHaveLength(1);
    await advanceTo(shipBy - 2 * 86_400_000);
    await advanceTo(shipBy - 1000);
    t = await getTradeIn(tradeIn.id);
    expect(t.status).toBe('awaiting_shipment');
    expect(t.timeline.filter((e: { type: string }) => e.type === 'reminder')).toHaveLength(2);

    await advanceTo(shipBy);
    t = await getTradeIn(tradeIn.id);
    expect(t.status).toBe('expired');
    expect(t.milestones.expiredAt).toBe(new Date(shipBy).toISOString());
    expect(await remaining(entry.id)).toBe(4);
    await runtime.jobs.runDue();
    expect(await remaining(entry.id)).toBe(4);

    const subjects = [];
    for (const m of await outbox()) {
      const full = await runtime.mailer.readOutboxMessage(m.id);
      if (full?.text.includes(tradeIn.id)) subjects.push(full.subject);
    }
    expect(subjects.filter((s) => s.startsWith('Reminder'))).toHaveLength(2);
    expect(subjects.filter((s) => s.includes('expired'))).toHaveLength(1);
  });

  it('a deadline that passed while the process was down fires when it comes back', async () => {
    const { tradeIn } = await acceptedTradeIn();
    await runtime.jobs.stop();
    clock.advance(new Date(tradeIn.shipBy).getTime() - clock.now().getTime() + 60_000);
    // A new process: its own runtime and app on the same database, clock and master key.
    const next = await buildTestApp(database, { now: clock.now(), keyring: secrets.keyring });
    try {
      const before = await database.db.selectFrom('trade_ins').select('status').where('id', '=', tradeIn.id).executeTakeFirstOrThrow();
      expect(before.status).toBe('awaiting_shipment');
      await next.runtime.jobs.runDue();
      const after = await database.db.selectFrom('trade_ins').select('status').where('id', '=', tradeIn.id).executeTakeFirstOrThrow();
      expect(after.status).toBe('expired');
      const told = (await next.runtime.mailer.listOutbox()).filter((m) => m.subject.includes('has expired'));
      expect(told.map((m) => m.to)).toEqual([seller.email]);
    } finally {
      await next.app.close();
    }
  });
});
