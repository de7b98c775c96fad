import type { Insertable } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { CounteroffersTable, InspectionsTable, LockHoldsTable } from './inspection.tables.ts';

export async function insertInspection(db: Executor, row: Insertable<InspectionsTable>): Promise<void> {
  await db.insertInto('inspections').values(row).execute();
}

/** Every inspection of a trade-in, oldest first (a lock hold is followed by a second one). */
export async function listInspections(db: Executor, tradeInId: string) {
  return db.selectFrom('inspections').selectAll().where('trade_in_id', '=', tradeInId).orderBy('created_at').orderBy('id').execute();
}
export type InspectionRow = Awaited<ReturnType<typeof listInspections>>[number];

export async function insertCounteroffer(db: Executor, row: Insertable<CounteroffersTable>): Promise<void> {
  await db.insertInto('counteroffers').values(row).execute();
}

export async function findCounteroffer(db: Executor, id: string) {
  return db.selectFrom('counteroffers').selectAll().where('id', '=', id).executeTakeFirst();
}
export type CounterofferRow = NonNullable<Awaited<ReturnType<typeof findCounteroffer>>>;

/** The trade-in's latest counteroffer (there is at most one open, and in practice one at all). */
export async function findLatestCounteroffer(db: Executor, tradeInId: string) {
  return db.selectFrom('counteroffers').selectAll().where('trade_in_id', '=', tradeInId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** Closes an open counteroffer: only one answer (the seller's, or the expiry) ever wins. Undefined: it was no longer open. */
export async function closeCounteroffer(db: Executor, id: string, state: 'accepted' | 'rejected' | 'expired', now: Date) {
  return db
    .updateTable('counteroffers')
    .set({ state, answered_at: now })
    .where('id', '=', id)
    .where('state', '=', 'open')
    .returningAll()
    .executeTakeFirst();
}

export async function insertLockHold(db: Executor, row: Insertable<LockHoldsTable>): Promise<void> {
  await db.insertInto('lock_holds').values(row).execute();
}

export async function findLockHold(db: Executor, id: string) {
  return db.selectFrom('lock_holds').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findLatestLockHold(db: Executor, tradeInId: string) {
  return db.selectFrom('lock_holds').selectAll().where('trade_in_id', '=', tradeInId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export async function findOpenLockHold(db: Executor, tradeInId: string) {
  return db.selectFrom('lock_holds').selectAll().where('trade_in_id', '=', tradeInId).where('resolved_at', 'is', null).executeTakeFirst();
}

/** The seller's "I removed it": recorded once (a second press changes nothing). */
export async function markSellerCleared(db: Executor, id: string, now: Date): Promise<boolean> {
  const row = await db
    .updateTable('lock_holds')
    .set({ seller_cleared_at: now })
    .where('id', '=', id)
    .where('seller_cleared_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return !!row;
}

/** Ends an open lock hold; undefined when it had already ended (a re-inspection and the lapse racing). */
export async function resolveLockHold(db: Executor, id: string, resolution: 'rechecked' | 'lapsed', now: Date) {
  return db
    .updateTable('lock_holds')
    .set({ resolution, resolved_at: now })
    .where('id', '=', id)
    .where('resolved_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
