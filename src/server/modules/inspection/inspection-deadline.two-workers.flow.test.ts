import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildTestApp, testKeyring, type TestApp } from '../../../../test/app.ts';
import { connectAgain, createTestDatabase } from '../../../../test/db.ts';
import { acceptWithLabel, carrierEventBody, freshOffer, postCarrierEvent, readySeller } from '../../../../test/journey.ts';
import { startSmtpServer } from '../../../../test/smtp.ts';
import type { Database } from '../../platform/db/database.ts';
import { createMailer, readMessage } from '../../platform/mail/index.ts';

/**
 * A missed inspection deadline with two worker processes against one PostgreSQL (two runtimes,
 * two pools, each running the due jobs twice at the same moment): every trade-in is flagged once
 * and approved at the offer price exactly once, and its seller gets one e-mail. PGlite is one
 * process by design.
 */
describe.skipIf(!inject('serverTemplate'))('the missed inspection deadline, two workers, one PostgreSQL', () => {
  let database: Database;
  let second: Database;
  let a: TestApp;
  let b: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    database = await createTestDatabase();
    second = await connectAgain(database);
    const now = new Date('2026-11-26T15:00:00Z');
    const mailer = (clockNow: () => Date) =>
      createMailer({ smtpUrl: smtp.url, outboxDir: '/nonexistent', from: 'Tradeloop <no-reply@tradeloop.test>', clock: { now: clockNow } });
    const keyring = testKeyring();
    a = await buildTestApp(database, { now, keyring, mailer: mailer(() => a.clock.now()) });
    b = await buildTestApp(second, { now, keyring, mailer: mailer(() => b.clock.now()) });
  });
  afterAll(async () => {
    await a.app.close();
    await b.app.close();
    await second.close();
    await database.close();
    await smtp.close();
  });

  it('8 trade-ins past the deadline and the grace period: 8 flags, 8 approvals, 8 e-mails', async () => {
    const inbox = (email: string) =>
      Promise.all(
        smtp.received
          .filter((m) => m.rcptTo.includes(email))
          .map(async (m) => {
            const { subject, text } = await readMessage(m.raw);
            return { subject, text };
          }),
      );
    const seller = await readySeller({ ...a, inbox });
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const { offerId } = await freshOffer(a.app, database.db);
      const tradeIn = await acceptWithLabel(a, seller, offerId);
      for (const type of ['picked_up', 'delivered']) {
        const res = await postCarrierEvent(a.app, carrierEventBody(tradeIn.shipping!.trackingNumber, type, a.clock.now()));
        expect(res.json(), res.body).toEqual({ outcome: 'applied' });
      }
      ids.push(tradeIn.id);
    }
    const bothRun = async (days: number) => {
      a.clock.advance(days * 86_400_000);
      b.clock.advance(days * 86_400_000);
      await Promise.all([a.runtime.jobs.runDue(), b.runtime.jobs.runDue(), a.runtime.jobs.runDue(), b.runtime.jobs.runDue()]);
    };
    await bothRun(6); // past the deadline (2 business days; Thanksgiving and a weekend in between)
    const flags = await database.db.selectFrom('operator_flags').select('trade_in_id').where('kind', '=', 'inspection_overdue').where('trade_in_id', 'in', ids).execute();
    expect(flags.map((f) => f.trade_in_id).sort()).toEqual([...ids].sort());
    await bothRun(6); // past the grace period (2 more business days)
    await bothRun(1);

    const rows = await database.db.selectFrom('trade_ins').select(['id', 'status']).where('id', 'in', ids).execute();
    expect(rows.every((r) => r.status === 'approved'), JSON.stringify(rows)).toBe(true);
    const events = await database.db.selectFrom('trade_in_events').select(['trade_in_id', 'type']).where('trade_in_id', 'in', ids).execute();
    const mails = await inbox(seller.email);
    for (const id of ids) {
      expect(events.filter((e) => e.trade_in_id === id && e.type === 'lapse_inspection'), id).toHaveLength(1);
      expect(mails.filter((m) => m.text.includes(id) && m.subject.includes('is approved')), id).toHaveLength(1);
    }
    expect(await database.db.selectFrom('operator_flags').select('id').where('kind', '=', 'inspection_overdue').where('trade_in_id', 'in', ids).execute()).toHaveLength(ids.length);
  });
});
