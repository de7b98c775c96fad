import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.ts';
import { buildWishlistEntry } from '../../../../test/factories.ts';
import { addMember, bearer, createKey, openRefurbisher, operator } from '../../../../test/refurbishers.ts';
import { as, makeUser, signUp, uniqueEmail } from '../../../../test/accounts.ts';

const ctx = useTestApp();
const address = { name: 'Dock', line1: '1 Dock St', city: 'Columbus', state: 'OH', zip: '43207' };

async function firstVariant() {
  const rows = await ctx.database.db.selectFrom('variants').select('id').orderBy('id').limit(3).execute();
  return rows.map((r) => r.id);
}

describe('operators open refurbishers', () => {
  it('creates the organisation and e-mails the first admin an invitation, which a new user accepts by signing up', async () => {
    const { app, runtime } = ctx;
    const op = await operator(app, ctx.database.db);
    const adminEmail = uniqueEmail('first-admin');
    const res = await app.inject({ method: 'POST', url: '/api/admin/refurbishers', headers: as(op), payload: { name: 'Phoenix Phones', adminEmail, receivingAddress: address } });
    expect(res.statusCode, res.body).toBe(201);
    const { refurbisher, invitation } = res.json();
    expect(invitation).toMatchObject({ email: adminEmail, role: 'admin', status: 'pending' });

    await runtime.jobs.runDue();
    const mail = (await runtime.mailer.listOutbox()).find((m) => m.to.includes(adminEmail));
    expect(mail?.subject).toBe("You're invited to join Phoenix Phones on Tradeloop");
    const body = await runtime.mailer.readOutboxMessage(mail!.id);
    expect(body!.text).toContain(`/invitations/${invitation.id}`);

    const view = await app.inject({ method: 'GET', url: `/api/invitations/${invitation.id}` });
    expect(view.json()).toMatchObject({ refurbisherName: 'Phoenix Phones', role: 'admin', status: 'pending' });

    const admin = await signUp(app, { email: adminEmail });
    const accepted = await app.inject({ method: 'POST', url: `/api/invitations/${invitation.id}/accept`, headers: as(admin), payload: {} });
    expect(accepted.json()).toEqual({ refurbisherId: refurbisher.id });
    const org = await app.inject({ method: 'GET', url: '/api/refurbisher/organisation', headers: as(admin) });
    expect(org.json()).toMatchObject({ id: refurbisher.id, name: 'Phoenix Phones', role: 'admin', can: { manageMembers: true, manageKeys: true } });
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: as(admin) });
    expect(me.json().user).toMatchObject({ role: 'refurbisher', refurbisherId: refurbisher.id });

    // The link works once.
    const again = await app.inject({ method: 'POST', url: `/api/invitations/${invitation.id}/accept`, headers: as(admin), payload: {} });
    expect(again.statusCode).toBe(409);
    const list = await app.inject({ method: 'GET', url: '/api/admin/refurbishers', headers: as(op) });
    expect(list.json().find((r: { id: string }) => r.id === refurbisher.id)).toMatchObject({ members: 1, pendingInvitations: 0 });
  });

  it('lets only operators create refurbishers, refuses a taken name and bad input field by field', async () => {
    const { app } = ctx;
    const seller = await signUp(app);
    const payload = { name: 'Only Operators', adminEmail: uniqueEmail(), receivingAddress: address };
    expect((await app.inject({ method: 'POST', url: '/api/admin/refurbishers', headers: as(seller), payload })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/admin/refurbishers', payload })).statusCode).toBe(401);
    const op = await operator(app, ctx.database.db);
    expect((await app.inject({ method: 'POST', url: '/api/admin/refurbishers', headers: as(op), payload })).statusCode).toBe(201);
    const taken = await app.inject({ method: 'POST', url: '/api/admin/refurbishers', headers: as(op), payload: { ...payload, adminEmail: uniqueEmail() } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.fields).toEqual({ name: 'This name is taken' });
    const bad = await app.inject({
      method: 'POST',
      url: '/api/admin/refurbishers',
      headers: as(op),
      payload: { name: '', adminEmail: 'nope', receivingAddress: { ...address, state: 'Ohio', zip: '1' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['adminEmail', 'name', 'receivingAddress.state', 'receivingAddress.zip']);
    const elsewhere = await app.inject({
      method: 'POST',
      url: '/api/admin/refurbishers',
      headers: as(op),
      payload: { name: 'Mismatch', adminEmail: 'mismatch@example.com', receivingAddress: { ...address, zip: '10001' } },
    });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error.fields).toEqual({ 'receivingAddress.zip': 'ZIP code 10001 is in NY, not OH' });
  });

  it('lets an existing seller account accept, and nobody else (404 for another address)', async () => {
    const { app, runtime } = ctx;
    const r = await openRefurbisher(app, ctx.database.db, runtime, await operator(app, ctx.database.db));
    const existing = await signUp(app);
    const inv = await app.inject({ method: 'POST', url: '/api/refurbisher/invitations', headers: as(r.admin), payload: { email: existing.email, role: 'buyer' } });
    const stranger = await signUp(app);
    expect((await app.inject({ method: 'POST', url: `/api/invitations/${inv.json().id}/accept`, headers: as(stranger), payload: {} })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: `/api/invitations/${inv.json().id}/accept`, payload: {} })).statusCode).toBe(401);
    const ok = await app.inject({ method: 'POST', url: `/api/invitations/${inv.json().id}/accept`, headers: as(existing), payload: {} });
    expect(ok.statusCode, ok.body).toBe(200);
    const org = await app.inject({ method: 'GET', url: '/api/refurbisher/organisation', headers: as(existing) });
    expect(org.json()).toMatchObject({ id: r.id, role: 'buyer', can: { manageMembers: false, manageKeys: false, editWishlist: true } });
  });

  it('keeps better-auth’s own organisation endpoints closed (members are managed here)', async () => {
    const { app, runtime } = ctx;
    const r = await openRefurbisher(app, ctx.database.db, runtime, await operator(app, ctx.database.db));
    for (const path of ['invite-member', 'update-member-role', 'remove-member', 'create']) {
      const res = await app.inject({ method: 'POST', url: `/api/auth/organization/${path}`, headers: as(r.admin), payload: {} });
      expect(res.statusCode, path).toBe(404);
    }
  });
});

describe('members and roles', () => {
  it('lets admins invite, change roles and remove; the last admin cannot remove or demote themself', async () => {
    const { app, runtime } = ctx;
    const r = await openRefurbisher(app, ctx.database.db, runtime, await operator(app, ctx.database.db));
    const members = async () => (await app.inject({ method: 'GET', url: '/api/refurbisher/members', headers: as(r.admin) })).json();
    const me = (await members()).members[0];
    expect((await app.inject({ method: 'DELETE', url: `/api/refurbisher/members/${me.id}`, headers: as(r.admin) })).statusCode).toBe(409);
    const demote = await app.inject({ method: 'PUT', url: `/api/refurbisher/members/${me.id}/role`, headers: as(r.admin), payload: { role: 'buyer' } });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.message).toMatch(/at least one admin/);

    const buyer = await addMember(app, r.admin, 'buyer');
    const promoted = await app.inject({ method: 'PUT', url: `/api/refurbisher/members/${buyer.memberId}/role`, headers: as(r.admin), payload: { role: 'admin' } });
    expect(promoted.json()).toMatchObject({ role: 'admin' });
    // Two admins now: the first may leave.
    expect((await app.inject({ method: 'DELETE', url: `/api/refurbisher/members/${me.id}`, headers: as(r.admin) })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/refurbisher/organisation', headers: as(r.admin) })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/refurbisher/members', headers: as(buyer) })).json().members).toHaveLength(1);
  });

  it('does not let a buyer or an inspector manage members or keys', async () => {
    const { app, runtime } = ctx;
    const r = await openRefurbisher(app, ctx.database.db, runtime, await operator(app, ctx.database.db));
    const buyer = await addMember(app, r.admin, 'buyer');
    const inspector = await addMember(app, r.admin, 'inspector');
    for (const user of [buyer, inspector]) {
      const h = as(user);
      expect((await app.inject({ method: 'POST', url: '/api/refurbisher/invitations', headers: h, payload: { email: uniqueEmail(), role: 'admin' } })).statusCode).toBe(403);
      expect((await app.inject({ method: 'PUT', url: `/api/refurbisher/members/${buyer.memberId}/role`, headers: h, payload: { role: 'admin' } })).statusCode).toBe(403);
      expect((await app.inject({ method: 'DELETE', url: `/api/refurbisher/members/${inspector.memberId}`, headers: h })).statusCode).toBe(403);
      expect((await app.inject({ method: 'GET', url: '/api/refurbisher/api-keys', headers: h })).statusCode).toBe(403);
      expect((await app.inject({ method: 'POST', url: '/api/refurbisher/api-keys', headers: h, payload: { name: 'x', role: 'admin' } })).statusCode).toBe(403);
      // Members see who is in their organisation, but not the pending invitations.
      const list = await app.inject({ method: 'GET', url: '/api/refurbisher/members', headers: h });
      expect(list.statusCode).toBe(200);
      expect(list.json().invitations).toEqual([]);
    }
    expect((await app.inject({ method: 'GET', url: '/api/refurbisher/wishlist', headers: as(buyer) })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/refurbisher/wishlist', headers: as(inspector) })).statusCode).toBe(403);
    const seller = await signUp(app);
    expect((await app.inject({ method: 'GET', url: '/api/refurbisher/organisation', headers: as(seller) })).statusCode).toBe(403);
  });
});

describe('API keys', () => {
  it('are shown once, stored hashed, work as a Bearer token on the refurbisher API only, and fail at once when revoked', async () => {
    const { app, runtime, database } = ctx;
    const r = await openRefurbisher(app, database.db, runtime, await operator(app, database.db));
    const { key, secret } = await createKey(app, r.admin, 'buyer');
    expect(secret).toMatch(/^tlk_[A-Za-z0-9_-]{43}$/);
    const stored = await database.db.selectFrom('refurbisher_api_keys').selectAll().where('id', '=', key.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(secret);
    const listed = (await app.inject({ method: 'GET', url: '/api/refurbisher/api-keys', headers: as(r.admin) })).json();
    expect(JSON.stringify(listed)).not.toContain(secret.slice(10));
    expect(listed[0]).toMatchObject({ id: key.id, role: 'buyer', lastUsedAt: null, revokedAt: null });

    const org = await app.inject({ method: 'GET', url: '/api/refurbisher/organisation', headers: bearer(secret) });
    expect(org.json()).toMatchObject({ id: r.id, role: 'buyer' });
    expect((await app.inject({ method: 'GET', url: '/api/refurbisher/wishlist', headers: bearer(secret) })).statusCode).toBe(200);
    const used = (await app.inject({ method: 'GET', url: '/api/refurbisher/api-keys', headers: as(r.admin) })).json();
    expect(used[0].lastUsedAt).not.toBeNull();
    // A buyer key cannot manage keys, and a key opens nothing outside the refurbisher API.
    expect((await app.inject({ method: 'GET', url: '/api/refurbisher/api-keys', headers: bearer(secret) })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: bearer(secret) })).statusCode).toBe(401);

    const revoked = await app.inject({ method: 'DELETE', url: `/api/refurbisher/api-keys/${key.id}`, headers: as(r.admin) });
    expect(revoked.json().revokedAt).not.toBeNull();
    const after = await app.inject({ method: 'GET', url: '/api/refurbisher/wishlist', headers: bearer(secret) });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('unauthenticated');
    expect((await app.inject({ method: 'GET', url: '/api/refurbisher/wishlist', headers: bearer('tlk_' + 'x'.repeat(43)) })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/refurbisher/wishlist', headers: { authorization: 'Basic abc' } })).statusCode).toBe(401);
  });
});

describe("another refurbisher's ids", () => {
  it('are 404 on every refurbisher endpoint, by session and by key', async () => {
    const { app, runtime, database } = ctx;
    const op = await operator(app, database.db);
    const mine = await openRefurbisher(app, database.db, runtime, op);
    const theirs = await openRefurbisher(app, database.db, runtime, op);
    const theirMember = await addMember(app, theirs.admin, 'buyer');
    const theirInvite = (await app.inject({ method: 'POST', url: '/api/refurbisher/invitations', headers: as(theirs.admin), payload: { email: uniqueEmail(), role: 'buyer' } })).json();
    const theirKey = await createKey(app, theirs.admin);
    const [v1] = await firstVariant();
    const theirEntry = await buildWishlistEntry(database.db, { refurbisherId: theirs.id, variantId: v1!, priceMinor: 12_300 });
    const myKey = await createKey(app, mine.admin, 'admin');

    const organisationRequests = [
      { method: 'PUT', url: `/api/refurbisher/members/${theirMember.memberId}/role`, payload: { role: 'admin' } },
      { method: 'DELETE', url: `/api/refurbisher/members/${theirMember.memberId}` },
      { method: 'DELETE', url: `/api/refurbisher/invitations/${theirInvite.id}` },
      { method: 'DELETE', url: `/api/refurbisher/api-keys/${theirKey.key.id}` },
    ] as const;
    const wishlistRequests = [
      { method: 'PATCH', url: `/api/refurbisher/wishlist/${theirEntry.id}`, payload: { price: { amountMinor: 1, currency: 'USD' } } },
      { method: 'GET', url: `/api/refurbisher/wishlist/${theirEntry.id}/changes` },
      { method: 'GET', url: `/api/refurbisher/wishlist/${theirEntry.id}/price-history` },
      { method: 'POST', url: '/api/refurbisher/wishlist/bulk-change', payload: { entryIds: [theirEntry.id], change: { kind: 'percent', percent: -50 } } },
    ] as const;
    // Members and keys are managed by signed-in admins only (an API key never mints keys); the
    // wishlist by admins and buyers, in person or by key.
    const cases = [
      { headers: as(mine.admin), requests: [...organisationRequests, ...wishlistRequests] },
      { headers: bearer(myKey.secret), requests: wishlistRequests },
    ];
    for (const { headers, requests } of cases) {
      for (const r of requests) {
        const res = await app.inject({ method: r.method, url: r.url, headers, ...('payload' in r ? { payload: r.payload } : {}) });
        expect(res.statusCode, `${r.method} ${r.url}: ${res.body}`).toBe(404);
        expect(res.body).not.toContain(theirs.name);
      }
    }
    // Nothing of theirs moved.
    const entry = await database.db.selectFrom('wishlist_entries').select('price_minor').where('id', '=', theirEntry.id).executeTakeFirstOrThrow();
    expect(entry.price_minor).toBe(12_300);
    expect((await app.inject({ method: 'GET', url: '/api/refurbisher/organisation', headers: bearer(theirKey.secret) })).statusCode).toBe(200);
    // And their own listing never names a competitor.
    const list = await app.inject({ method: 'GET', url: '/api/refurbisher/wishlist', headers: as(mine.admin) });
    expect(list.body).not.toContain(theirs.name);
  });

  it('keeps operators and sellers out of the refurbisher API', async () => {
    const { app, database } = ctx;
    const op = await makeUser(app, database.db, 'operator');
    expect((await app.inject({ method: 'GET', url: '/api/refurbisher/wishlist', headers: as(op) })).statusCode).toBe(403);
  });
});
