export { offersRoutes } from './offers.routes.ts';
export { createQuote, getQuoteByOffer } from './quote.service.ts';
export { releaseUnit, reserveBestAtLeast, reserveUnit, type ReservedUnit } from './reservation.repository.ts';
export { findQuoteByOffer } from './offers.repository.ts';
