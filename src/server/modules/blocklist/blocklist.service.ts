import type { TBlocklistEntry, TBlocklistPage } from '../../../shared/api/blocklist.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { deleteBlocklisted, findBlocklisted, insertBlocklisted, listBlocklisted } from './blocklist.repository.ts';

/**
 * Whether an IMEI (normalised: 15 digits) is reported lost or stolen, and why. The accept step
 * asks before issuing a label, the inspection before approving (docs/product.md §5, §9).
 */
export function isBlocklisted(db: Executor, imei: string): Promise<{ reason: string } | null> {
  return findBlocklisted(db, imei);
}

interface Deps {
  db: Db;
  /** The list and its audit entries are dated by security time, like every operator act. */
  securityClock: Clock;
}

interface Actor {
  id: string;
  ip: string | null;
}

export async function listBlocklist(db: Executor, page: { limit: number | null; offset: number }): Promise<TBlocklistPage> {
  const { entries, total } = await listBlocklisted(db, page);
  return { entries: entries.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })), total };
}

/** Adds an IMEI, audited in the same transaction; 409 if it is already listed. */
export async function addToBlocklist(deps: Deps, actor: Actor, input: { imei: string; reason: string }): Promise<TBlocklistEntry> {
  const at = deps.securityClock.now();
  return deps.db.transaction().execute(async (trx) => {
    if (!(await insertBlocklisted(trx, { imei: input.imei, reason: input.reason, addedBy: actor.id, at }))) {
      throw new AppError('conflict', 'This IMEI is already on the blocklist', { fields: { imei: 'Already on the blocklist' } });
    }
    await recordAudit(trx, { actorId: actor.id, action: 'blocklist.added', subject: `imei:${input.imei}`, reason: input.reason, ip: actor.ip, at });
    return { imei: input.imei, reason: input.reason, addedBy: actor.id, createdAt: at.toISOString() };
  });
}

/** Takes an IMEI off the list (a device found, a report withdrawn), audited; 404 if it is not listed. */
export async function removeFromBlocklist(deps: Deps, actor: Actor, imei: string): Promise<void> {
  const at = deps.securityClock.now();
  await deps.db.transaction().execute(async (trx) => {
    const removed = await deleteBlocklisted(trx, imei);
    if (!removed) throw new AppError('not_found', 'This IMEI is not on the blocklist');
    await recordAudit(trx, { actorId: actor.id, action: 'blocklist.removed', subject: `imei:${imei}`, reason: removed.reason, ip: actor.ip, at });
  });
}
