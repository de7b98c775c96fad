import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.ts';
import { tradeInAtOrganisation } from '../../../../test/delivered.ts';
import { as, readySeller } from '../../../../test/journey.ts';
import { bearer, createKey, operator } from '../../../../test/refurbishers.ts';
import type { TestUser } from '../../../../test/accounts.ts';
import { PHOTO_LIMITS } from '../../../shared/api/inspection.ts';
import { newId } from '../../platform/ids.ts';
import { claimPhotos, photosByInspection } from './index.ts';

const ctx = useTestApp();

const upload = (tradeInId: string, headers: Record<string, string>, body: Buffer, contentType = 'image/jpeg') =>
  ctx.app.inject({ method: 'POST', url: `/api/refurbisher/trade-ins/${tradeInId}/photos`, headers: { ...headers, 'content-type': contentType }, payload: body });
const fetchPhoto = (url: string, headers: Record<string, string>) => ctx.app.inject({ method: 'GET', url, headers });

const canvas = (width = 64, height = 48) => sharp({ create: { width, height, channels: 3, background: '#2a7' } });
const PNG = () => canvas().png().toBuffer();

/** A camera JPEG: EXIF with the camera's make and the GPS position where it was taken. */
async function jpegWithGps(): Promise<Buffer> {
  const jpeg = await canvas(80, 60)
    .jpeg()
    .withExif({
      IFD0: { Make: 'SpyCam', Model: 'Tracker 9' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '40/1 44/1 5496/100', GPSLongitudeRef: 'W', GPSLongitude: '73/1 59/1 864/100' },
    })
    .toBuffer();
  // The input really carries them, so the test can fail.
  expect(jpeg.includes(Buffer.from('Exif\0\0'))).toBe(true);
  expect(jpeg.includes(Buffer.from('SpyCam'))).toBe(true);
  expect((await sharp(jpeg).metadata()).exif).toBeDefined();
  return jpeg;
}

let seller: TestUser;
let org: Awaited<ReturnType<typeof tradeInAtOrganisation>>;

describe('inspection photos', () => {
  it('sets up a delivered trade-in', async () => {
    seller = await readySeller(ctx);
    org = await tradeInAtOrganisation(ctx, seller);
  });

  it('recognises a PNG named .jpg and sent as image/jpeg by its content, and stores it as PNG', async () => {
    const res = await upload(org.id, as(org.inspector), await PNG(), 'image/jpeg');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ contentType: 'image/png', width: 64, height: 48, url: `/api/trade-ins/${org.id}/photos/${res.json().id}` });
    const got = await fetchPhoto(res.json().url, as(org.inspector));
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['cache-control']).toMatch(/^private/);
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.rawPayload.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect((await sharp(got.rawPayload).metadata()).format).toBe('png');
  });

  it('refuses an HTML file named .png and sent as image/png (422), and stores nothing', async () => {
    const before = await countPhotos(org.id);
    const html = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
    const res = await upload(org.id, as(org.inspector), html, 'image/png');
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.message).toMatch(/not a JPEG, PNG or WebP/);
    expect(await countPhotos(org.id)).toBe(before);
  });

  it('refuses a file that starts like a JPEG but does not decode (422)', async () => {
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]);
    const res = await upload(org.id, as(org.inspector), broken, 'application/octet-stream');
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.message).toMatch(/could not be read/);
  });

  it('re-encodes a JPEG so that no EXIF (camera, GPS position) survives', async () => {
    const res = await upload(org.id, bearer((await createKey(ctx.app, org.admin, 'inspector')).secret), await jpegWithGps());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ contentType: 'image/jpeg', width: 80, height: 60 });
    const bytes = (await fetchPhoto(res.json().url, as(org.admin))).rawPayload;
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(bytes.includes(Buffer.from('Exif\0\0'))).toBe(false);
    expect(bytes.includes(Buffer.from('SpyCam'))).toBe(false);
    expect((await sharp(bytes).metadata()).exif).toBeUndefined();
    // What the database holds, not only what the route serves.
    const stored = await ctx.database.db.selectFrom('inspection_photos').select('data').where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(stored.data.includes(Buffer.from('Exif\0\0'))).toBe(false);
  });

  it('takes a WebP', async () => {
    const res = await upload(org.id, as(org.inspector), await canvas(30, 20).webp().toBuffer(), 'application/octet-stream');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ contentType: 'image/webp', width: 30, height: 20 });
  });

  it('refuses a photo over 10 MB with the limit in the message, and stores nothing', async () => {
    const before = await countPhotos(org.id);
    const big = Buffer.concat([await PNG(), Buffer.alloc(PHOTO_LIMITS.maxBytes, 1)]);
    const res = await upload(org.id, as(org.inspector), big, 'image/png');
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'payload_too_large', message: 'A photo may be at most 10 MB' });
    expect(await countPhotos(org.id)).toBe(before);
  });

  it('refuses the ninth photo of an inspection (422)', async () => {
    const t = await tradeInAtOrganisation(ctx, seller);
    for (let i = 0; i < PHOTO_LIMITS.maxCount; i++) expect((await upload(t.id, as(t.inspector), await PNG())).statusCode).toBe(201);
    const ninth = await upload(t.id, as(t.inspector), await PNG());
    expect(ninth.statusCode, ninth.body).toBe(422);
    expect(ninth.json().error.message).toBe('An inspection takes at most 8 photos');
    expect(await countPhotos(t.id)).toBe(PHOTO_LIMITS.maxCount);
  });

  it('answers 404 to another organisation, 403 to a buyer, 409 before delivery, 401 signed out', async () => {
    const other = await tradeInAtOrganisation(ctx, seller);
    expect((await upload(org.id, as(other.inspector), await PNG())).statusCode).toBe(404);
    expect((await upload('tin_doesnotexist', as(org.inspector), await PNG())).statusCode).toBe(404);
    expect((await upload(org.id, bearer((await createKey(ctx.app, org.admin, 'buyer')).secret), await PNG())).statusCode).toBe(403);
    expect((await upload(org.id, {}, await PNG())).statusCode).toBe(401);
    const notYet = await tradeInAtOrganisation(ctx, seller, { deliver: false });
    const res = await upload(notYet.id, as(notYet.inspector), await PNG());
    expect(res.statusCode, res.body).toBe(409);
  });

  it('serves a photo to the seller, operators and the organisation; 404 to another seller and another organisation', async () => {
    const photo = (await upload(org.id, as(org.inspector), await PNG())).json();
    const op = await operator(ctx.app, ctx.database.db);
    expect((await fetchPhoto(photo.url, as(seller))).statusCode).toBe(200);
    expect((await fetchPhoto(photo.url, as(op))).statusCode).toBe(200);
    expect((await fetchPhoto(photo.url, bearer((await createKey(ctx.app, org.admin, 'buyer')).secret))).statusCode).toBe(200);
    const stranger = await readySeller(ctx);
    const other = await tradeInAtOrganisation(ctx, stranger);
    expect((await fetchPhoto(photo.url, as(stranger))).statusCode).toBe(404);
    expect((await fetchPhoto(photo.url, as(other.admin))).statusCode).toBe(404);
    expect((await fetchPhoto(photo.url, bearer((await createKey(ctx.app, other.admin, 'inspector')).secret))).statusCode).toBe(404);
    // The photo under another trade-in's URL is not found either.
    expect((await fetchPhoto(`/api/trade-ins/${other.id}/photos/${photo.id}`, as(other.admin))).statusCode).toBe(404);
    expect((await fetchPhoto(photo.url, {})).statusCode).toBe(401);
  });

  it('claims uploaded photos for an inspection once; an unknown, foreign or claimed id claims nothing', async () => {
    const t = await tradeInAtOrganisation(ctx, seller);
    const a = (await upload(t.id, as(t.inspector), await PNG())).json();
    const b = (await upload(t.id, as(t.inspector), await PNG())).json();
    const foreign = (await upload(org.id, as(org.inspector), await PNG())).json();
    const inspectionId = await insertInspection(t.id, t.refurbisherId);
    const db = ctx.database.db;
    for (const photoIds of [[a.id, 'pho_unknown'], [a.id, foreign.id]]) {
      const err = await db.transaction().execute((trx) => claimPhotos(trx, { tradeInId: t.id, refurbisherId: t.refurbisherId, inspectionId, photoIds })).catch((e) => e);
      expect(err).toMatchObject({ code: 'unprocessable', fields: { photoIds: expect.any(String) } });
    }
    expect((await photosByInspection(db, [inspectionId])).get(inspectionId)).toBeUndefined();
    const claimed = await db.transaction().execute((trx) => claimPhotos(trx, { tradeInId: t.id, refurbisherId: t.refurbisherId, inspectionId, photoIds: [b.id, a.id] }));
    expect(claimed.map((p) => p.id)).toEqual([b.id, a.id]);
    const again = await db.transaction().execute((trx) => claimPhotos(trx, { tradeInId: t.id, refurbisherId: t.refurbisherId, inspectionId, photoIds: [a.id] })).catch((e) => e);
    expect(again).toMatchObject({ code: 'unprocessable' });
    const listed = (await photosByInspection(db, [inspectionId, 'ins_none'])).get(inspectionId)!;
    expect(listed.map((p) => p.id).sort()).toEqual([a.id, b.id].sort());
    expect(listed[0]).toEqual({ id: expect.any(String), url: expect.stringMatching(/^\/api\/trade-ins\/.+\/photos\//), contentType: 'image/png', width: 64, height: 48, bytes: expect.any(Number), uploadedAt: expect.any(String) });
    // Claimed photos leave the round: the next inspection has its full 8 again.
    expect((await upload(t.id, as(t.inspector), await PNG())).statusCode).toBe(201);
  });
});

async function countPhotos(tradeInId: string): Promise<number> {
  const rows = await ctx.database.db.selectFrom('inspection_photos').select('id').where('trade_in_id', '=', tradeInId).execute();
  return rows.length;
}

async function insertInspection(tradeInId: string, refurbisherId: string): Promise<string> {
  const id = newId('inspection');
  const now = ctx.clock.now();
  await ctx.database.db
    .insertInto('inspections')
    .values({
      id,
      trade_in_id: tradeInId,
      refurbisher_id: refurbisherId,
      inspector_user_id: 'usr_test',
      inspector_name: 'Test Inspector',
      outcome: 'counteroffer',
      declared_grade: 'Flawless',
      verified_grade: 'Good',
      answers: JSON.stringify({}),
      identity_kind: null,
      identity_value: null,
      accessories: JSON.stringify([]),
      still_linked: false,
      refusal_reason: null,
      delivered_at: now,
      due_at: now,
      created_at: now,
    })
    .execute();
  return id;
}
