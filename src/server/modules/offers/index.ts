export { offersRoutes } from './offers.routes.ts';
export { createQuote, quoteAgain } from './quote.service.ts';
export { findAssessmentOfOffer, lockOffer, markOfferAccepted, type LockedOffer } from './offers.repository.ts';
export { JOB_ASSESSMENT_RETENTION, RETENTION_INTERVAL_MS, retentionRunKey, runAssessmentRetention } from './assessment-retention.job.ts';
export { registerAssessmentRetention } from './assessment-retention.wiring.ts';
