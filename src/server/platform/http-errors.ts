import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, HTTP_STATUS, type ErrorCode } from './errors.ts';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: Record<string, string>; [k: string]: unknown };
}

function body(code: ErrorCode, message: string, fields?: Record<string, string>, details?: Record<string, unknown>): ErrorBody {
  return { error: { code, message, ...(fields && Object.keys(fields).length ? { fields } : {}), ...(details ?? {}) } };
}

// Fastify's own 4xx codes for malformed requests, mapped onto the product's error shape.
const FASTIFY_CLIENT_ERRORS: Record<string, { code: ErrorCode; message: string }> = {
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'validation_failed', message: 'The request body is empty; send a JSON object' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'validation_failed', message: 'The request body is not valid JSON' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported_media_type', message: 'Send the body as application/json' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large', message: 'The request body is too large' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'validation_failed', message: 'Content-Length does not match the body' },
};

/** The one place where errors become HTTP responses. 5xx bodies never carry internals. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) {
      const wait = err.details?.retryAfterSeconds;
      if (typeof wait === 'number') void reply.header('retry-after', String(wait));
      return reply.code(HTTP_STATUS[err.code]).send(body(err.code, err.message, err.fields, err.details));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const fields: Record<string, string> = {};
      for (const v of err.validation) {
        const path = v.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
        const key = path || where;
        fields[key] ??= v.message ?? 'Invalid value';
      }
      return reply.code(400).send(body('validation_failed', `The ${where} has invalid fields`, fields));
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err }, 'response did not match its schema');
      return reply.code(500).send(body('internal', 'Something went wrong on our side'));
    }
    const mapped = err.code ? FASTIFY_CLIENT_ERRORS[err.code] : undefined;
    if (mapped) return reply.code(err.statusCode ?? 400).send(body(mapped.code, mapped.message));
    if (err.statusCode === 429) return reply.code(429).send(body('rate_limited', 'Too many requests; try again shortly'));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(err.statusCode).send(body(err.statusCode === 404 ? 'not_found' : 'validation_failed', err.message));
    }
    request.log.error({ err }, 'unhandled error');
    return reply.code(500).send(body('internal', 'Something went wrong on our side'));
  });
}
