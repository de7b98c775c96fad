import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';
import { errorBody, sendError } from './http-errors.ts';
import { findUnsafeText, jsonNestsDeeperThan, MAX_JSON_DEPTH } from './safe-input.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The JSON body exactly as sent (a webhook's signature covers these bytes). */
    rawBody?: string;
  }
}

/**
 * Hostile input is refused once, at the edge, for every route (ours and better-auth's):
 * - JSON bodies: nested deeper than MAX_JSON_DEPTH, or holding U+0000 / an unpaired surrogate
 *   in any string or key → 400 before a handler runs;
 * - path parameters and the query string: the same text rule → 400;
 * - while the server shuts down: 503 in the error shape, and the connection is closed.
 */

type JsonParse = (text: string) => unknown;

/**
 * Parses a JSON body for a route: Fastify's own parser (which refuses `__proto__` and
 * `constructor.prototype` keys), after the depth bound and before the text rule.
 */
export function boundedJsonParser(app: FastifyInstance): JsonParse {
  const fastifyParse = app.getDefaultJsonParser('error', 'error');
  return (text) => {
    if (text.length === 0) throw Object.assign(new Error('empty body'), { statusCode: 400, code: 'FST_ERR_CTP_EMPTY_JSON_BODY' });
    if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) {
      throw new AppError('validation_failed', `The request body nests more than ${MAX_JSON_DEPTH} levels deep`, { fields: { body: 'Nested too deeply' } });
    }
    let result: { err: Error | null; value: unknown } = { err: null, value: undefined };
    // Synchronous: the callback runs before fastifyParse returns.
    fastifyParse({} as FastifyRequest, text, (err, value) => {
      result = { err, value };
    });
    if (result.err) throw result.err;
    refuseUnsafeText(result.value, 'body');
    return result.value;
  };
}

function refuseUnsafeText(value: unknown, where: 'body' | 'params' | 'querystring'): void {
  const at = findUnsafeText(value);
  if (at === undefined) return;
  const field = at || where;
  throw new AppError('validation_failed', `The ${where} holds characters that cannot be stored (U+0000 or an unpaired surrogate)`, {
    fields: { [field]: 'Contains a character that is not allowed' },
  });
}

export function registerRequestGuards(app: FastifyInstance): void {
  const parse = boundedJsonParser(app);
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    req.rawBody = body as string;
    try {
      done(null, parse(body as string));
    } catch (err) {
      done(err as Error, undefined);
    }
  });

  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });

  app.addHook('onRequest', async (req, reply) => {
    if (closing) {
      void reply.header('connection', 'close');
      return sendError(reply, 503, errorBody('unavailable', 'The server is restarting; try again in a moment'));
    }
    refuseUnsafeText(req.params, 'params');
    refuseUnsafeText(req.query, 'querystring');
  });

  // Bodies of other types (text/plain, or a parser a plugin added) meet the same rule.
  app.addHook('preValidation', async (req) => {
    if (req.rawBody !== undefined) return; // a JSON body, checked while parsing
    if (typeof req.body === 'string' || (req.body !== null && typeof req.body === 'object' && !Buffer.isBuffer(req.body))) {
      refuseUnsafeText(req.body, 'body');
    }
  });
}
