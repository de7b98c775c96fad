import http from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { codesWithStatus, type TErrorBody } from '../../shared/api/errors.ts';
import { AppError, HTTP_STATUS, type ErrorCode } from './errors.ts';

/**
 * The one place where errors become HTTP responses, in the one shape of every error under
 * /api/: `{ error: { code, message, fields?, details? } }` (shared/api/errors.ts). Covers our
 * AppErrors, schema validation, Fastify's own errors (bad URLs, 414, bodies), the HTTP
 * parser's (400, 408, 431) and the 503 while shutting down. 5xx bodies never carry internals.
 */

export type ErrorBody = TErrorBody;

export function errorBody(code: ErrorCode, message: string, fields?: Record<string, string>, details?: Record<string, unknown>): ErrorBody {
  return {
    error: {
      code,
      message,
      ...(fields && Object.keys(fields).length ? { fields } : {}),
      ...(details ? { details } : {}),
    },
  };
}

const INTERNAL_MESSAGE = 'Something went wrong on our side';

/** The code of a status no more specific error names (e.g. a 4xx from a plugin). */
export function codeForStatus(status: number): ErrorCode {
  if (status >= 500) return status === 503 ? 'unavailable' : 'internal';
  // The catalogue's first code of a status is its general one (400 → validation_failed…).
  const general: Partial<Record<number, ErrorCode>> = { 400: 'bad_request' };
  return general[status] ?? codesWithStatus(status)[0] ?? 'bad_request';
}

// Fastify's own 4xx codes for malformed requests, mapped onto the product's codes.
const FASTIFY_CLIENT_ERRORS: Record<string, { code: ErrorCode; message: string }> = {
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'validation_failed', message: 'The request body is empty; send a JSON object' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'validation_failed', message: 'The request body is not valid JSON' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported_media_type', message: 'Send the body as application/json' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'bad_request', message: 'Content-Length does not match the body' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large', message: 'The request body is too large' },
  FST_ERR_CTP_INVALID_TYPE: { code: 'bad_request', message: 'The Content-Type header is not valid' },
  FST_ERR_BAD_URL: { code: 'bad_request', message: 'The URL is not validly encoded' },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'uri_too_long', message: 'A part of the URL is too long' },
};

/** Sends an error in the product's shape, with Retry-After where the code has a wait. */
export function sendError(reply: FastifyReply, status: number, body: ErrorBody): FastifyReply {
  const wait = body.error.details?.retryAfterSeconds;
  if (typeof wait === 'number') void reply.header('retry-after', String(wait));
  if (status === 503 && !reply.hasHeader('retry-after')) void reply.header('retry-after', '5');
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

function toResponse(err: FastifyError | AppError | Error, request: FastifyRequest): { status: number; body: ErrorBody } {
  if (err instanceof AppError) {
    const code: ErrorCode = (err as AppError).code;
    return { status: HTTP_STATUS[code], body: errorBody(code, err.message, err.fields, err.details) };
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? 'body';
    const fields: Record<string, string> = {};
    for (const v of err.validation) {
      const path = v.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
      fields[path || where] ??= v.message ?? 'Invalid value';
    }
    return { status: 400, body: errorBody('validation_failed', `The ${where} has invalid fields`, fields) };
  }
  if (isResponseSerializationError(err)) {
    request.log.error({ err }, 'response did not match its schema');
    return { status: 500, body: errorBody('internal', INTERNAL_MESSAGE) };
  }
  const fst = err as FastifyError;
  const mapped = fst.code ? FASTIFY_CLIENT_ERRORS[fst.code] : undefined;
  if (mapped) return { status: fst.statusCode ?? HTTP_STATUS[mapped.code], body: errorBody(mapped.code, mapped.message) };
  const status = fst.statusCode;
  if (status && status >= 400 && status < 500) {
    const code = codeForStatus(status);
    // Plugins' messages for 4xx are meant for clients (e.g. @fastify/static's); keep them short.
    const message = fst.message && fst.message.length <= 200 ? fst.message : (http.STATUS_CODES[status] ?? 'Bad request');
    return { status, body: errorBody(code, message) };
  }
  request.log.error({ err }, 'unhandled error');
  return { status: 500, body: errorBody('internal', INTERNAL_MESSAGE) };
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const { status, body } = toResponse(err, request);
    return sendError(reply, status, body);
  });
}

/** Fastify's `frameworkErrors` option: bad URL encoding (400) and over-long path parameters (414). */
export function frameworkErrors(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = toResponse(err, request);
  void sendError(reply, status, body);
}

/**
 * Fastify's `clientErrorHandler` option: what the HTTP parser refuses before there is a request
 * (malformed requests, headers over the limit, a client too slow to send its headers).
 */
export function clientErrorHandler(err: NodeJS.ErrnoException & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  let status = 400;
  let code: ErrorCode = 'bad_request';
  let message = 'The request is malformed';
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    [status, code, message] = [408, 'request_timeout', 'The request took too long to arrive'];
  } else if (err.code === 'HPE_HEADER_OVERFLOW') {
    [status, code, message] = [431, 'headers_too_large', 'The request headers are too large'];
  } else if (err.code === 'HPE_URI_TOO_LONG') {
    [status, code, message] = [414, 'uri_too_long', 'The URL is too long'];
  }
  const text = JSON.stringify(errorBody(code, message));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
    );
  }
  socket.destroy(err);
}
