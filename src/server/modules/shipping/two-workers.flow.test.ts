import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildTestApp, testKeyring, type TestApp } from '../../../../test/app.ts';
import { connectAgain, createTestDatabase } from '../../../../test/db.ts';
import { accept, freshOffer, readySeller } from '../../../../test/journey.ts';
import { startSmtpServer } from '../../../../test/smtp.ts';
import type { Database } from '../../platform/db/database.ts';
import { createMailer, readMessage } from '../../platform/mail/index.ts';

/**
 * Two worker processes against one PostgreSQL (two runtimes, two pools): every deadline fires
 * once and every e-mail is sent once, over a real SMTP server. PGlite is one process by design.
 */
describe.skipIf(!inject('serverTemplate'))('two workers, one PostgreSQL', () => {
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
    // Two processes of one deployment share its master key (each test app would otherwise make its own).
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

  it('10 trade-ins past ship-by: 10 expiries, 10 expired e-mails, 10 accepted e-mails with the label', async () => {
    // The confirmation link comes over SMTP too: the seller reads it from what the server received.
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
    for (let i = 0; i < 10; i++) {
      const { offerId } = await freshOffer(a.app, database.db);
      const res = await accept(a.app, seller, offerId);
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json().id);
    }
    const bothRun = async (days: number) => {
      a.clock.advance(days * 86_400_000);
      b.clock.advance(days * 86_400_000);
      await Promise.all([a.runtime.jobs.runDue(), b.runtime.jobs.runDue(), a.runtime.jobs.runDue(), b.runtime.jobs.runDue()]);
    };
    await bothRun(20); // both reminders fall due (7 and 2 days before ship-by)
    await bothRun(2); // past ship-by: the expiry

    const events = await database.db.selectFrom('trade_in_events').select(['trade_in_id', 'type']).where('trade_in_id', 'in', ids).execute();
    for (const id of ids) {
      expect(events.filter((e) => e.trade_in_id === id && e.type === 'expire'), id).toHaveLength(1);
      expect(events.filter((e) => e.trade_in_id === id && e.type === 'reminder'), id).toHaveLength(2);
    }
    const mails = await Promise.all(
      smtp.received.map(async (m) => {
        const { subject, text, attachments } = await readMessage(m.raw);
        return { subject, text, types: attachments.map((a) => a.contentType) };
      }),
    );
    for (const id of ids) {
      const mine = mails.filter((m) => m.text.includes(id));
      expect(mine.filter((m) => m.subject.includes('expired')), id).toHaveLength(1);
      expect(mine.filter((m) => m.subject.startsWith('Reminder')), id).toHaveLength(2);
      const acceptedMails = mine.filter((m) => m.subject.includes('ship by'));
      expect(acceptedMails, id).toHaveLength(1);
      expect(acceptedMails[0]!.types.some((t) => t.startsWith('application/pdf')), id).toBe(true);
    }
  });
});
