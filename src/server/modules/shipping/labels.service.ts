import { MARKET_TIME_ZONE } from '../../../shared/market-time.ts';
import type { Db, Trx } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { renderLabelPdf, renderQrPng, type LabelAddress } from '../../platform/pdf/label.ts';
import type { Carrier } from './carrier.ts';
import { weightClassFor } from './carrier.ts';
import { findLiveLabel, insertLabel, voidLiveLabels } from './labels.repository.ts';

/** What the QR code at The UPS Store counter carries: the label it prints. */
export const qrPayloadFor = (trackingNumber: string) => `UPSQR:${trackingNumber}`;

/**
 * Issues the prepaid inbound label for a freshly accepted trade-in, inside the accept
 * transaction: sender = the seller, recipient = the refurbisher's receiving dock.
 */
export async function issueInboundLabel(trx: Trx, carrier: Carrier, tradeInId: string, from: LabelAddress, now: Date) {
  const t = await trx
    .selectFrom('trade_ins as t')
    .innerJoin('refurbishers as r', 'r.id', 't.refurbisher_id')
    .innerJoin('variants as v', 'v.id', 't.variant_id')
    .innerJoin('models as m', 'm.id', 'v.model_id')
    .select(['t.id', 'r.receiving_address', 'm.category_id'])
    .where('t.id', '=', tradeInId)
    .executeTakeFirstOrThrow();
  const weightClass = weightClassFor(t.category_id);
  const issued = await carrier.issueLabel({ reference: tradeInId, from, to: t.receiving_address, weightClass });
  await insertLabel(trx, {
    tradeInId,
    direction: 'inbound',
    carrier: carrier.name,
    service: issued.service,
    weightClass,
    trackingNumber: issued.trackingNumber,
    from,
    to: t.receiving_address,
    now,
  });
  return issued;
}

/** Voids every live label of the trade-in (cancel, expiry) with the carrier and in the database. */
export async function voidLabels(trx: Trx, carrier: Carrier, tradeInId: string, now: Date): Promise<number> {
  const voided = await voidLiveLabels(trx, tradeInId, now);
  for (const l of voided) await carrier.voidLabel(l.tracking_number);
  return voided.length;
}

const SHIP_BY_FORMAT = new Intl.DateTimeFormat('en-US', {
  timeZone: MARKET_TIME_ZONE,
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  year: 'numeric',
});

export async function labelPdfFor(db: Db, tradeInId: string): Promise<{ pdf: Buffer; trackingNumber: string }> {
  const label = await findLiveLabel(db, tradeInId);
  if (!label) throw notFound('Shipping label');
  const t = await db.selectFrom('trade_ins').select(['ship_by']).where('id', '=', tradeInId).executeTakeFirstOrThrow();
  const pdf = await renderLabelPdf({
    trackingNumber: label.tracking_number,
    from: label.from_address,
    to: label.to_address,
    service: label.service,
    weightClass: label.weight_class,
    shipBy: SHIP_BY_FORMAT.format(t.ship_by),
    reference: tradeInId,
    qrPayload: qrPayloadFor(label.tracking_number),
  });
  return { pdf, trackingNumber: label.tracking_number };
}

export async function qrPngFor(db: Db, tradeInId: string): Promise<Buffer> {
  const label = await findLiveLabel(db, tradeInId);
  if (!label) throw notFound('Shipping label');
  return renderQrPng(qrPayloadFor(label.tracking_number), 6);
}
