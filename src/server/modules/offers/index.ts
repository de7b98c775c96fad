export { offersRoutes } from './offers.routes.ts';
export { bestEntriesByGrade, type BestEntry } from './matching.repository.ts';
export { createQuote, getQuoteByOffer } from './quote.service.ts';
export { releaseUnit, reserveBestAtLeast, reserveUnit, type ReservedUnit } from './reservation.repository.ts';
export { findQuoteByOffer } from './offers.repository.ts';
