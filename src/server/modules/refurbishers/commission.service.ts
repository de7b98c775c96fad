import type { TCommission } from '../../../shared/api/statements.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';

/**
 * An operator sets the platform's commission on a refurbisher's approvals. It applies to
 * approvals posted after the change (each approval reads the rate in its own transaction and
 * the ledger keeps the amount it posted); past entries never change. Audited with old → new.
 */
export async function setCommission(deps: { db: Db; securityClock: Clock }, operator: { id: string; ip: string | null }, refurbisherId: string, bps: number): Promise<TCommission> {
  const at = deps.securityClock.now();
  return deps.db.transaction().execute(async (trx) => {
    // Locked: two operators changing it at once each audit the value they really replaced.
    const row = await trx.selectFrom('refurbishers').select('commission_bps').where('id', '=', refurbisherId).forUpdate().executeTakeFirst();
    if (!row) throw notFound('Refurbisher');
    const previous = row.commission_bps;
    if (previous !== bps) {
      await trx.updateTable('refurbishers').set({ commission_bps: bps }).where('id', '=', refurbisherId).execute();
      await recordAudit(trx, {
        actorId: operator.id,
        action: 'refurbisher.commission_changed',
        subject: refurbisherId,
        reason: `${previous} → ${bps} bps`,
        ip: operator.ip,
        at,
      });
    }
    return { refurbisherId, bps, previousBps: previous };
  });
}
