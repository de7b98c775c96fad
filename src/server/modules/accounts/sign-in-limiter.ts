import { sql } from 'kysely';
import { addressBucket } from '../../platform/client-address.ts';
import type { Executor } from '../../platform/db/database.ts';

/**
 * Failed sign-ins, counted in the database so every API process shares one count. Each attempt
 * is counted *before* the password is checked, in one atomic upsert, so N concurrent guesses
 * cannot all slip past a stale read; a successful sign-in gives its attempt back.
 *
 * Three throttles, checked in this order (a refused attempt counts only where it was refused):
 * - per client address, whatever the accounts: one address cannot spray guesses;
 * - per (account, address): a few free attempts, then a delay that doubles with every further
 *   failure. This is what slows a guesser down, and it only ever slows *that* address;
 * - per account from everywhere: a ceiling far above what one stranger's address can reach, so
 *   a stranger cannot lock the owner out, while guessing spread over many addresses is bounded.
 *   Trade-off: an attacker with more addresses than ceiling ÷ per-address limit can still lock an
 *   account for the window; the ceiling is set so that takes many addresses.
 */
export interface LimitRule {
  max: number;
  windowMs: number;
}

export const SIGN_IN_LIMITS = {
  address: { max: 20, windowMs: 15 * 60_000 },
  account: { max: 200, windowMs: 60 * 60_000 },
} satisfies Record<string, LimitRule>;

/** (account, address): `free` attempts, then each next one waits baseDelay × 2^(failures − free), capped. */
export const PAIR_THROTTLE = {
  free: 3,
  baseDelayMs: 2_000,
  maxDelayMs: 15 * 60_000,
  /** A pair quiet this long starts again from nothing. */
  forgetAfterMs: 24 * 60 * 60_000,
};

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
export const addressKey = (ip: string) => `address:${addressBucket(ip)}`;
export const pairKey = (account: string, ip: string) => `pair:${addressBucket(ip)}|${account}`;

export interface AttemptDecision {
  allowed: boolean;
  attempts: number;
  retryAfterSeconds: number;
}

/** The wait before the next attempt after `attempts` counted ones. */
export function pairDelayMs(attempts: number): number {
  if (attempts < PAIR_THROTTLE.free) return 0;
  return Math.min(PAIR_THROTTLE.maxDelayMs, PAIR_THROTTLE.baseDelayMs * 2 ** Math.min(attempts - PAIR_THROTTLE.free, 30));
}

/** Counts one attempt against `key`; allowed while the window holds at most `rule.max` attempts. */
export async function consumeAttempt(db: Executor, key: string, rule: LimitRule, now: Date): Promise<AttemptDecision> {
  const windowStart = new Date(now.getTime() - rule.windowMs);
  const { rows } = await sql<{ attempts: number; window_started_at: Date }>`
    insert into sign_in_attempts as s (key, window_started_at, attempts)
    values (${key}, ${now}, 1)
    on conflict (key) do update set
      attempts = case when s.window_started_at <= ${windowStart} then 1 else s.attempts + 1 end,
      window_started_at = case when s.window_started_at <= ${windowStart} then ${now} else s.window_started_at end
    returning attempts, window_started_at
  `.execute(db);
  const row = rows[0]!;
  if (row.attempts === 1) await forgetQuietKeys(db, now);
  const endsAt = new Date(row.window_started_at).getTime() + rule.windowMs;
  return {
    allowed: row.attempts <= rule.max,
    attempts: row.attempts,
    retryAfterSeconds: Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000)),
  };
}

/**
 * Counts one attempt for an (account, address) pair if its delay has passed; a refused attempt
 * changes nothing (so hammering does not push the delay further out).
 */
export async function consumePairAttempt(db: Executor, key: string, now: Date): Promise<AttemptDecision> {
  const forgetBefore = new Date(now.getTime() - PAIR_THROTTLE.forgetAfterMs);
  const { free, baseDelayMs, maxDelayMs } = PAIR_THROTTLE;
  const { rows } = await sql<{ attempts: number }>`
    insert into sign_in_attempts as s (key, window_started_at, attempts, last_attempt_at)
    values (${key}, ${now}, 1, ${now})
    on conflict (key) do update set
      attempts = case when s.last_attempt_at <= ${forgetBefore} then 1 else s.attempts + 1 end,
      window_started_at = case when s.last_attempt_at <= ${forgetBefore} then ${now} else s.window_started_at end,
      last_attempt_at = ${now}
    where s.last_attempt_at is null
       or s.last_attempt_at <= ${forgetBefore}
       or s.attempts < ${free}
       or s.last_attempt_at + least(${maxDelayMs}::float8, ${baseDelayMs}::float8 * power(2, least(s.attempts - ${free}, 30))) * interval '1 millisecond' <= ${now}
    returning attempts
  `.execute(db);
  if (rows[0]) return { allowed: true, attempts: rows[0].attempts, retryAfterSeconds: 0 };
  const row = await db.selectFrom('sign_in_attempts').select(['attempts', 'last_attempt_at']).where('key', '=', key).executeTakeFirst();
  const last = row?.last_attempt_at ? new Date(row.last_attempt_at).getTime() : now.getTime();
  const attempts = row?.attempts ?? 0;
  return { allowed: false, attempts, retryAfterSeconds: Math.max(1, Math.ceil((last + pairDelayMs(attempts) - now.getTime()) / 1000)) };
}

/** A new window began somewhere: a cheap moment to forget keys that have been quiet for a day. */
async function forgetQuietKeys(db: Executor, now: Date): Promise<void> {
  const dayAgo = new Date(now.getTime() - 86_400_000);
  await db
    .deleteFrom('sign_in_attempts')
    .where('window_started_at', '<', dayAgo)
    .where((eb) => eb.or([eb('last_attempt_at', 'is', null), eb('last_attempt_at', '<', dayAgo)]))
    .execute();
}

export interface SignInKeys {
  address: string;
  account?: string | undefined;
  pair?: string | undefined;
}

export function signInKeys(ip: string, account: string | undefined): SignInKeys {
  return { address: addressKey(ip), account, pair: account ? pairKey(account, ip) : undefined };
}

/** Address, then (account, address), then the account ceiling. Returns the refusal, if any. */
export async function throttleSignIn(db: Executor, keys: SignInKeys, now: Date): Promise<AttemptDecision | undefined> {
  const byAddress = await consumeAttempt(db, keys.address, SIGN_IN_LIMITS.address, now);
  if (!byAddress.allowed) return byAddress;
  if (!keys.account || !keys.pair) return undefined;
  const byPair = await consumePairAttempt(db, keys.pair, now);
  if (!byPair.allowed) return byPair;
  const byAccount = await consumeAttempt(db, keys.account, SIGN_IN_LIMITS.account, now);
  return byAccount.allowed ? undefined : byAccount;
}

/** A successful sign-in: the account and this pair start afresh; the address gets its one attempt back. */
export async function recordSuccess(db: Executor, keys: SignInKeys): Promise<void> {
  const gone = [keys.account, keys.pair].filter((k): k is string => k !== undefined);
  if (gone.length) await db.deleteFrom('sign_in_attempts').where('key', 'in', gone).execute();
  await db
    .updateTable('sign_in_attempts')
    .set((eb) => ({ attempts: sql<number>`greatest(${eb.ref('attempts')} - 1, 0)` }))
    .where('key', '=', keys.address)
    .execute();
}
