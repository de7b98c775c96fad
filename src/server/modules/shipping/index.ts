/** The shipping module's public face (labels, carrier scans, the 21-day window): other modules import only from here. */
export { shippingRoutes } from './shipping.routes.ts';
export { createShipping, type Shipping, type ShippingDeps } from './shipping.wiring.ts';
export { BuiltInCarrier, type Carrier, type IssuedLabel } from './carrier.ts';
export { labelPdfFor, qrPngFor } from './labels.service.ts';
export { findLatestInboundLabel } from './labels.repository.ts';
export { signPayload } from './webhook-signature.ts';
export { returnShipmentOf, returnsShippedOnTime } from './return.jobs.ts';
