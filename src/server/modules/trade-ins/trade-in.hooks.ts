import type { Trx } from '../../platform/db/database.ts';

/**
 * What other modules do when a trade-in is accepted or cancelled (label, deadlines, mail),
 * inside the transaction that causes it. The trade-ins module names these steps; the
 * modules that own them provide them, and runtime.ts wires one to the other.
 */
export interface TradeInHooks {
  onAccepted(trx: Trx, tradeInId: string, now: Date): Promise<void>;
  onCancelled(trx: Trx, tradeInId: string, now: Date): Promise<void>;
}
