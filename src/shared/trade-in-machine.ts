/**
 * The whole life of a trade-in (docs/product.md §3–6) as a pure transition table, shared by the
 * server and the web app. Services ask `nextStatus(from, event)` and then compare-and-set the
 * row; nothing else decides a status, and the browser asks the same table what is still possible.
 */
export const TRADE_IN_STATUSES = [
  'awaiting_shipment', // accepted; label issued; waiting for the first carrier scan (21 days)
  'in_transit', // first scan seen
  'delivered', // at the refurbisher; inspection due in 2 business days
  'counteroffered', // different condition: waiting for the seller's answer
  'account_locked', // still linked to iCloud/Google/Samsung: seller asked to remove it
  'approved', // matches (or counteroffer accepted, or inspection deadline lapsed): payout starts
  'payout_on_hold', // the ACH credit came back (from paid); waiting for corrected details, then paid again
  'paid', // money sent
  'return_pending', // counteroffer rejected/expired, lock unresolved, or refused: free return due
  'returning', // return shipped
  'returned', // back with the seller (or back at origin before delivery)
  'expired', // not shipped within 21 days
  'cancelled', // cancelled by the seller before the first scan
] as const;
export type TradeInStatus = (typeof TRADE_IN_STATUSES)[number];

export const TRADE_IN_EVENTS = [
  'ship',
  'deliver',
  'return_to_sender',
  'expire',
  'cancel',
  'approve',
  'counteroffer',
  'accept_counteroffer',
  'reject_counteroffer',
  'expire_counteroffer',
  'lock_hold',
  'lock_cleared',
  'lock_unresolved',
  'refuse',
  'lapse_inspection',
  'pay',
  'hold_payout',
  'ship_return',
  'deliver_return',
] as const;
export type TradeInEvent = (typeof TRADE_IN_EVENTS)[number];

const TABLE: Record<TradeInStatus, Partial<Record<TradeInEvent, TradeInStatus>>> = {
  awaiting_shipment: { ship: 'in_transit', expire: 'expired', cancel: 'cancelled' },
  in_transit: { deliver: 'delivered', return_to_sender: 'returned' },
  delivered: {
    approve: 'approved',
    counteroffer: 'counteroffered',
    lock_hold: 'account_locked',
    refuse: 'return_pending',
    lapse_inspection: 'approved',
  },
  counteroffered: { accept_counteroffer: 'approved', reject_counteroffer: 'return_pending', expire_counteroffer: 'return_pending' },
  account_locked: { lock_cleared: 'delivered', lock_unresolved: 'return_pending' },
  approved: { pay: 'paid' },
  payout_on_hold: { pay: 'paid' },
  // An ACH credit can come back from the bank after it was sent (closed account, wrong number).
  paid: { hold_payout: 'payout_on_hold' },
  return_pending: { ship_return: 'returning' },
  returning: { deliver_return: 'returned' },
  returned: {},
  expired: {},
  cancelled: {},
};

export function nextStatus(from: TradeInStatus, event: TradeInEvent): TradeInStatus | undefined {
  return TABLE[from][event];
}

export function allowedEvents(from: TradeInStatus): TradeInEvent[] {
  return Object.keys(TABLE[from]) as TradeInEvent[];
}

/** Statuses in which the refurbisher's wishlist unit is no longer reserved (the unit went back). */
export const RELEASES_UNIT: ReadonlySet<TradeInStatus> = new Set(['expired', 'cancelled', 'returned']);

export const TERMINAL: ReadonlySet<TradeInStatus> = new Set(
  TRADE_IN_STATUSES.filter((s) => Object.keys(TABLE[s]).length === 0),
);

/** True when `event` leads somewhere from `from` (e.g. whether a trade-in can still be cancelled). */
export function canApply(from: TradeInStatus, event: TradeInEvent): boolean {
  return nextStatus(from, event) !== undefined;
}

/** Every status reachable from `from` by any sequence of events, `from` included. */
export function reachableFrom(from: TradeInStatus): ReadonlySet<TradeInStatus> {
  const seen = new Set<TradeInStatus>([from]);
  const queue: TradeInStatus[] = [from];
  for (let s = queue.shift(); s; s = queue.shift()) {
    for (const to of Object.values(TABLE[s])) {
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}

/**
 * Whether a payment may still be sent for a trade-in in this status: not yet paid, and payment
 * still reachable. Once this is false the seller's bank details no longer matter for it.
 */
export function paymentStillAhead(status: TradeInStatus): boolean {
  return status !== 'paid' && reachableFrom(status).has('paid');
}

/** What the seller reads for each status (the trade-in page, the list, e-mails). */
export const STATUS_LABEL: Record<TradeInStatus, string> = {
  awaiting_shipment: 'Waiting for you to ship',
  in_transit: 'On its way',
  delivered: 'Delivered — being inspected',
  counteroffered: 'Counteroffer: your answer needed',
  account_locked: 'Action needed: remove your account from the device',
  approved: 'Approved — payment on its way',
  payout_on_hold: 'Payment on hold: check your bank details',
  paid: 'Paid',
  return_pending: 'Being returned to you',
  returning: 'Return shipped',
  returned: 'Returned',
  expired: 'Expired: not shipped in time',
  cancelled: 'Cancelled',
};
