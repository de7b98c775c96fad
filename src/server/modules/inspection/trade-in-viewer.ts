import type { FastifyRequest } from 'fastify';
import type { Clock } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { requireUser } from '../accounts/index.ts';
import { refurbisherActor } from '../refurbishers/index.ts';
import { findTradeIn } from '../trade-ins/index.ts';

/**
 * Who may see a trade-in's evidence (photos, the erasure certificate): its seller, its
 * refurbisher's organisation (a member or an API key) and operators. Anyone else is told the
 * trade-in does not exist (404), signed-out callers to sign in (401).
 */
export async function tradeInForViewer(req: FastifyRequest, deps: { db: Executor; clock: Clock }, tradeInId: string) {
  const t = await findTradeIn(deps.db, tradeInId);
  const notFound = new AppError('not_found', 'Not found');
  if (req.headers.authorization !== undefined) {
    const actor = await refurbisherActor(req, deps);
    if (!t || t.refurbisher_id !== actor.refurbisherId) throw notFound;
    return t;
  }
  const user = requireUser(req);
  if (!t) throw notFound;
  if (user.role === 'operator') return t;
  if (user.role === 'seller' && t.seller_id === user.id) return t;
  if (user.role === 'refurbisher' && user.refurbisherId !== null) {
    const actor = await refurbisherActor(req, deps).catch(() => undefined);
    if (actor?.refurbisherId === t.refurbisher_id) return t;
  }
  throw notFound;
}
