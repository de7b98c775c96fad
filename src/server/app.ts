import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppDeps } from './app-deps.ts';
import { accountsRoutes, authPlugin } from './modules/accounts/index.ts';
import { ZHealth } from '../shared/api/health.ts';
import { isKnownPage } from '../shared/page-paths.ts';
import { blocklistRoutes } from './modules/blocklist/index.ts';
import { catalogRoutes } from './modules/catalog/index.ts';
import { devRoutes } from './modules/dev/index.ts';
import { statementRoutes } from './modules/ledger/index.ts';
import { erasureRoutes, inspectionRoutes, photosRoutes, scorecardRoutes } from './modules/inspection/index.ts';
import { messagesRoutes } from './modules/messages/index.ts';
import { offersRoutes } from './modules/offers/index.ts';
import { commissionRoutes, refurbishersRoutes } from './modules/refurbishers/index.ts';
import { achReturnsRoutes, changeNoticesRoutes, payoutBatchesRoutes, payoutsAdminRoutes } from './modules/payouts/index.ts';
import { shippingRoutes } from './modules/shipping/index.ts';
import { tradeInsAdminRoutes, tradeInsRoutes } from './modules/trade-ins/index.ts';
import { wishlistRoutes } from './modules/wishlist/index.ts';
import { clientErrorHandler, errorBody, frameworkErrors, registerErrorHandler } from './platform/http-errors.ts';
import { registerRequestGuards } from './platform/request-guards.ts';
import { registerSecurityHeaders } from './platform/security-headers.ts';

export type { AppDeps };

export interface BuildOptions {
  logger?: FastifyServerOptions['logger'];
  /** Folder of the built web app; served with an SPA fallback when it exists. */
  webRoot?: string;
}

export const WEB_ROOT = path.resolve(import.meta.dirname, '../../dist/web');

// Never log what a seller typed into a protected field or a session cookie. Fastify does not
// log bodies; these paths catch any body (of /api/me/*, /api/auth/*) a log line might carry.
export const LOG_REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'req.body',
  'body',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.routingNumber',
  '*.accountNumber',
  '*.accountNumberConfirmation',
  '*.dateOfBirth',
  '*.last4',
  '*.number',
];

/** Query parameters that carry a credential (the e-mail confirmation link's token): logged as `[redacted]`. */
const SECRET_QUERY_PARAMS = /([?&](?:token)=)[^&#]*/gi;
const urlForLog = (url: string): string => url.replace(SECRET_QUERY_PARAMS, '$1[redacted]');

/** Fastify's request log line, with the URL's credentials taken out (redact paths cannot reach inside a string). */
const LOG_SERIALIZERS = {
  req: (req: { method: string; url: string; host?: string; ip?: string; socket?: { remotePort?: number } }) => ({
    method: req.method,
    url: urlForLog(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  }),
};

/**
 * One log line per request, when it is answered ("GET /api/health 200 3 ms", with the request's
 * id and the redacted URL), instead of Fastify's two (incoming, completed); errors as Fastify logs them.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) return super.requestCompleted(error, request, reply);
    const ms = Math.round(reply.elapsedTime);
    request.log.info({ req: request, res: reply, responseTime: ms }, `${request.method} ${urlForLog(request.url)} ${reply.statusCode} ${ms} ms`);
  }
}

function withLogSerializers(logger: BuildOptions['logger']): BuildOptions['logger'] {
  if (!logger || typeof logger !== 'object' || !('level' in logger || 'stream' in logger || 'redact' in logger)) return logger ?? false;
  return { ...logger, serializers: { ...LOG_SERIALIZERS, ...(logger as { serializers?: object }).serializers } };
}

/** Builds the HTTP app: third-party plugins, then the error handler, then each module's routes. */
export async function buildApp(deps: AppDeps, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: withLogSerializers(opts.logger),
    bodyLimit: 256 * 1024,
    // Behind a proxy, set trustProxy so request.ip is the client's address, not the proxy's.
    trustProxy: false,
    // Errors Fastify and the HTTP parser answer themselves, in the product's error shape.
    frameworkErrors,
    clientErrorHandler,
    // While closing, requests on open connections get our 503 (request-guards.ts), not Fastify's.
    return503OnClosing: false,
    logController: new OneLinePerRequest(),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // First, so every answer carries them: pages, assets, /api/ (errors included), better-auth's.
  await registerSecurityHeaders(app, { production: deps.config.mode === 'production' });

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Tradeloop API', version: '0.1.0', description: 'Trade-in marketplace for used electronics' },
      components: {
        securitySchemes: {
          // The refurbisher API only: an organisation's API key (tlk_…), created by its admins.
          bearerApiKey: { type: 'http', scheme: 'bearer', description: 'A refurbisher API key: `Authorization: Bearer tlk_…`' },
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'tradeloop.session_token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  registerErrorHandler(app);
  // Before any route and hook: bounded JSON, no NUL or unpaired surrogates, 503 while closing.
  registerRequestGuards(app);
  // Before any route: /api/auth/*, request.user and the cross-site check apply to all of them.
  await app.register(authPlugin, deps);

  app.get('/api/health', { schema: { hide: true, response: { 200: ZHealth } } }, async () => {
    await deps.database.db.selectNoFrom((eb) => eb.lit(1).as('ok')).execute();
    return { status: 'ok', database: deps.database.kind, mode: deps.config.mode };
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(catalogRoutes, deps);
  await app.register(offersRoutes, deps);
  await app.register(accountsRoutes, deps);
  await app.register(tradeInsRoutes, deps);
  await app.register(shippingRoutes, deps);
  await app.register(refurbishersRoutes, deps);
  await app.register(wishlistRoutes, deps);
  await app.register(inspectionRoutes, deps);
  await app.register(photosRoutes, deps);
  await app.register(blocklistRoutes, deps);
  await app.register(scorecardRoutes, deps);
  await app.register(erasureRoutes, deps);
  await app.register(messagesRoutes, deps);
  await app.register(commissionRoutes, deps);
  await app.register(statementRoutes, deps);
  await app.register(achReturnsRoutes, deps);
  await app.register(changeNoticesRoutes, deps);
  await app.register(payoutBatchesRoutes, deps);
  await app.register(payoutsAdminRoutes, deps);
  await app.register(tradeInsAdminRoutes, deps);
  if (deps.config.mode === 'demo') await app.register(devRoutes, deps);

  const webRoot = opts.webRoot ?? WEB_ROOT;
  const hasWeb = fs.existsSync(path.join(webRoot, 'index.html'));
  if (hasWeb) {
    // wildcard: files are looked up per request, so a rebuilt app is served without a restart.
    // Hashed assets never change; the shell (index.html) is always revalidated.
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: true,
      index: 'index.html',
      setHeaders: (res, file) => {
        res.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0]!;
    const isPage = (req.method === 'GET' || req.method === 'HEAD') && !url.startsWith('/api/') && !url.startsWith('/assets/');
    if (!hasWeb || !isPage) {
      return reply.code(404).send(errorBody('not_found', `No route ${req.method} ${url}`));
    }
    // Client-side routes get the app shell; a URL that is no page gets it too (its "not found"
    // page), but with the status that says so.
    return reply.code(isKnownPage(url) ? 200 : 404).header('cache-control', 'no-cache').sendFile('index.html');
  });

  return app;
}
