import { sql } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import type { Executor } from '../../platform/db/database.ts';

/**
 * Anonymous quotes per client address, as a token bucket kept in the database so that every
 * API process draws from one bucket. A quote costs one statement here: an upsert that refills
 * the bucket for the time passed and takes a token only if one is there. Only a refusal reads
 * the bucket again (to say how long to wait).
 */
export interface QuoteRateLimit {
  /** Tokens added per minute; 0 turns the limit off. */
  perMinute: number;
  /** The bucket's size: how many quotes in a row before the rate applies. */
  burst: number;
}

export async function takeQuoteToken(db: Executor, key: string, limit: QuoteRateLimit, now: Date): Promise<void> {
  if (limit.perMinute <= 0) return;
  const perSecond = limit.perMinute / 60;
  const refill = sql<number>`least(${limit.burst}::float8, b.tokens + greatest(0, extract(epoch from (${now}::timestamptz - b.refilled_at)))::float8 * ${perSecond}::float8)`;
  const { rows } = await sql<{ tokens: number }>`
    insert into quote_rate_buckets as b (key, tokens, refilled_at)
    values (${key}, ${limit.burst - 1}::float8, ${now})
    on conflict (key) do update set tokens = ${refill} - 1, refilled_at = greatest(b.refilled_at, ${now}::timestamptz)
    where ${refill} >= 1
    returning tokens
  `.execute(db);
  if (rows[0]) return;
  const bucket = await db.selectFrom('quote_rate_buckets').select(['tokens', 'refilled_at']).where('key', '=', key).executeTakeFirst();
  const elapsed = bucket ? Math.max(0, (now.getTime() - new Date(bucket.refilled_at).getTime()) / 1000) : 0;
  const have = bucket ? Math.min(limit.burst, bucket.tokens + elapsed * perSecond) : 0;
  const retryAfterSeconds = Math.max(1, Math.ceil((1 - have) / perSecond));
  throw new AppError('rate_limited', `Too many quotes from your address; try again in ${retryAfterSeconds} s`, { details: { retryAfterSeconds } });
}

/** Buckets untouched for a day are full again anyway: forgetting them changes nothing. */
export async function forgetIdleQuoteBuckets(db: Executor, now: Date): Promise<number> {
  const res = await db.deleteFrom('quote_rate_buckets').where('refilled_at', '<', new Date(now.getTime() - 86_400_000)).executeTakeFirst();
  return Number(res.numDeletedRows);
}
