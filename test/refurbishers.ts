import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { as, makeUser, signUp, uniqueEmail, type TestUser } from './accounts.ts';
import type { Executor } from '../src/server/platform/db/database.ts';
import type { Runtime } from '../src/server/runtime.ts';

/** A refurbisher opened the way an operator does it, with its first admin joined from the invitation. */
export interface OpenedRefurbisher {
  id: string;
  name: string;
  admin: TestUser;
}

let seq = 0;

export async function operator(app: FastifyInstance, db: Executor): Promise<TestUser> {
  return makeUser(app, db, 'operator');
}

export async function openRefurbisher(app: FastifyInstance, db: Executor, runtime: Runtime, op: TestUser): Promise<OpenedRefurbisher> {
  seq += 1;
  const adminEmail = uniqueEmail('admin');
  const name = `Refurb ${seq} ${Math.random().toString(36).slice(2, 7)}`;
  const res = await app.inject({
    method: 'POST',
    url: '/api/admin/refurbishers',
    headers: as(op),
    payload: { name, adminEmail, receivingAddress: { name: `${name} Receiving`, line1: '1 Dock St', city: 'Columbus', state: 'OH', zip: '43207' } },
  });
  expect(res.statusCode, res.body).toBe(201);
  const { refurbisher, invitation } = res.json() as { refurbisher: { id: string }; invitation: { id: string } };
  await runtime.jobs.runDue();
  const admin = await signUp(app, { email: adminEmail });
  const accepted = await app.inject({ method: 'POST', url: `/api/invitations/${invitation.id}/accept`, headers: as(admin), payload: {} });
  expect(accepted.statusCode, accepted.body).toBe(200);
  return { id: refurbisher.id, name, admin };
}

/** Invites `role` into the admin's organisation and has a fresh user accept it. */
export async function addMember(app: FastifyInstance, admin: TestUser, role: 'admin' | 'buyer' | 'inspector'): Promise<TestUser & { memberId: string }> {
  const email = uniqueEmail(role);
  const inv = await app.inject({ method: 'POST', url: '/api/refurbisher/invitations', headers: as(admin), payload: { email, role } });
  expect(inv.statusCode, inv.body).toBe(201);
  const user = await signUp(app, { email });
  const ok = await app.inject({ method: 'POST', url: `/api/invitations/${inv.json().id}/accept`, headers: as(user), payload: {} });
  expect(ok.statusCode, ok.body).toBe(200);
  const members = (await app.inject({ method: 'GET', url: '/api/refurbisher/members', headers: as(admin) })).json() as { members: { id: string; email: string }[] };
  return { ...user, memberId: members.members.find((m) => m.email === email)!.id };
}

export async function createKey(app: FastifyInstance, admin: TestUser, role: 'admin' | 'buyer' | 'inspector' = 'buyer') {
  const res = await app.inject({ method: 'POST', url: '/api/refurbisher/api-keys', headers: as(admin), payload: { name: `stock sync ${role}`, role } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { key: { id: string }; secret: string };
}

export const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

/**
 * Adds a model with `n` synthetic variants to the catalogue. The built-in catalogue has fewer
 * than 1,000 variants (under 4,000 variant-and-grade keys), so a refurbisher with 10,000 or
 * 20,000 entries needs a larger catalogue, as a real marketplace's would be.
 */
export async function syntheticVariants(db: Executor, n: number, tag = Math.random().toString(36).slice(2, 8)): Promise<string[]> {
  const modelId = `mdl_synthetic-${tag}`;
  await db
    .insertInto('models')
    .values({ id: modelId, category_id: 'smartphones', brand: 'Synthetic', name: `Synthetic Phone ${tag}`, release_year: 2025, mandatory_accessories: '[]', search_text: `synthetic phone ${tag}` })
    .execute();
  const ids = Array.from({ length: n }, (_, i) => `var_synthetic-${tag}-${String(i).padStart(6, '0')}`);
  for (let i = 0; i < n; i += 5_000) {
    await db
      .insertInto('variants')
      .values(ids.slice(i, i + 5_000).map((id, j) => ({ id, model_id: modelId, label: `Edition ${i + j}`, attributes: '{}', sort: i + j })))
      .execute();
  }
  return ids;
}
