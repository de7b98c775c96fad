import type { Executor } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import type { LabelAddress } from '../../platform/pdf/label.ts';

export async function insertLabel(
  db: Executor,
  l: {
    tradeInId: string;
    direction: 'inbound' | 'return';
    carrier: string;
    service: string;
    weightClass: string;
    trackingNumber: string;
    from: LabelAddress;
    to: LabelAddress;
    now: Date;
  },
) {
  const id = newId('label', l.now.getTime());
  await db
    .insertInto('shipping_labels')
    .values({
      id,
      trade_in_id: l.tradeInId,
      direction: l.direction,
      carrier: l.carrier,
      service: l.service,
      weight_class: l.weightClass,
      tracking_number: l.trackingNumber,
      from_address: JSON.stringify(l.from),
      to_address: JSON.stringify(l.to),
      status: 'issued',
      created_at: l.now,
    })
    .execute();
  return id;
}

export async function findLiveLabel(db: Executor, tradeInId: string, direction: 'inbound' | 'return' = 'inbound') {
  return db
    .selectFrom('shipping_labels')
    .selectAll()
    .where('trade_in_id', '=', tradeInId)
    .where('direction', '=', direction)
    .where('status', '=', 'issued')
    .executeTakeFirst();
}

export async function findLabelByTracking(db: Executor, trackingNumber: string) {
  return db.selectFrom('shipping_labels').selectAll().where('tracking_number', '=', trackingNumber).executeTakeFirst();
}

/** The trade-in's live labels, to void them. */
export async function listLiveLabels(db: Executor, tradeInId: string) {
  return db.selectFrom('shipping_labels').select(['id', 'tracking_number']).where('trade_in_id', '=', tradeInId).where('status', '=', 'issued').execute();
}

/** Marks one label void once the carrier has voided it (a no-op if it already is). */
export async function markLabelVoided(db: Executor, id: string, now: Date): Promise<void> {
  await db.updateTable('shipping_labels').set({ status: 'voided', voided_at: now }).where('id', '=', id).where('status', '=', 'issued').execute();
}

/** The newest inbound label, live or void: what the e-mails and the demo tools refer to. */
export async function findLatestInboundLabel(db: Executor, tradeInId: string) {
  return db
    .selectFrom('shipping_labels')
    .select(['tracking_number', 'status'])
    .where('trade_in_id', '=', tradeInId)
    .where('direction', '=', 'inbound')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

export async function insertCarrierEvent(
  db: Executor,
  e: {
    eventId: string;
    trackingNumber: string;
    type: string;
    occurredAt: Date;
    receivedAt: Date;
    tradeInId: string | null;
    outcome: string;
    decidedAt: Date | null;
  },
): Promise<boolean> {
  const row = await db
    .insertInto('carrier_events')
    .values({
      event_id: e.eventId,
      tracking_number: e.trackingNumber,
      type: e.type,
      occurred_at: e.occurredAt,
      received_at: e.receivedAt,
      trade_in_id: e.tradeInId,
      outcome: e.outcome,
      decided_at: e.decidedAt,
    })
    .onConflict((oc) => oc.column('event_id').doNothing())
    .returning('event_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function findCarrierEvent(db: Executor, eventId: string) {
  return db.selectFrom('carrier_events').selectAll().where('event_id', '=', eventId).executeTakeFirst();
}
export type CarrierEventRow = NonNullable<Awaited<ReturnType<typeof findCarrierEvent>>>;

/** The event row, locked until the transaction ends: one decision at a time per event. */
export async function lockCarrierEvent(db: Executor, eventId: string) {
  return db.selectFrom('carrier_events').selectAll().where('event_id', '=', eventId).forUpdate().executeTakeFirst();
}

export async function markCarrierEventDecided(db: Executor, eventId: string, outcome: string, now: Date) {
  await db.updateTable('carrier_events').set({ outcome, decided_at: now }).where('event_id', '=', eventId).execute();
}
