import { z } from 'zod';
import { ZScorecard } from '../../../shared/api/inspection.ts';
import { errorResponses, typed, type RoutesPlugin } from '../../platform/http.ts';
import { refurbisherActor } from '../refurbishers/index.ts';
import { getScorecard, type ReturnsShippedOnTime } from './scorecard.service.ts';

export interface ScorecardRoutesDeps {
  runtime: { returnsShippedOnTime: ReturnsShippedOnTime };
}

/**
 * Scorecards (docs/product.md §9): public for any refurbisher (aggregates only: no trade-in, no
 * seller), and the caller's own in the portal.
 */
export const scorecardRoutes: RoutesPlugin<ScorecardRoutesDeps> = async (fastify, deps) => {
  const app = typed(fastify);
  const db = deps.database.db;
  const scorecardDeps = { db, clock: deps.productClock, returnsShippedOnTime: deps.runtime.returnsShippedOnTime };

  app.get(
    '/api/refurbishers/:id/scorecard',
    {
      schema: {
        tags: ['refurbisher'],
        summary: "A refurbisher's public scorecard over the last 90 days: inspection speed and punctuality, counteroffers, returns",
        params: z.object({ id: z.string().max(100) }),
        response: { 200: ZScorecard, ...errorResponses(400, 404) },
      },
    },
    async (req) => getScorecard(scorecardDeps, req.params.id),
  );

  app.get(
    '/api/refurbisher/scorecard',
    {
      schema: {
        tags: ['refurbisher'],
        summary: 'The scorecard of the refurbisher the caller acts for, with weekly points',
        security: [{ bearerApiKey: [] }, { sessionCookie: [] }],
        response: { 200: ZScorecard, ...errorResponses(401, 403) },
      },
    },
    async (req) => {
      const actor = await refurbisherActor(req, { db, clock: deps.securityClock });
      return getScorecard(scorecardDeps, actor.refurbisherId);
    },
  );
};
