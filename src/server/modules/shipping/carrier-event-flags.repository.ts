import type { Executor } from '../../platform/db/database.ts';

export const CARRIER_EVENT_FLAG_REASONS = ['scan_after_cancel', 'scan_after_expiry'] as const;
export type CarrierEventFlagReason = (typeof CARRIER_EVENT_FLAG_REASONS)[number];

/** One flag per event, however often the event is decided. */
export async function insertCarrierEventFlag(
  db: Executor,
  f: { eventId: string; tradeInId: string; reason: CarrierEventFlagReason; tradeInStatus: string; now: Date },
): Promise<void> {
  await db
    .insertInto('carrier_event_flags')
    .values({ event_id: f.eventId, trade_in_id: f.tradeInId, reason: f.reason, trade_in_status: f.tradeInStatus, created_at: f.now })
    .onConflict((oc) => oc.column('event_id').doNothing())
    .execute();
}

/** Compare-and-set: only an open flag becomes cleared. Returns the flag's id, or undefined if it was not open (or does not exist). */
export async function clearOpenCarrierEventFlag(db: Executor, c: { id: number; by: string; note: string; at: Date }) {
  return db
    .updateTable('carrier_event_flags')
    .set({ status: 'cleared', cleared_by: c.by, cleared_at: c.at, cleared_note: c.note })
    .where('id', '=', c.id)
    .where('status', '=', 'open')
    .returning(['id', 'trade_in_id as tradeInId'])
    .executeTakeFirst();
}

export async function findCarrierEventFlagStatus(db: Executor, id: number) {
  return db.selectFrom('carrier_event_flags').select(['status', 'cleared_at as clearedAt']).where('id', '=', id).executeTakeFirst();
}

/** Flags with the event that raised them, newest first; `before` pages by id. */
export async function listCarrierEventFlags(
  db: Executor,
  opts: { status?: 'open' | 'cleared' | undefined; limit: number; before?: number | undefined; id?: number | undefined },
) {
  let q = db
    .selectFrom('carrier_event_flags as f')
    .innerJoin('carrier_events as e', 'e.event_id', 'f.event_id')
    .select([
      'f.id',
      'f.reason',
      'f.status',
      'f.trade_in_id as tradeInId',
      'f.trade_in_status as tradeInStatus',
      'f.created_at as createdAt',
      'e.event_id as eventId',
      'e.type',
      'e.tracking_number as trackingNumber',
      'e.occurred_at as occurredAt',
      'e.received_at as receivedAt',
      'f.cleared_by as clearedBy',
      'f.cleared_at as clearedAt',
      'f.cleared_note as clearedNote',
    ])
    .orderBy('f.id', 'desc')
    .limit(opts.limit);
  if (opts.status) q = q.where('f.status', '=', opts.status);
  if (opts.before !== undefined) q = q.where('f.id', '<', opts.before);
  if (opts.id !== undefined) q = q.where('f.id', '=', opts.id);
  return q.execute();
}
