import { createHash } from 'node:crypto';
import type { Trx } from './db/database.ts';
import { AppError } from './errors.ts';

export interface StoredResponse<T = unknown> {
  status: number;
  body: T;
  replayed: boolean;
}

const KEY_PATTERN = /^[\x21-\x7e]{8,255}$/;

/** Validates the `Idempotency-Key` header of a POST that moves money or state. */
export function requireIdempotencyKey(header: string | string[] | undefined): string {
  const key = Array.isArray(header) ? header[0] : header;
  if (!key) throw new AppError('idempotency_key_required', 'Send an Idempotency-Key header (8–255 visible characters, e.g. a UUID)');
  if (!KEY_PATTERN.test(key)) {
    throw new AppError('validation_failed', 'Idempotency-Key must be 8–255 visible ASCII characters', { fields: { 'Idempotency-Key': 'Use a UUID' } });
  }
  return key;
}

export function requestHash(parts: { method: string; path: string; body: unknown }): string {
  return createHash('sha256').update(`${parts.method} ${parts.path}\n${stableJson(parts.body ?? null)}`).digest('hex');
}

/**
 * Runs `work` at most once per (scope, key), inside the caller's transaction. The key row is
 * inserted first: a concurrent request with the same key waits on the primary key until this
 * transaction ends, then finds the stored response (or, if this one rolled back, runs itself).
 * Same key with another request → 422; an error inside `work` rolls the key back with it.
 */
export async function withIdempotency<T>(
  trx: Trx,
  opts: { scope: string; key: string; hash: string; now: Date },
  work: () => Promise<{ status: number; body: T }>,
): Promise<StoredResponse<T>> {
  const claimed = await trx
    .insertInto('idempotency_keys')
    .values({
      scope: opts.scope,
      key: opts.key,
      request_hash: opts.hash,
      response_status: 0,
      response_body: 'null',
      created_at: opts.now,
    })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();

  if (!claimed) {
    const prior = await trx
      .selectFrom('idempotency_keys')
      .select(['request_hash', 'response_status', 'response_body'])
      .where('scope', '=', opts.scope)
      .where('key', '=', opts.key)
      .executeTakeFirstOrThrow();
    if (prior.request_hash !== opts.hash) {
      throw new AppError('idempotency_key_reused', 'This Idempotency-Key was already used for a different request');
    }
    return { status: prior.response_status, body: prior.response_body as T, replayed: true };
  }

  const result = await work();
  await trx
    .updateTable('idempotency_keys')
    .set({ response_status: result.status, response_body: JSON.stringify(result.body) })
    .where('scope', '=', opts.scope)
    .where('key', '=', opts.key)
    .execute();
  return { ...result, replayed: false };
}

function stableJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
    .join(',')}}`;
}
