import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.ts';
import type { Clock } from './clock.ts';
import type { Database } from './db/database.ts';
import { errorResponseOf } from '../../shared/api/errors.ts';

/** What every module's routes receive from the app (app-deps.ts assembles the whole set). */
export interface BaseDeps {
  config: Config;
  database: Database;
  /** Product time: deadlines, ship-by, expiry, timelines. Demo mode moves it (platform/clock.ts). */
  productClock: Clock;
  /** Security time: sessions, sign-in throttles, webhook freshness, token expiry. Always real. */
  securityClock: Clock;
}

/**
 * A module's routes: a Fastify plugin receiving the base dependencies plus what the module
 * declares it needs (`Extra`). Modules name their needs instead of importing the app's type,
 * so nothing imports the composition root back.
 */
export type RoutesPlugin<Extra extends object = object> = FastifyPluginAsync<BaseDeps & Extra>;

export function typed(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>();
}

/**
 * A route's documented error responses: for each status, every error code answered with it and
 * that code's typed `details` (shared/api/errors.ts). The serializer checks error bodies against
 * them too, so `details` reach the client instead of being stripped.
 */
export function errorResponses<S extends number>(...statuses: S[]): Record<S, ReturnType<typeof errorResponseOf>> {
  return Object.fromEntries(statuses.map((s) => [s, errorResponseOf(s)])) as Record<S, ReturnType<typeof errorResponseOf>>;
}
