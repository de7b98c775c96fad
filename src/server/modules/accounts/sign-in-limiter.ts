import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

/**
 * Failed sign-ins counted per account (e-mail) and per client address, in the database so
 * every API process shares one count. Each attempt is counted *before* the password is
 * checked, in one atomic upsert, so N concurrent guesses cannot all slip past a stale read;
 * a successful sign-in gives its attempt back.
 *
 * Trade-off: anyone can lock an account out for a window by failing on purpose. The window
 * is short (15 minutes) and the per-address limit bounds how many accounts one client can lock.
 */
export interface LimitRule {
  max: number;
  windowMs: number;
}

export const SIGN_IN_LIMITS = {
  account: { max: 5, windowMs: 15 * 60_000 },
  address: { max: 20, windowMs: 15 * 60_000 },
} satisfies Record<string, LimitRule>;

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
export const addressKey = (ip: string) => `address:${ip}`;

export interface AttemptDecision {
  allowed: boolean;
  attempts: number;
  retryAfterSeconds: number;
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
  if (row.attempts === 1) {
    // A new window began: a cheap moment to forget keys that have been quiet for a day.
    await db.deleteFrom('sign_in_attempts').where('window_started_at', '<', new Date(now.getTime() - 86_400_000)).execute();
  }
  const endsAt = new Date(row.window_started_at).getTime() + rule.windowMs;
  return {
    allowed: row.attempts <= rule.max,
    attempts: row.attempts,
    retryAfterSeconds: Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000)),
  };
}

/** A successful sign-in: the account starts afresh; the address gets its one attempt back. */
export async function recordSuccess(db: Executor, keys: { account?: string | undefined; address?: string | undefined }): Promise<void> {
  if (keys.account) await db.deleteFrom('sign_in_attempts').where('key', '=', keys.account).execute();
  if (!keys.address) return;
  await db
    .updateTable('sign_in_attempts')
    .set((eb) => ({ attempts: sql<number>`greatest(${eb.ref('attempts')} - 1, 0)` }))
    .where('key', '=', keys.address)
    .execute();
}
