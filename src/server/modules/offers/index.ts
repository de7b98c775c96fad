export { offersRoutes } from './offers.routes.ts';
export { createQuote, getQuoteByOffer } from './quote.service.ts';
export { releaseUnit, reserveBestAtLeast, reserveUnit, type ReservedUnit } from './reservation.repository.ts';
export { findQuoteByOffer } from './offers.repository.ts';
export { JOB_ASSESSMENT_RETENTION, RETENTION_INTERVAL_MS, retentionRunKey, runAssessmentRetention } from './assessment-retention.job.ts';
