/** The carrier tracking events Tradeloop understands (the webhook's `type`). */
export const CARRIER_EVENT_TYPES = [
  'label_created',
  'picked_up',
  'in_transit',
  'out_for_delivery',
  'delivered',
  'exception',
  'returned_to_sender',
] as const;
export type CarrierEventType = (typeof CARRIER_EVENT_TYPES)[number];
