import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.ts';
import { accept, as, freshOffer, makeUser, readySeller } from '../../../../test/journey.ts';
import { confirmEmail, GOOD_PASSWORD, signUp, validPayout, VALID_PROFILE, VERIFICATION_SUBJECT } from '../../../../test/accounts.ts';
import { leakyMailer } from '../../../../test/faults.ts';
import { createMailer } from '../../platform/mail/index.ts';
import { JOBS_SCHEMA } from '../../platform/jobs/index.ts';
import { JOB_TRADE_IN_MAIL, tradeInMailKey, type TradeInMailJob } from './trade-in-mail.job.ts';
import { TRADE_IN_EMAIL_TEMPLATES } from './trade-in-emails.ts';

// A real mailer (the outbox) that can play a template printing a protected value.
const { mailer, leak } = leakyMailer(
  createMailer({ outboxDir: fs.mkdtempSync(path.join(os.tmpdir(), 'tradeloop-guard-')), from: 'Tradeloop <no-reply@tradeloop.example>' }),
);
const ctx = useTestApp({ mailer });

async function enqueueMail(job: TradeInMailJob) {
  await ctx.runtime.jobs.enqueue(ctx.database.db, JOB_TRADE_IN_MAIL, job, { singletonKey: tradeInMailKey(job) });
}

describe('the protected-data guard is on for every trade-in e-mail', () => {
  it('sends every e-mail to a seller whose SSN last four equal the year the e-mails print', async () => {
    const year = String(ctx.clock.now().getUTCFullYear());
    const seller = await signUp(ctx.app);
    await confirmEmail(ctx, seller);
    for (const [url, payload] of [
      ['/api/me/profile', VALID_PROFILE],
      ['/api/me/identity', { kind: 'ssn_last4', last4: year }],
      ['/api/me/payout-method', validPayout(GOOD_PASSWORD)],
    ] as const) {
      expect((await ctx.app.inject({ method: 'PUT', url, headers: as(seller), payload })).statusCode).toBe(200);
    }
    const res = await accept(ctx.app, seller, (await freshOffer(ctx.app, ctx.database.db)).offerId);
    expect(res.statusCode, res.body).toBe(201);
    const tradeInId = res.json().id as string;
    // The erasure certificate's e-mail needs its certificate: erasure.test.ts sends it.
    const templates = TRADE_IN_EMAIL_TEMPLATES.filter((t) => t !== 'erasure_certificate');
    for (const template of templates.filter((t) => t !== 'accepted')) {
      await enqueueMail({ template, tradeInId, ...(template === 'shipping_reminder' ? { daysBefore: 3 } : {}) });
    }

    const ran = await ctx.runtime.jobs.runDue();
    expect(ran.failed).toBe(0);
    const mine = (await ctx.runtime.mailer.listOutbox()).filter((m) => m.to === seller.email && m.subject !== VERIFICATION_SUBJECT);
    expect(mine).toHaveLength(templates.length);
    // The year is in them (the ship-by date), which the old guard took for the SSN.
    const accepted = mine.find((m) => m.subject.includes('ship by'))!;
    expect(accepted.subject).toContain(year);
    expect((await ctx.runtime.mailer.readOutboxMessage(accepted.id))!.text).toContain(year);
  });

  it('blocks a message that would carry the account number: no retry, an operator flag, the value in no output', async () => {
    const seller = await readySeller(ctx);
    const accountNumber = validPayout(GOOD_PASSWORD).accountNumber;
    const res = await accept(ctx.app, seller, (await freshOffer(ctx.app, ctx.database.db)).offerId);
    expect(res.statusCode, res.body).toBe(201);
    const tradeInId = res.json().id as string;
    await ctx.runtime.jobs.runDue();
    const before = (await ctx.runtime.mailer.listOutbox()).filter((m) => m.to === seller.email).length;

    leak.value = accountNumber;
    try {
      await enqueueMail({ template: 'delivered', tradeInId });
      expect(await ctx.runtime.jobs.runDue()).toMatchObject({ completed: 0, failed: 1 });
    } finally {
      leak.value = null;
    }

    const key = tradeInMailKey({ template: 'delivered', tradeInId });
    const { rows } = await ctx.database.pool.query<{ state: string; output: { message: string } }>(
      `select state, output from ${JOBS_SCHEMA}.job where name = $1 and singleton_key = $2`,
      [JOB_TRADE_IN_MAIL, key],
    );
    // Failed for good, not waiting for a retry that would fail the same way.
    expect(rows).toHaveLength(1);
    expect(rows[0]!.state).toBe('failed');
    expect(rows[0]!.output.message).toContain(key);
    expect(JSON.stringify(rows[0]!.output)).not.toContain(accountNumber);
    expect((await ctx.runtime.mailer.listOutbox()).filter((m) => m.to === seller.email)).toHaveLength(before);

    const admin = await makeUser(ctx.app, ctx.database.db, 'operator');
    const flags = await ctx.app.inject({ method: 'GET', url: '/api/admin/flags?kind=blocked_mail', headers: as(admin) });
    expect(flags.statusCode, flags.body).toBe(200);
    expect(flags.json().flags).toContainEqual(
      expect.objectContaining({ kind: 'blocked_mail', tradeInId, details: { mailKey: key }, userIds: [seller.id], status: 'open' }),
    );
    expect(flags.body).not.toContain(accountNumber);
  });
});
