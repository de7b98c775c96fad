import type { TAftercare } from '../../../shared/api/inspection.ts';
import type { Executor } from '../../platform/db/database.ts';

/**
 * What happened to the device after delivery, as its seller sees it (inspection, counteroffer,
 * lock hold, return, erasure). The inspection module implements it and runtime.ts wires it in:
 * inspection imports trade-ins (its transitions), so trade-ins cannot import inspection back.
 */
export type TradeInAftercare = (db: Executor, tradeInId: string) => Promise<TAftercare>;

/** Nothing yet: a trade-in that has not been inspected. */
export const NO_AFTERCARE: TAftercare = { latestInspection: null, counteroffer: null, lockHold: null, returnShipment: null, erasure: null };
