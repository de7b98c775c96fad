import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.ts';
import { tradeInAtOrganisation } from '../../../../test/delivered.ts';
import { as, readySeller } from '../../../../test/journey.ts';
import { bearer, createKey, operator } from '../../../../test/refurbishers.ts';
import type { TestUser } from '../../../../test/accounts.ts';
import { localDateOf } from '../../../shared/market-time.ts';
import { transition } from '../trade-ins/index.ts';

const ctx = useTestApp();
const DAY = 86_400_000;
const IMEI = '356938035643809';

const record = (id: string, headers: Record<string, string>, body: Record<string, unknown>) =>
  ctx.app.inject({ method: 'POST', url: `/api/refurbisher/trade-ins/${id}/erasure`, headers, payload: body });
const pdfOf = (id: string, headers: Record<string, string>) => ctx.app.inject({ method: 'GET', url: `/api/trade-ins/${id}/erasure-certificate.pdf`, headers });
const today = () => localDateOf(ctx.clock.now());

function pdfText(pdf: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'tradeloop-erasure-')), 'certificate.pdf');
  writeFileSync(file, pdf);
  const r = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`pdftotext failed (needs poppler-utils): ${r.error?.message ?? r.stderr}`);
  return r.stdout;
}

async function approve(id: string) {
  await ctx.database.db.transaction().execute((trx) => transition(trx, id, { event: 'approve', now: ctx.clock.now() }));
}

let seller: TestUser;

describe('data erasure certificates', () => {
  it('records the erasure of an approved device once, with the seller-declared IMEI, and e-mails the seller the PDF', async () => {
    seller = await readySeller(ctx);
    const t = await tradeInAtOrganisation(ctx, seller);
    await ctx.database.db.updateTable('trade_ins').set({ device_id_kind: 'imei', device_id_value: IMEI }).where('id', '=', t.id).execute();
    const body = { method: 'nist_800_88_purge', tool: 'Blancco Mobile Diagnostics', erasedOn: today() };

    // Not before approval.
    const early = await record(t.id, as(t.inspector), body);
    expect(early.statusCode, early.body).toBe(409);
    await approve(t.id);
    ctx.clock.advance(DAY);

    const res = await record(t.id, as(t.inspector), body);
    expect(res.statusCode, res.body).toBe(201);
    const cert = res.json();
    expect(cert).toMatchObject({
      method: 'nist_800_88_purge',
      tool: 'Blancco Mobile Diagnostics',
      erasedOn: body.erasedOn,
      erasedBy: 'Test Person',
      refurbisherName: t.refurbisherName,
      identity: { kind: 'imei', value: IMEI },
      pdfUrl: `/api/trade-ins/${t.id}/erasure-certificate.pdf`,
    });
    expect(cert.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(cert.device.modelName.length).toBeGreaterThan(0);

    // Once: a second recording is refused and changes nothing.
    const again = await record(t.id, as(t.admin), { ...body, method: 'nist_800_88_clear' });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().error.message).toMatch(/already recorded/);

    // The PDF, as the seller reads it.
    const pdf = await pdfOf(t.id, as(seller));
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.rawPayload);
    for (const s of [cert.device.modelName, cert.device.variantLabel, IMEI, 'NIST SP 800-88 Purge', 'Blancco Mobile Diagnostics', t.refurbisherName, cert.code, `/verify/${cert.code}`]) {
      expect(text).toContain(s);
    }

    // The e-mail, once, with the PDF attached and no protected value.
    await ctx.runtime.jobs.runDue();
    await ctx.runtime.jobs.runDue();
    const mails = (await ctx.runtime.mailer.listOutbox()).filter((m) => m.to === seller.email && m.subject.startsWith('Data erasure certificate'));
    expect(mails).toHaveLength(1);
    const mail = (await ctx.runtime.mailer.readOutboxMessage(mails[0]!.id))!;
    expect(mail.text).toContain(cert.code);
    expect(mail.text).toContain(`/verify/${cert.code}`);
    expect(mail.attachments.map((a) => a.contentType)).toEqual(['application/pdf']);
    expect(pdfText(mail.attachments[0]!.content)).toContain(cert.code);
    for (const secret of ['0009876543210', '021000021', '4321', '1990-12-10']) expect(mail.text).not.toContain(secret);

    // The public check: genuine, the identity masked but for its last 4, no PDF; typed loosely it is still found.
    for (const typed of [cert.code, cert.code.toLowerCase().replaceAll('-', '')]) {
      const v = await ctx.app.inject({ method: 'GET', url: `/api/verify/${typed}` });
      expect(v.statusCode, v.body).toBe(200);
      expect(v.json()).toMatchObject({ code: cert.code, identity: { kind: 'imei', value: `***********${IMEI.slice(-4)}` }, pdfUrl: null, refurbisherName: t.refurbisherName });
      expect(v.body).not.toContain(IMEI);
    }
    expect((await ctx.app.inject({ method: 'GET', url: '/api/verify/ABCD-EFGH-JKMN' })).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/verify/not-a-code' })).statusCode).toBe(404);
  });

  it('takes the identity the inspector read over the declared one', async () => {
    const t = await tradeInAtOrganisation(ctx, seller);
    await ctx.database.db.updateTable('trade_ins').set({ device_id_kind: 'imei', device_id_value: IMEI }).where('id', '=', t.id).execute();
    const now = ctx.clock.now();
    await ctx.database.db
      .insertInto('inspections')
      .values({
        id: `ins_test${Date.now()}`,
        trade_in_id: t.id,
        refurbisher_id: t.refurbisherId,
        inspector_user_id: 'usr_test',
        inspector_name: 'Test Inspector',
        outcome: 'match',
        declared_grade: 'Flawless',
        verified_grade: 'Flawless',
        answers: '{}',
        identity_kind: 'serial',
        identity_value: 'F2LXK0ABCD12',
        accessories: '[]',
        still_linked: false,
        refusal_reason: null,
        delivered_at: now,
        due_at: now,
        created_at: now,
      })
      .execute();
    await approve(t.id);
    const res = await record(t.id, bearer((await createKey(ctx.app, t.admin, 'inspector')).secret), { method: 'nist_800_88_clear', tool: 'NWipe', erasedOn: today() });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ identity: { kind: 'serial', value: 'F2LXK0ABCD12' }, erasedBy: expect.stringMatching(/^API key/) });
  });

  it('refuses a date in the future, before delivery or that does not exist (422), a buyer (403), another organisation (404)', async () => {
    const t = await tradeInAtOrganisation(ctx, seller);
    await approve(t.id);
    const ok = { method: 'nist_800_88_clear', tool: 'NWipe' };
    const tomorrow = localDateOf(new Date(ctx.clock.now().getTime() + DAY));
    const beforeDelivery = localDateOf(new Date(ctx.clock.now().getTime() - 3 * DAY));
    for (const erasedOn of [tomorrow, beforeDelivery, '2026-02-30']) {
      const res = await record(t.id, as(t.inspector), { ...ok, erasedOn });
      expect(res.statusCode, res.body).toBe(422);
      expect(Object.keys(res.json().error.fields)).toEqual(['erasedOn']);
    }
    expect((await record(t.id, as(t.inspector), { ...ok, erasedOn: '1 Dec 2026' })).statusCode).toBe(400);
    expect((await record(t.id, bearer((await createKey(ctx.app, t.admin, 'buyer')).secret), { ...ok, erasedOn: today() })).statusCode).toBe(403);
    const other = await tradeInAtOrganisation(ctx, seller);
    expect((await record(t.id, as(other.inspector), { ...ok, erasedOn: today() })).statusCode).toBe(404);
    expect(await ctx.database.db.selectFrom('erasure_certificates').select('id').where('trade_in_id', '=', t.id).execute()).toEqual([]);
  });

  it('serves the PDF to the seller, the organisation and operators only', async () => {
    const t = await tradeInAtOrganisation(ctx, seller);
    await approve(t.id);
    expect((await pdfOf(t.id, as(seller))).statusCode).toBe(404); // not recorded yet
    expect((await record(t.id, as(t.admin), { method: 'nist_800_88_clear', tool: 'NWipe', erasedOn: today() })).statusCode).toBe(201);
    expect((await pdfOf(t.id, as(t.inspector))).statusCode).toBe(200);
    expect((await pdfOf(t.id, as(await operator(ctx.app, ctx.database.db)))).statusCode).toBe(200);
    const stranger = await readySeller(ctx);
    const other = await tradeInAtOrganisation(ctx, stranger);
    expect((await pdfOf(t.id, as(stranger))).statusCode).toBe(404);
    expect((await pdfOf(t.id, as(other.admin))).statusCode).toBe(404);
    expect((await pdfOf(t.id, {})).statusCode).toBe(401);
  });
});
