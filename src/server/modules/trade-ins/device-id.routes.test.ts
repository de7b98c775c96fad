import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.ts';
import type { TestUser } from '../../../../test/accounts.ts';
import { buildRefurbisher, buildWishlistEntry, randomImei } from '../../../../test/factories.ts';
import { as, flawlessAnswers, freshOffer, makeUser, newKey, readySeller } from '../../../../test/journey.ts';
import type { TOperatorFlag } from '../../../shared/api/operator-flags.ts';

/** docs/product.md §9, the pre-label check: the IMEI or serial number given at accept. */
const ctx = useTestApp();
let seller: TestUser;
let operator: TestUser;

beforeAll(async () => {
  seller = await readySeller(ctx);
  operator = await makeUser(ctx.app, ctx.database.db, 'operator');
});

const acceptWith = (offerId: string, deviceId: unknown, key = newKey()) =>
  ctx.app.inject({ method: 'POST', url: `/api/offers/${offerId}/accept`, headers: { ...as(seller), 'idempotency-key': key }, payload: { deviceId } as object });
const stored = (offerId: string) =>
  ctx.database.db.selectFrom('trade_ins').select(['device_id_kind', 'device_id_value']).where('offer_id', '=', offerId).execute();
const remaining = async (entryId: string) =>
  (await ctx.database.db.selectFrom('wishlist_entries').select('quantity_remaining').where('id', '=', entryId).executeTakeFirstOrThrow()).quantity_remaining;
const blocklist = async (imei: string) => {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/admin/blocklist', headers: as(operator), payload: { imei, reason: 'Reported stolen to the NYPD' } });
  expect(res.statusCode, res.body).toBe(201);
};
const blocklistedFlags = async (): Promise<TOperatorFlag[]> =>
  (await ctx.app.inject({ method: 'GET', url: '/api/admin/flags?kind=blocklisted_device&limit=200', headers: as(operator) })).json().flags;

/** An offer on a tablet variant of this connectivity (`Wi-Fi` only, or with `Cellular`). */
async function tabletOffer(cellular: boolean) {
  const variants = await ctx.database.db
    .selectFrom('variants as v')
    .innerJoin('models as m', 'm.id', 'v.model_id')
    .select(['v.id', 'v.label'])
    .where('m.category_id', '=', 'tablets')
    .execute();
  const variant = variants.find((v) => /cellular/i.test(v.label) === cellular)!;
  const refurbisher = await buildRefurbisher(ctx.database.db);
  await buildWishlistEntry(ctx.database.db, { refurbisherId: refurbisher.id, variantId: variant.id, grade: 'Flawless', priceMinor: 2_000_000 });
  const res = await ctx.app.inject({ method: 'POST', url: '/api/assessments', payload: { variantId: variant.id, answers: flawlessAnswers('tablets') } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().offer.id as string;
}

describe('accepting with an IMEI or serial number', () => {
  it('stores a valid IMEI, normalised, on the trade-in; and a serial number, upper-cased', async () => {
    const imei = randomImei();
    const a = await freshOffer(ctx.app, ctx.database.db);
    const res = await acceptWith(a.offerId, { kind: 'imei', value: `${imei.slice(0, 8)} ${imei.slice(8)}` });
    expect(res.statusCode, res.body).toBe(201);
    expect(await stored(a.offerId)).toEqual([{ device_id_kind: 'imei', device_id_value: imei }]);

    const b = await freshOffer(ctx.app, ctx.database.db);
    expect((await acceptWith(b.offerId, { kind: 'serial', value: 'f2l-xq1 abc9' })).statusCode).toBe(201);
    expect(await stored(b.offerId)).toEqual([{ device_id_kind: 'serial', device_id_value: 'F2LXQ1ABC9' }]);

    // Without one, nothing is stored (the field is optional).
    const c = await freshOffer(ctx.app, ctx.database.db);
    expect((await acceptWith(c.offerId, undefined)).statusCode).toBe(201);
    expect(await stored(c.offerId)).toEqual([{ device_id_kind: null, device_id_value: null }]);
  });

  it('refuses an IMEI with a wrong check digit, and an IMEI for a Wi-Fi-only tablet (422 naming deviceId), creating nothing', async () => {
    const imei = randomImei();
    const wrong = imei.slice(0, 14) + ((Number(imei[14]) + 3) % 10);
    const a = await freshOffer(ctx.app, ctx.database.db);
    const res = await acceptWith(a.offerId, { kind: 'imei', value: wrong });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'device_id_invalid', message: expect.stringMatching(/check digit/), fields: { deviceId: expect.any(String) } });
    expect(await stored(a.offerId)).toEqual([]);
    expect(await remaining(a.entry.id)).toBe(5);

    const wifi = await tabletOffer(false);
    const refused = await acceptWith(wifi, { kind: 'imei', value: randomImei() });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'device_id_invalid', message: expect.stringMatching(/no IMEI.*serial number/), fields: { deviceId: expect.any(String) } });
    expect(await stored(wifi)).toEqual([]);
    // Its serial number is fine; a cellular tablet takes an IMEI.
    expect((await acceptWith(wifi, { kind: 'serial', value: 'DMPXK2ABCD12' })).statusCode).toBe(201);
    expect((await acceptWith(await tabletOffer(true), { kind: 'imei', value: randomImei() })).statusCode).toBe(201);

    // A value of the wrong shape never reaches the service (the body's schema).
    expect((await acceptWith(a.offerId, { kind: 'meid', value: imei })).statusCode).toBe(400);
    expect((await acceptWith(a.offerId, { kind: 'imei', value: imei, extra: 1 })).statusCode).toBe(400);
  });

  it('refuses a blocklisted IMEI: no trade-in, no unit reserved, the offer still open; operators get one flag, replays included', async () => {
    const imei = randomImei();
    await blocklist(imei);
    const a = await freshOffer(ctx.app, ctx.database.db);
    const key = newKey();
    const res = await acceptWith(a.offerId, { kind: 'imei', value: imei }, key);
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'device_blocklisted', message: expect.stringMatching(/lost or stolen/), fields: { deviceId: expect.any(String) } });
    // The seller is not shown the report's wording.
    expect(res.body).not.toContain('NYPD');
    expect(await stored(a.offerId)).toEqual([]);
    expect(await remaining(a.entry.id)).toBe(5);

    // The same request again (a retry with the same key): the same answer, still one flag.
    const replay = await acceptWith(a.offerId, { kind: 'imei', value: imei }, key);
    expect(replay.statusCode).toBe(422);
    expect(replay.json().error.code).toBe('device_blocklisted');
    const flags = (await blocklistedFlags()).filter((f) => f.kind === 'blocklisted_device' && f.details.offerId === a.offerId);
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ status: 'open', tradeInId: null, userIds: [seller.id], details: { imeiLast4: imei.slice(-4), offerId: a.offerId, reason: 'Reported stolen to the NYPD' } });
    expect(JSON.stringify(flags)).not.toContain(imei);

    // Nothing was used up: off the list again (a report withdrawn), the same offer is accepted with that IMEI.
    expect((await ctx.app.inject({ method: 'DELETE', url: `/api/admin/blocklist/${imei}`, headers: as(operator) })).statusCode).toBe(204);
    expect((await acceptWith(a.offerId, { kind: 'imei', value: imei })).statusCode).toBe(201);
    expect(await remaining(a.entry.id)).toBe(4);
  });

  it('a success replayed with its key answers the first trade-in, even if the IMEI was blocklisted in between', async () => {
    const imei = randomImei();
    const a = await freshOffer(ctx.app, ctx.database.db);
    const key = newKey();
    const first = await acceptWith(a.offerId, { kind: 'imei', value: imei }, key);
    expect(first.statusCode).toBe(201);
    await blocklist(imei);
    const replay = await acceptWith(a.offerId, { kind: 'imei', value: imei }, key);
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().id).toBe(first.json().id);
  });
});
