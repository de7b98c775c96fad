import type { Executor, Trx } from '../../platform/db/database.ts';

/** The inbound label as the seller sees it on the trade-in page. */
export type TradeInLabel =
  | { status: 'ready'; carrier: string; service: string; trackingNumber: string }
  /** Accepted a moment ago: the label job has not issued it yet. */
  | { status: 'preparing' }
  /** The carrier kept failing; an operator has been flagged and the label follows when fixed. */
  | { status: 'delayed' };

/**
 * The steps of a trade-in's life that belong to shipping. The trade-ins module names them and
 * calls them in its flows (accept, cancel); the shipping module implements them
 * (`shippingForTradeIns` in its index.ts) and runtime.ts wires one to the other. Shipping
 * imports trade-ins (a scan moves a trade-in), so trade-ins cannot import shipping back.
 */
export interface TradeInShipping {
  /** Ask for the prepaid inbound label: a job issues it with the carrier after the commit. */
  requestInboundLabel(trx: Trx, tradeInId: string): Promise<void>;
  /** Schedule the 21-day window's reminders and its expiry. */
  openShippingWindow(trx: Trx, tradeInId: string, shipBy: Date, now: Date): Promise<void>;
  /** Void the trade-in's labels with the carrier: a job, after the commit. */
  requestLabelVoid(trx: Trx, tradeInId: string): Promise<void>;
  /** The inbound label as the seller sees it. */
  labelOf(db: Executor, tradeInId: string): Promise<TradeInLabel>;
}
