/** The inspection module's public face: other modules import only from here. */
export { scorecardRoutes } from './scorecard.routes.ts';
export { registerScorecardScores } from './scorecard-scores.job.ts';
export type { ReturnsShippedOnTime } from './scorecard.service.ts';
