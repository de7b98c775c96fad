import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.ts';
import { tradeInAtOrganisation } from '../../../../test/delivered.ts';
import { as, newKey, readySeller } from '../../../../test/journey.ts';
import { addMember, bearer, createKey } from '../../../../test/refurbishers.ts';
import { VALID_PROFILE, type TestUser } from '../../../../test/accounts.ts';
import { MESSAGE_MAX_LENGTH } from '../../../shared/api/inspection.ts';
import { listAwaitingReply, tradeInsAwaitingReply } from './index.ts';
import { runMessageMail } from './message-mail.job.ts';
import { protectedPatternIn } from './protected-patterns.ts';

const ctx = useTestApp();

const sellerPost = (id: string, user: TestUser, body: string, key = newKey()) =>
  ctx.app.inject({ method: 'POST', url: `/api/trade-ins/${id}/messages`, headers: { ...as(user), 'idempotency-key': key }, payload: { body } });
const staffPost = (id: string, headers: Record<string, string>, body: string) =>
  ctx.app.inject({ method: 'POST', url: `/api/refurbisher/trade-ins/${id}/messages`, headers, payload: { body } });
const sellerThread = (id: string, user: TestUser) => ctx.app.inject({ method: 'GET', url: `/api/trade-ins/${id}/messages`, headers: as(user) });
const staffThread = (id: string, headers: Record<string, string>) => ctx.app.inject({ method: 'GET', url: `/api/refurbisher/trade-ins/${id}/messages`, headers });

async function mailsTo(email: string) {
  return (await ctx.runtime.mailer.listOutbox()).filter((m) => m.to === email && !m.subject.startsWith('Confirm') && /wrote about|Message from/.test(m.subject));
}
const messageCount = async (tradeInId: string) => (await ctx.database.db.selectFrom('trade_in_messages').select('id').where('trade_in_id', '=', tradeInId).execute()).length;

let seller: TestUser;
let t: Awaited<ReturnType<typeof tradeInAtOrganisation>>;

describe('messages between the seller and the refurbisher', () => {
  it('carries a message each way, e-mails it to the other side once, and tracks who owes a reply', async () => {
    seller = await readySeller(ctx);
    t = await tradeInAtOrganisation(ctx, seller);
    const buyer = await addMember(ctx.app, t.admin, 'buyer');
    await ctx.runtime.jobs.runDue();

    const first = await sellerPost(t.id, seller, 'Hello! I left the case on by mistake, could you send it back?');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ from: 'seller', authorName: VALID_PROFILE.legalName.first, body: 'Hello! I left the case on by mistake, could you send it back?' });
    expect(await tradeInsAwaitingReply(ctx.database.db, [t.id, 'tin_other'])).toEqual(new Set([t.id]));
    expect((await listAwaitingReply(ctx.database.db, t.refurbisherId)).map((a) => a.tradeInId)).toEqual([t.id]);

    // E-mailed to the organisation's admin and inspector (not its buyer), once, however often the job runs.
    await ctx.runtime.jobs.runDue();
    expect(await runMessageMail({ ...ctx.runtime, db: ctx.database.db, clock: ctx.clock, config: { publicUrl: undefined, port: 3000 }, protectedValues: async () => [] }, { messageId: first.json().id })).toBe(0);
    for (const member of [t.admin, t.inspector]) {
      const mails = await mailsTo(member.email);
      expect(mails, member.email).toHaveLength(1);
      expect((await ctx.runtime.mailer.readOutboxMessage(mails[0]!.id))!.text).toContain('I left the case on by mistake');
    }
    expect(await mailsTo(buyer.email)).toHaveLength(0);
    expect(await mailsTo(seller.email)).toHaveLength(0);

    // The refurbisher sees it and answers; the seller gets the answer by e-mail, once.
    expect((await staffThread(t.id, as(t.inspector))).json().messages).toHaveLength(1);
    const reply = await staffPost(t.id, as(t.inspector), 'Of course, it will go back with a free label this week.');
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json()).toMatchObject({ from: 'refurbisher', authorName: 'Test Person' });
    await ctx.runtime.jobs.runDue();
    await ctx.runtime.jobs.runDue();
    const sellerMails = await mailsTo(seller.email);
    expect(sellerMails).toHaveLength(1);
    expect((await ctx.runtime.mailer.readOutboxMessage(sellerMails[0]!.id))!.text).toContain('free label this week');
    expect(await mailsTo(t.admin.email)).toHaveLength(1);
    expect(await tradeInsAwaitingReply(ctx.database.db, [t.id])).toEqual(new Set());
    expect(await listAwaitingReply(ctx.database.db, t.refurbisherId)).toEqual([]);

    // An API key writes under its name.
    const key = await createKey(ctx.app, t.admin, 'inspector');
    expect((await staffPost(t.id, bearer(key.secret), 'Label sent.')).json().authorName).toBe('API key "stock sync inspector"');

    const thread = (await sellerThread(t.id, seller)).json().messages;
    expect(thread.map((m: { from: string }) => m.from)).toEqual(['seller', 'refurbisher', 'refurbisher']);
  });

  it('replays a seller message sent twice with one Idempotency-Key, and requires the key', async () => {
    const key = newKey();
    const a = await sellerPost(t.id, seller, 'Is there any news?', key);
    const b = await sellerPost(t.id, seller, 'Is there any news?', key);
    expect(b.statusCode).toBe(201);
    expect(b.json().id).toBe(a.json().id);
    expect(b.headers['idempotent-replayed']).toBe('true');
    const none = await ctx.app.inject({ method: 'POST', url: `/api/trade-ins/${t.id}/messages`, headers: as(seller), payload: { body: 'hi' } });
    expect(none.statusCode).toBe(400);
  });

  it('refuses a message that seems to carry bank or identity details (422 naming body), and stores and sends nothing', async () => {
    const before = await messageCount(t.id);
    const refusals: [string, RegExp][] = [
      ['My routing number is 021000021 if that helps', /routing number/],
      ['Pay me to 021 000 021 please', /routing number/],
      ['account number: 12345678', /account number/],
      ['acct # 4455-6677-8899', /account number/],
      ['My SSN is 123-45-6789', /Social Security number/],
      // The seller's own account number, even with no word naming it.
      ['here you go 0009876543210', /bank or identity details/],
    ];
    for (const [body, why] of refusals) {
      const res = await sellerPost(t.id, seller, body);
      expect(res.statusCode, body).toBe(422);
      expect(res.json().error.fields.body).toMatch(why);
      expect(res.json().error.message).toMatch(/never shared in messages/);
    }
    const staff = await staffPost(t.id, as(t.admin), 'Please confirm your account number 987654321 for the refund');
    expect(staff.statusCode).toBe(422);
    expect(await messageCount(t.id)).toBe(before);
  });

  it('lets ordinary numbers through: a year next to "account", an IMEI, a phone number, a price', () => {
    for (const body of [
      'I removed the device from my iCloud account in 2024.',
      'The IMEI on my account page is 356938035643809.',
      'Call me on 614-555-0199 any time.',
      'You offered $1250 for it, the counteroffer says 980.',
    ]) {
      expect(protectedPatternIn(body), body).toBeUndefined();
    }
  });

  it('bounds the length: empty and over 2000 characters are refused, 2000 is fine', async () => {
    expect((await sellerPost(t.id, seller, '   ')).statusCode).toBe(400);
    const long = await sellerPost(t.id, seller, 'a'.repeat(MESSAGE_MAX_LENGTH + 1));
    expect(long.statusCode).toBe(400);
    expect(Object.keys(long.json().error.fields)).toEqual(['body']);
    expect((await sellerPost(t.id, seller, 'b'.repeat(MESSAGE_MAX_LENGTH))).statusCode).toBe(201);
  });

  it('answers 404 to another seller and another organisation, 403 to a buyer', async () => {
    const stranger = await readySeller(ctx);
    const other = await tradeInAtOrganisation(ctx, stranger);
    expect((await sellerThread(t.id, stranger)).statusCode).toBe(404);
    expect((await sellerPost(t.id, stranger, 'hello')).statusCode).toBe(404);
    expect((await staffThread(t.id, as(other.admin))).statusCode).toBe(404);
    expect((await staffPost(t.id, as(other.inspector), 'hello')).statusCode).toBe(404);
    const buyerKey = await createKey(ctx.app, t.admin, 'buyer');
    expect((await staffThread(t.id, bearer(buyerKey.secret))).statusCode).toBe(403);
    // A seller cannot use the refurbisher's door, nor a refurbisher the seller's.
    expect((await staffThread(t.id, as(seller))).statusCode).toBe(403);
    expect((await sellerThread(t.id, t.admin)).statusCode).toBe(403);
  });
});
