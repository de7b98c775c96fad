import { MARKET_TIME_ZONE } from '../../../shared/market-time.ts';
import type { Db } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { renderLabelPdf, renderQrPng } from '../../platform/pdf/label.ts';
import { findTradeIn } from '../trade-ins/index.ts';
import { findLiveLabel } from './labels.repository.ts';
import { findReturnShipment } from './return-shipments.repository.ts';

/** What the QR code at The UPS Store counter carries: the label it prints. */
export const qrPayloadFor = (trackingNumber: string) => `UPSQR:${trackingNumber}`;

const SHIP_BY_FORMAT = new Intl.DateTimeFormat('en-US', {
  timeZone: MARKET_TIME_ZONE,
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  year: 'numeric',
});

/** The live label's PDF; a return label's ship-by date is the free return's, not the seller's. */
export async function labelPdfFor(db: Db, tradeInId: string, direction: 'inbound' | 'return' = 'inbound'): Promise<{ pdf: Buffer; trackingNumber: string }> {
  const label = await findLiveLabel(db, tradeInId, direction);
  if (!label) throw notFound('Shipping label');
  const t = await findTradeIn(db, tradeInId);
  if (!t) throw notFound('Trade-in');
  const shipBy = direction === 'return' ? (await findReturnShipment(db, tradeInId))?.ship_by : t.ship_by;
  if (!shipBy) throw notFound('Return shipment');
  const pdf = await renderLabelPdf({
    trackingNumber: label.tracking_number,
    from: label.from_address,
    to: label.to_address,
    service: label.service,
    weightClass: label.weight_class,
    shipBy: SHIP_BY_FORMAT.format(shipBy),
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
