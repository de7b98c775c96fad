import type { TApiKey, TCreateApiKey, TCreatedApiKey } from '../../../shared/api/refurbishers.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { displayPrefix, hashApiKeySecret, newApiKeySecret } from './api-key-secret.ts';
import type { RefurbisherActor } from './refurbishers.policy.ts';
import { listApiKeys } from './refurbishers.repository.ts';
import { randomBytes } from 'node:crypto';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function present(k: { id: string; name: string; role: TApiKey['role']; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }): TApiKey {
  return { id: k.id, name: k.name, role: k.role, prefix: k.prefix, createdAt: k.createdAt.toISOString(), lastUsedAt: iso(k.lastUsedAt), revokedAt: iso(k.revokedAt) };
}

export async function getApiKeys(db: Executor, actor: RefurbisherActor): Promise<TApiKey[]> {
  return (await listApiKeys(db, actor.refurbisherId)).map(present);
}

/** The secret leaves the server once, in this answer; only its hash is kept. */
export async function createApiKey(deps: { db: Db; clock: Clock }, actor: RefurbisherActor, input: TCreateApiKey): Promise<TCreatedApiKey> {
  const secret = newApiKeySecret();
  const now = deps.clock.now();
  const row = {
    id: `key_${randomBytes(12).toString('base64url')}`,
    refurbisher_id: actor.refurbisherId,
    name: input.name,
    role: input.role,
    display_prefix: displayPrefix(secret),
    secret_hash: hashApiKeySecret(secret),
    created_by: actor.actorId,
    created_at: now,
  };
  await deps.db.insertInto('refurbisher_api_keys').values(row).execute();
  return {
    key: present({ id: row.id, name: row.name, role: row.role, prefix: row.display_prefix, createdAt: now, lastUsedAt: null, revokedAt: null }),
    secret,
  };
}

/** Revocation is one conditional UPDATE; every request re-reads the key, so it fails from the next request on. */
export async function revokeApiKey(deps: { db: Db; clock: Clock }, actor: RefurbisherActor, id: string): Promise<TApiKey> {
  const row = await deps.db
    .updateTable('refurbisher_api_keys')
    .set({ revoked_at: deps.clock.now() })
    .where('id', '=', id)
    .where('refurbisher_id', '=', actor.refurbisherId)
    .where('revoked_at', 'is', null)
    .returning(['id', 'name', 'role', 'display_prefix as prefix', 'created_at as createdAt', 'last_used_at as lastUsedAt', 'revoked_at as revokedAt'])
    .executeTakeFirst();
  if (!row) throw notFound('API key');
  return present(row);
}
