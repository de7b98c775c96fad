import type { TCarrierEventFlag } from '../../../shared/api/carrier-event-flags.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { clearOpenCarrierEventFlag, findCarrierEventFlagStatus, listCarrierEventFlags } from './carrier-event-flags.repository.ts';

type FlagRow = Awaited<ReturnType<typeof listCarrierEventFlags>>[number];

const iso = (d: Date) => d.toISOString();

export function presentCarrierEventFlag(f: FlagRow): TCarrierEventFlag {
  return {
    ...f,
    occurredAt: iso(f.occurredAt),
    receivedAt: iso(f.receivedAt),
    createdAt: iso(f.createdAt),
    clearedAt: f.clearedAt ? iso(f.clearedAt) : null,
  };
}

export interface ClearFlagDeps {
  db: Db;
  /** An operator's act happens in real time, like every audit log entry (the demo clock never moves it). */
  securityClock: Clock;
}

/**
 * Clears an open flag with who, when and why, and writes the same to the audit log, in one
 * transaction. The update is a compare-and-set on status 'open': of two operators clearing at
 * once, one wins and the other is told the flag was already cleared (409).
 */
export async function clearCarrierEventFlag(
  deps: ClearFlagDeps,
  c: { id: number; actorId: string; note: string; ip: string | null },
): Promise<TCarrierEventFlag> {
  const at = deps.securityClock.now();
  return deps.db.transaction().execute(async (trx) => {
    const cleared = await clearOpenCarrierEventFlag(trx, { id: c.id, by: c.actorId, note: c.note, at });
    if (!cleared) await explainNotCleared(trx, c.id);
    await recordAudit(trx, {
      actorId: c.actorId,
      action: 'carrier_event_flag.cleared',
      subject: `carrier_event_flag:${c.id}`,
      reason: c.note,
      ip: c.ip,
      at,
    });
    const [row] = await listCarrierEventFlags(trx, { id: c.id, limit: 1 });
    return presentCarrierEventFlag(row!);
  });
}

async function explainNotCleared(db: Executor, id: number): Promise<never> {
  const flag = await findCarrierEventFlagStatus(db, id);
  if (!flag) throw new AppError('not_found', 'Carrier event flag not found');
  throw new AppError('conflict', `This flag was already cleared${flag.clearedAt ? ` at ${iso(flag.clearedAt)}` : ''}; nothing changed`);
}
