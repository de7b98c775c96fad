/** The shipping module's public face (labels, carrier scans, the 21-day window): other modules import only from here. */
export { shippingRoutes } from './shipping.routes.ts';
export { decideCarrierEvent, JOB_CARRIER_EVENT_DECIDE } from './carrier-events.service.ts';
export { BuiltInCarrier, type Carrier, type IssueLabelInput, type IssuedLabel } from './carrier.ts';
export { issueInboundLabel, labelPdfFor, qrPngFor, voidLabels } from './labels.service.ts';
export {
  JOB_SHIPPING_EXPIRY,
  JOB_SHIPPING_REMINDER,
  runShippingExpiry,
  runShippingReminder,
  scheduleShippingWindow,
  type EnqueueFn,
} from './shipping-window.jobs.ts';
export { signPayload } from './webhook-signature.ts';
