import type { Db } from '../../platform/db/database.ts';
import { AppError, rateLimited } from '../../platform/errors.ts';
import type { Jobs } from '../../platform/jobs/index.ts';
import { findUserForVerification } from './accounts.repository.ts';
import { consumeAttempt, type LimitRule } from './sign-in-limiter.ts';
import { enqueueVerificationMail } from './verification-mail.job.ts';

/**
 * "Send it again" sends mail to an address, so it is throttled per account (security time,
 * counted in the database so every API process shares it): one message a minute, a handful an
 * hour. The counters live beside the sign-in ones (`sign_in_attempts`, keys `verify-mail…:`).
 */
export const RESEND_LIMITS = {
  gap: { max: 1, windowMs: 60_000 },
  hour: { max: 5, windowMs: 60 * 60_000 },
} satisfies Record<string, LimitRule>;

export interface VerificationDeps {
  db: Db;
  jobs: Pick<Jobs, 'enqueue'>;
}

/** Counts the request and enqueues the message in one transaction: a refused or failed request sends nothing. */
export async function resendVerificationEmail(deps: VerificationDeps, userId: string, next: string | undefined, now: Date): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const user = await findUserForVerification(trx, userId);
    if (!user) throw new AppError('unauthenticated', 'Sign in first');
    if (user.emailVerified) throw new AppError('conflict', 'Your e-mail address is already confirmed');
    for (const [name, rule] of Object.entries(RESEND_LIMITS)) {
      const decision = await consumeAttempt(trx, `verify-mail-${name}:${userId}`, rule, now);
      if (!decision.allowed) throw rateLimited('We sent you a link a moment ago; check your mailbox, or try again later', decision.retryAfterSeconds);
    }
    await enqueueVerificationMail(deps.jobs, trx, { userId, next: next ?? '/' });
  });
}
