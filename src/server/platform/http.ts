import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app.ts';

/** A module's routes: a Fastify plugin that receives the app's dependencies. */
export type RoutesPlugin = FastifyPluginAsync<AppDeps>;

export function typed(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>();
}
