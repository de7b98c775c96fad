import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.ts';
import { buildRefurbisher } from '../../../../test/factories.ts';
import { acceptWithLabel, as, freshOffer, makeUser, newKey, readySeller } from '../../../../test/journey.ts';
import type { TestUser } from '../../../../test/accounts.ts';
import { DEMO_CARRIER_WEBHOOK_SECRET } from '../../config.ts';
import { signPayload } from './webhook-signature.ts';

const ctx = useTestApp();
let seller: TestUser;
let operator: TestUser;
let refurbisher: TestUser;
let seq = 0;

beforeAll(async () => {
  seller = await readySeller(ctx);
  operator = await makeUser(ctx.app, ctx.database.db, 'operator');
  const r = await buildRefurbisher(ctx.database.db);
  refurbisher = await makeUser(ctx.app, ctx.database.db, 'refurbisher', { refurbisherId: r.id });
});

/** A real flag: accept, cancel, then a signed carrier scan arrives. */
async function openFlag(): Promise<number> {
  const offer = await freshOffer(ctx.app, ctx.database.db);
  const t = await acceptWithLabel(ctx, seller, offer.offerId);
  const cancelled = await ctx.app.inject({ method: 'POST', url: `/api/trade-ins/${t.id}/cancel`, headers: { ...as(seller), 'idempotency-key': newKey() } });
  expect(cancelled.statusCode, cancelled.body).toBe(200);
  const payload = JSON.stringify({ eventId: `evt-clear-${Date.now()}-${seq++}`, trackingNumber: t.shipping!.trackingNumber, type: 'picked_up', occurredAt: ctx.clock.now().toISOString() });
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/webhooks/carrier',
    headers: { 'content-type': 'application/json', 'tradeloop-signature': signPayload(DEMO_CARRIER_WEBHOOK_SECRET, payload, Math.floor(Date.now() / 1000)) },
    payload,
  });
  expect(res.json()).toEqual({ outcome: 'flagged' });
  const flag = await ctx.database.db.selectFrom('carrier_event_flags').select('id').where('trade_in_id', '=', t.id).executeTakeFirstOrThrow();
  return flag.id;
}

const clear = (user: Pick<TestUser, 'cookie'> | null, id: number | string, payload: unknown, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'POST', url: `/api/admin/carrier-event-flags/${id}/clear`, headers: { ...(user ? as(user) : {}), ...headers }, payload: payload as object });
const flagRow = (id: number) => ctx.database.db.selectFrom('carrier_event_flags').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const auditFor = (id: number) =>
  ctx.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'carrier_event_flag.cleared').where('subject', '=', `carrier_event_flag:${id}`).execute();

describe('POST /api/admin/carrier-event-flags/:id/clear', () => {
  it('lets an operator clear an open flag with a note: who, when and why on the flag and in the audit log, once', async () => {
    const id = await openFlag();
    const res = await clear(operator, id, { note: '  Carrier confirmed the parcel was returned to the seller.  ' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id, status: 'cleared', clearedBy: operator.id, clearedNote: 'Carrier confirmed the parcel was returned to the seller.' });
    expect(res.json().clearedAt).toEqual(expect.any(String));
    expect(await flagRow(id)).toMatchObject({ status: 'cleared', cleared_by: operator.id, cleared_note: 'Carrier confirmed the parcel was returned to the seller.' });
    expect(await auditFor(id)).toMatchObject([{ actor_id: operator.id, reason: 'Carrier confirmed the parcel was returned to the seller.' }]);

    const list = (await ctx.app.inject({ method: 'GET', url: '/api/admin/carrier-event-flags?status=cleared', headers: as(operator) })).json();
    expect(list.flags.map((f: { id: number }) => f.id)).toContain(id);

    const again = await clear(operator, id, { note: 'Clearing it a second time' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('conflict');
    expect(again.json().error.message).toMatch(/already cleared/);
    expect(await auditFor(id)).toHaveLength(1);
    expect((await flagRow(id)).cleared_note).toBe('Carrier confirmed the parcel was returned to the seller.');
  });

  it('lets only one of two operators racing to clear the same flag win', async () => {
    const id = await openFlag();
    const other = await makeUser(ctx.app, ctx.database.db, 'operator');
    const results = await Promise.all([clear(operator, id, { note: 'First look: fine' }), clear(other, id, { note: 'Second look: fine' })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await auditFor(id)).toHaveLength(1);
  });

  it('answers 404 for an unknown id and 400 for an id that is not one', async () => {
    expect((await clear(operator, 987654321, { note: 'Nothing to see here' })).statusCode).toBe(404);
    expect((await clear(operator, 'abc', { note: 'Nothing to see here' })).statusCode).toBe(400);
  });

  it('refuses a missing, empty, NUL-bearing or overlong note (400) and changes nothing', async () => {
    const id = await openFlag();
    for (const payload of [{}, { note: '' }, { note: '   ' }, { note: 'fine\u0000then' }, { note: 'x'.repeat(501) }, { note: 42 }]) {
      const res = await clear(operator, id, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    expect(await flagRow(id)).toMatchObject({ status: 'open', cleared_by: null, cleared_note: null });
    expect(await auditFor(id)).toHaveLength(0);
  });

  it('refuses sellers and refurbishers (403, as every admin route), anonymous callers (401) and a cookie sent cross-site (403)', async () => {
    const id = await openFlag();
    for (const user of [seller, refurbisher]) {
      const res = await clear(user, id, { note: 'I would like this gone' });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    expect((await clear(null, id, { note: 'I would like this gone' })).statusCode).toBe(401);
    expect((await clear(operator, id, { note: 'Looks fine to me' }, { origin: 'https://evil.example' })).statusCode).toBe(403);
    expect((await flagRow(id)).status).toBe('open');
  });
});
