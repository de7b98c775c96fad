import type { FastifyRequest } from 'fastify';
import type { MemberRole } from '../../../shared/api/refurbishers.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { requireRole } from '../accounts/index.ts';
import { hashApiKeySecret, looksLikeApiKey, sameHash } from './api-key-secret.ts';
import type { RefurbisherActor } from './refurbishers.policy.ts';
import { findApiKeyByHash, findMembership, touchApiKey } from './refurbishers.repository.ts';

declare module 'fastify' {
  interface FastifyRequest {
    refurbisherActor?: RefurbisherActor;
  }
}

const INVALID_KEY = 'The API key is not valid, or it was revoked';

/**
 * The refurbisher a request acts for. `Authorization: Bearer tlk_…` (an API key, checked on
 * every request, so a revoked key fails at once) wins over a session cookie; a session must
 * belong to a refurbisher member. Only the refurbisher API calls this: a key opens nothing else.
 */
export async function refurbisherActor(req: FastifyRequest, deps: { db: Executor; clock: Clock }): Promise<RefurbisherActor> {
  if (req.refurbisherActor) return req.refurbisherActor;
  const header = req.headers.authorization;
  let actor: RefurbisherActor;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match || !looksLikeApiKey(match[1]!)) throw new AppError('unauthenticated', INVALID_KEY);
    const hash = hashApiKeySecret(match[1]!);
    const key = await findApiKeyByHash(deps.db, hash);
    if (!key || !key.organizationId || !sameHash(hash, key.secretHash)) throw new AppError('unauthenticated', INVALID_KEY);
    await touchApiKey(deps.db, key.id, deps.clock.now());
    actor = {
      kind: 'key',
      refurbisherId: key.refurbisherId,
      organizationId: key.organizationId,
      role: key.role,
      actorId: key.id,
      label: `API key "${key.name}"`,
    };
  } else {
    const user = requireRole(req, 'refurbisher');
    if (!user.refurbisherId) throw new AppError('forbidden', 'Your account is not a member of any refurbisher');
    const membership = await findMembership(deps.db, user.id, user.refurbisherId);
    if (!membership) throw new AppError('forbidden', 'Your account is not a member of any refurbisher');
    actor = {
      kind: 'member',
      refurbisherId: user.refurbisherId,
      organizationId: membership.organizationId,
      role: membership.role as MemberRole,
      actorId: user.id,
      label: user.name,
    };
  }
  req.refurbisherActor = actor;
  return actor;
}
