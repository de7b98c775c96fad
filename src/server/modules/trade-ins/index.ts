export { tradeInsRoutes } from './trade-ins.routes.ts';
export type { TradeInHooks } from './trade-in.hooks.ts';
export { acceptOffer, type AcceptDeps, type SellerReadiness } from './accept-offer.service.ts';
export { cancelTradeIn, getSellerTradeIn, listSellerTradeIns } from './trade-ins.service.ts';
export { transition } from './trade-in.transitions.ts';
export { findTradeIn, findTradeInDetail, insertEvent, lockTradeIn, type TradeInRow } from './trade-ins.repository.ts';
export { moveMilestoneEarlier } from './trade-in.milestones.ts';
export { nextStatus, type TradeInStatus } from '../../../shared/trade-in-machine.ts';
