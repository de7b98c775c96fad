export { tradeInsRoutes } from './trade-ins.routes.ts';
export type { TradeInLabel, TradeInShipping } from './shipping.port.ts';
export type { TradeInAftercare } from './aftercare.port.ts';
export type { TradeInPayout } from './payout.port.ts';
export { transition } from './trade-in.transitions.ts';
export { findTradeIn, findTradeInDetail, insertEvent, listInspectionDeadlines, listTradeInsForRefurbisher, lockTradeIn, type TradeInDetailRow, type TradeInRow } from './trade-ins.repository.ts';
export { moveMilestoneEarlier } from './trade-in.milestones.ts';
export { markTradeInsPaid, type PaidTradeIn } from './bulk-pay.ts';
export { tradeInsAdminRoutes } from './trade-ins-admin.routes.ts';
