import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.ts';
import type { TestUser } from '../../../../test/accounts.ts';
import { inspect, inspectionBody, type Delivered } from '../../../../test/inspection.ts';
import { acceptWithLabel, as, carrierEventBody, freshOffer, postCarrierEvent, readySeller } from '../../../../test/journey.ts';
import { addMember, openRefurbisher, operator, type OpenedRefurbisher } from '../../../../test/refurbishers.ts';
import type { TStatement } from '../../../shared/api/statements.ts';
import { formatMoney } from '../../../shared/money.ts';
import { findCommissionBps } from '../refurbishers/index.ts';
import { returnShipmentOf } from '../shipping/index.ts';
import { transition } from '../trade-ins/index.ts';
import { balanceOf, commissionOf, ledgerTotals, postApproval, refurbisherReceivable } from './index.ts';

/**
 * The refurbisher's statement through the real routes, on real trade-ins: delivered through the
 * accept → label → carrier path, approved by the refurbisher's inspection. Until approval posts
 * its own ledger entry (the payouts module's startPayout), the test posts it right after each
 * approval with `postApproval`, as startPayout will (idempotent per trade-in: once that lands,
 * the test's call posts nothing and every number below stays the same).
 */
const ctx = useTestApp();
let op: TestUser;
let seller: TestUser;
let a: OpenedRefurbisher;
let b: OpenedRefurbisher;
let aBuyer: TestUser;
let aInspector: TestUser;

// Delivered on Wednesday 2026-12-30: the inspection is due after Thursday and Monday (New Year's Day is a holiday).
const DELIVERED = new Date('2026-12-30T15:00:00Z');

beforeAll(async () => {
  ctx.clock.set(DELIVERED);
  op = await operator(ctx.app, ctx.database.db);
  seller = await readySeller(ctx);
  a = await openRefurbisher(ctx.app, ctx.database.db, ctx.runtime, op);
  b = await openRefurbisher(ctx.app, ctx.database.db, ctx.runtime, op);
  aBuyer = await addMember(ctx.app, a.admin, 'buyer');
  aInspector = await addMember(ctx.app, a.admin, 'inspector');
});

const scan = (tn: string, type: string) => postCarrierEvent(ctx.app, carrierEventBody(tn, type, ctx.clock.now()));

async function delivered(refurbisher: OpenedRefurbisher, priceMinor: number): Promise<Delivered> {
  const { offerId } = await freshOffer(ctx.app, ctx.database.db, { refurbisherId: refurbisher.id, priceMinor });
  const t = await acceptWithLabel(ctx, seller, offerId);
  for (const type of ['picked_up', 'delivered']) expect((await scan(t.shipping!.trackingNumber, type)).json()).toEqual({ outcome: 'applied' });
  await ctx.runtime.jobs.runDue();
  return { id: t.id, refurbisherId: refurbisher.id, variantId: '', category: 'smartphones', inspector: refurbisher.admin, mandatoryAccessories: t.mandatoryAccessories };
}

/** Approved by the refurbisher's inspection at `at`, and its ledger entry posted as approval posts it. */
async function approveAt(d: Delivered, at: Date) {
  ctx.clock.set(at);
  const res = await inspect(ctx.app, d.inspector, d.id, inspectionBody(d));
  expect(res.statusCode, res.body).toBe(200);
  const db = ctx.database.db;
  const t = await db.selectFrom('trade_ins').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow();
  expect(t.status).toBe('approved');
  await db.transaction().execute(async (trx) =>
    postApproval(trx, {
      tradeInId: t.id,
      refurbisherId: t.refurbisher_id,
      sellerId: t.seller_id,
      priceMinor: t.price_minor,
      currency: t.currency,
      commissionBps: await findCommissionBps(trx, t.refurbisher_id),
      postedAt: t.approved_at!,
    }),
  );
  return { id: t.id, priceMinor: t.price_minor };
}

const statement = (user: TestUser, query = '') => ctx.app.inject({ method: 'GET', url: `/api/refurbisher/statement${query}`, headers: as(user) });
const setCommission = (bps: unknown, id = a.id, user = op) =>
  ctx.app.inject({ method: 'PUT', url: `/api/admin/refurbishers/${id}/commission`, headers: as(user), payload: { bps } });

function pdfText(buf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'statement-')), 's.pdf');
  fs.writeFileSync(file, buf);
  return execFileSync('pdftotext', ['-layout', file, '-']).toString();
}

describe('the refurbisher statement', () => {
  let t1: { id: string; priceMinor: number };
  let t2: { id: string; priceMinor: number };
  let t3: { id: string; priceMinor: number };
  let tb: { id: string; priceMinor: number };
  let returned: string;

  beforeAll(async () => {
    const d1 = await delivered(a, 123_457);
    const d2 = await delivered(a, 98_765);
    const d3 = await delivered(a, 50_001);
    const d4 = await delivered(b, 77_777);
    const d5 = await delivered(a, 66_666);
    // December 31 in New York, afternoon, at the default 10 %.
    t1 = await approveAt(d1, new Date('2026-12-31T16:00:00Z'));
    tb = await approveAt(d4, new Date('2026-12-31T17:00:00Z'));
    // The operator raises A's commission to 25 %: later approvals only.
    const changed = await setCommission(2500);
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toEqual({ refurbisherId: a.id, bps: 2500, previousBps: 1000 });
    // The last millisecond of December 31 in New York (already January 1 in UTC): December.
    t2 = await approveAt(d2, new Date('2027-01-01T04:59:59.999Z'));
    // Midnight in New York: January.
    t3 = await approveAt(d3, new Date('2027-01-01T05:00:00.000Z'));
    // A device refused and shipped back to its seller on January 2: a return, no charge.
    ctx.clock.set(new Date('2027-01-02T15:00:00Z'));
    await ctx.database.db.transaction().execute(async (trx) => {
      await transition(trx, d5.id, { event: 'refuse', now: ctx.clock.now(), data: { reason: 'counterfeit' } });
      await ctx.runtime.shipping.forInspection.requestReturn(trx, d5.id, 'refused');
    });
    await ctx.runtime.jobs.runDue();
    await ctx.runtime.jobs.runDue();
    const tn = (await returnShipmentOf(ctx.database.db, d5.id))!.trackingNumber!;
    expect((await scan(tn, 'picked_up')).json()).toEqual({ outcome: 'applied' });
    returned = d5.id;
  });

  it('December: approvals up to 23:59:59.999 New York time, each at the rate in force when it was approved; totals add up', async () => {
    const res = await statement(aBuyer, '?from=2026-12-01&to=2026-12-31');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toContain('no-store');
    const s = res.json() as TStatement;
    expect(s.refurbisher).toEqual({ id: a.id, name: a.name });
    expect(s.period).toEqual({ from: '2026-12-01', to: '2026-12-31', timeZone: 'America/New_York' });
    expect(s.openingBalance).toEqual({ amountMinor: 0, currency: 'USD' });
    const c1 = commissionOf(t1.priceMinor, 1000);
    const c2 = commissionOf(t2.priceMinor, 2500);
    expect(s.approvals.map((x) => [x.tradeInId, x.date, x.price.amountMinor, x.commission.amountMinor, x.total.amountMinor])).toEqual([
      [t1.id, '2026-12-31', t1.priceMinor, c1, t1.priceMinor + c1],
      [t2.id, '2026-12-31', t2.priceMinor, c2, t2.priceMinor + c2],
    ]);
    expect(s.approvals[0]!.device).toMatch(/\(.+\)$/);
    expect(s.totals).toEqual({
      approvals: 2,
      price: { amountMinor: t1.priceMinor + t2.priceMinor, currency: 'USD' },
      commission: { amountMinor: c1 + c2, currency: 'USD' },
      approved: { amountMinor: t1.priceMinor + c1 + t2.priceMinor + c2, currency: 'USD' },
      adjustments: { amountMinor: 0, currency: 'USD' },
      returns: 0,
    });
    expect(s.closingBalance.amountMinor).toBe(t1.priceMinor + c1 + t2.priceMinor + c2);
    // Another refurbisher's approval in the same days never appears.
    expect(res.body).not.toContain(tb.id);
  });

  it("January (the default period, this month by product time): opens with December's closing balance, closes at the ledger's balance; the return is listed at no charge", async () => {
    const dec = (await statement(aBuyer, '?from=2026-12-01&to=2026-12-31')).json() as TStatement;
    const res = await statement(a.admin);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json() as TStatement;
    expect(s.period).toMatchObject({ from: '2027-01-01', to: '2027-01-31' });
    expect(s.openingBalance).toEqual(dec.closingBalance);
    const c3 = commissionOf(t3.priceMinor, 2500);
    expect(s.approvals.map((x) => [x.tradeInId, x.date, x.commission.amountMinor])).toEqual([[t3.id, '2027-01-01', c3]]);
    expect(s.totals.returns).toBe(1);
    expect(s.returns).toEqual([expect.objectContaining({ tradeInId: returned, date: '2027-01-02' })]);
    expect(s.closingBalance.amountMinor).toBe(s.openingBalance.amountMinor + t3.priceMinor + c3);

    // The ledger agrees: the closing balance is the account's balance, every entry balances, the lines sum to zero.
    expect(s.closingBalance.amountMinor).toBe(await balanceOf(ctx.database.db, refurbisherReceivable(a.id).code));
    const totals = await ledgerTotals(ctx.database.db);
    expect(totals.unbalancedEntryIds).toEqual([]);
    expect(totals.sumMinor).toBe(0);
    expect(totals.balances[refurbisherReceivable(a.id).code]).toBe(s.closingBalance.amountMinor);
    expect(totals.balances['platform:commission']).toBe(-(commissionOf(t1.priceMinor, 1000) + commissionOf(tb.priceMinor, 1000) + commissionOf(t2.priceMinor, 2500) + c3));

    // A whole year at once: the same total as the two months.
    const year = (await statement(aBuyer, '?from=2026-01-01&to=2027-01-01')).json() as TStatement;
    expect(year.openingBalance.amountMinor).toBe(0);
    expect(year.closingBalance).toEqual(s.closingBalance);
    expect(year.approvals.map((x) => x.tradeInId)).toEqual([t1.id, t2.id, t3.id]);
  });

  it('a commission change applies to approvals after it and never rewrites past entries', async () => {
    const s = (await statement(aBuyer, '?from=2026-12-01&to=2027-01-31')).json() as TStatement;
    expect(s.approvals.find((x) => x.tradeInId === t1.id)!.commission.amountMinor).toBe(commissionOf(t1.priceMinor, 1000));
    expect(s.approvals.find((x) => x.tradeInId === t2.id)!.commission.amountMinor).toBe(commissionOf(t2.priceMinor, 2500));
    // Another change later leaves every posted entry as it was.
    expect((await setCommission(0)).statusCode).toBe(200);
    const after = (await statement(aBuyer, '?from=2026-12-01&to=2027-01-31')).json() as TStatement;
    expect(after.approvals).toEqual(s.approvals);
    expect(after.closingBalance).toEqual(s.closingBalance);
    expect(await findCommissionBps(ctx.database.db, a.id)).toBe(0);
    expect((await setCommission(2500)).statusCode).toBe(200);
  });

  it("the other refurbisher sees only its own; an inspector, a seller and a stranger may not see A's", async () => {
    const bs = (await statement(b.admin, '?from=2026-12-01&to=2027-01-31')).json() as TStatement;
    expect(bs.refurbisher.id).toBe(b.id);
    expect(bs.approvals.map((x) => x.tradeInId)).toEqual([tb.id]);
    expect(bs.returns).toEqual([]);
    const body = JSON.stringify(bs);
    for (const id of [t1.id, t2.id, t3.id, returned]) expect(body).not.toContain(id);
    expect(bs.closingBalance.amountMinor).toBe(tb.priceMinor + commissionOf(tb.priceMinor, 1000));
    // Inspectors inspect; the statement is for admins and buyers.
    expect((await statement(aInspector)).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/refurbisher/organisation', headers: as(aInspector) })).json().can.viewStatement).toBe(false);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/refurbisher/organisation', headers: as(aBuyer) })).json().can.viewStatement).toBe(true);
    expect((await statement(seller)).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/refurbisher/statement' })).statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/refurbisher/statement.pdf', headers: as(aInspector) })).statusCode).toBe(403);
  });

  it('refuses a bad period with the field to fix', async () => {
    const bad = async (q: string, field: string, message: RegExp) => {
      const res = await statement(aBuyer, q);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.fields[field], q).toMatch(message);
    };
    await bad('?from=2026-13-01&to=2026-12-31', 'from', /date/);
    await bad('?from=2026-02-30&to=2026-03-31', 'from', /real calendar date/);
    await bad('?from=2026-12-31&to=2026-12-01', 'to', /before the start/);
    await bad('?from=2026-01-01&to=2027-01-02', 'to', /at most 366 days/);
    await bad('?from=2026-12-01', 'to', /both/);
    await bad('?from=2026-12-01&to=2026-12-31&format=xml', 'format', /./);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/refurbisher/statement.pdf?to=2026-12-31', headers: as(aBuyer) })).statusCode).toBe(400);
    // Exactly 366 days is fine (2028 is a leap year).
    expect((await statement(aBuyer, '?from=2028-01-01&to=2028-12-31')).statusCode).toBe(200);
  });

  it('the CSV and the PDF carry the same lines and totals as the JSON', async () => {
    const q = '?from=2026-12-01&to=2027-01-31';
    const s = (await statement(aBuyer, q)).json() as TStatement;

    const csv = await statement(aBuyer, `${q}&format=csv`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="statement-2026-12-01-to-2027-01-31.csv"');
    const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
    const approvals = rows.filter((r) => r.line === 'approval');
    expect(approvals.map((r) => [r.trade_in_id, Number(r.price_cents), Number(r.commission_cents), Number(r.amount_cents)])).toEqual(
      s.approvals.map((x) => [x.tradeInId, x.price.amountMinor, x.commission.amountMinor, x.total.amountMinor]),
    );
    expect(rows.filter((r) => r.line === 'return').map((r) => r.trade_in_id)).toEqual([returned]);
    const one = (line: string) => rows.find((r) => r.line === line)!;
    expect(Number(one('opening_balance').amount_cents)).toBe(s.openingBalance.amountMinor);
    expect(Number(one('total_approvals').commission_cents)).toBe(s.totals.commission.amountMinor);
    expect(Number(one('closing_balance').amount_cents)).toBe(s.closingBalance.amountMinor);
    // The rows add up to the closing balance.
    const sum = rows.filter((r) => !r.line!.startsWith('total_') && r.line !== 'closing_balance').reduce((acc, r) => acc + Number(r.amount_cents), 0);
    expect(sum).toBe(s.closingBalance.amountMinor);

    const pdf = await ctx.app.inject({ method: 'GET', url: `/api/refurbisher/statement.pdf${q}`, headers: as(aBuyer) });
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe('attachment; filename="statement-2026-12-01-to-2027-01-31.pdf"');
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain(a.name);
    expect(text).toContain('2026-12-01 to 2027-01-31');
    for (const x of s.approvals) {
      expect(text).toContain(x.tradeInId);
      expect(text).toContain(formatMoney(x.commission));
    }
    expect(text).toContain(returned);
    expect(text).toMatch(new RegExp(`Closing balance \\(amount owed\\)\\s+${formatMoney(s.closingBalance).replace(/[$.]/g, '\\$&')}`));
    expect(text).toMatch(new RegExp(`Commission\\s+${formatMoney(s.totals.commission).replace(/[$.]/g, '\\$&')}`));
  });
});

describe('the commission rate', () => {
  it('operators only; 0–5000 basis points; audited old → new; the operator list shows it', async () => {
    expect((await setCommission(1200, a.id, a.admin)).statusCode).toBe(403);
    expect((await setCommission(1200, a.id, seller)).statusCode).toBe(403);
    for (const bps of [-1, 5001, 12.5, '1000']) {
      const res = await setCommission(bps);
      expect(res.statusCode, String(bps)).toBe(400);
      expect(res.json().error.fields.bps).toBeTruthy();
    }
    expect((await setCommission(1200, 'ref_nope')).statusCode).toBe(404);
    const before = await findCommissionBps(ctx.database.db, b.id);
    const ok = await setCommission(1500, b.id);
    expect(ok.json()).toEqual({ refurbisherId: b.id, bps: 1500, previousBps: before });
    // The same value again: nothing changes, nothing more is audited.
    expect((await setCommission(1500, b.id)).json()).toEqual({ refurbisherId: b.id, bps: 1500, previousBps: 1500 });
    const audit = await ctx.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'refurbisher.commission_changed').where('subject', '=', b.id).execute();
    expect(audit.map((r) => [r.actor_id, r.reason])).toEqual([[op.id, `${before} → 1500 bps`]]);

    const list = await ctx.app.inject({ method: 'GET', url: '/api/admin/refurbishers', headers: as(op) });
    expect(list.statusCode).toBe(200);
    const rows = list.json() as { id: string; commissionBps: number }[];
    expect(rows.find((r) => r.id === b.id)!.commissionBps).toBe(1500);
    expect(rows.find((r) => r.id === a.id)!.commissionBps).toBe(2500);
  });
});
