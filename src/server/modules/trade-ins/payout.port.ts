import type { TSellerPayout } from '../../../shared/api/payouts.ts';
import type { Executor } from '../../platform/db/database.ts';

/**
 * The trade-in's payout as its seller sees it (account masked, expected arrival dates). The
 * payouts module implements it and runtime.ts wires it in: payouts imports trade-ins (the
 * trade-in it pays), so trade-ins cannot import payouts back.
 */
export type TradeInPayout = (db: Executor, tradeInId: string) => Promise<TSellerPayout | null>;
