import { createEmailVerificationToken } from 'better-auth/api';
import type { Config } from '../../config.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Keyring } from '../../platform/crypto.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import type { Jobs } from '../../platform/jobs/index.ts';
import { layoutEmail, sendMailOnce, type Mailer } from '../../platform/mail/index.ts';
import { findUserForVerification } from './accounts.repository.ts';
import { baseUrlOf, VERIFY_EMAIL_SECONDS } from './auth.ts';
import { protectedValuesOf } from './protected-values.ts';

/**
 * The "confirm your e-mail address" message: a job enqueued when a seller signs up (better-auth's
 * sendOnSignUp, after its sign-up transaction commits) or asks for it again (our throttled route,
 * in the transaction that counts the request). The job data is the user's id and the page to
 * come back to, nothing else: the token is made when the message is written, so it is stored
 * nowhere but in the message, and never in a job row or a log line.
 */
export const JOB_VERIFICATION_MAIL = 'mail.email-verification';

export interface VerificationMailData {
  userId: string;
  /** A path of this site to lead on to after confirming (e.g. back into the accept flow). */
  next: string;
}

/** Only a path of this site: anything else (another host, `//host`, `/\host`) leads to the home page. */
export function sameSitePath(candidate: string | null | undefined): string {
  if (!candidate || !candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\')) return '/';
  return candidate.length <= 500 ? candidate : '/';
}

export async function enqueueVerificationMail(jobs: Pick<Jobs, 'enqueue'>, executor: Executor, data: VerificationMailData): Promise<void> {
  await jobs.enqueue(executor, JOB_VERIFICATION_MAIL, { userId: data.userId, next: sameSitePath(data.next) });
}

export interface VerificationMailDeps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  config: Config;
  /** better-auth's secret: the token is its own, signed the way its /verify-email checks it. */
  authSecret: string;
  keyring: Keyring;
}

/**
 * The link: better-auth's /verify-email on the public address, which confirms the address and
 * redirects to our page (`/email-verified`), carrying `error=…` when the link has expired or is
 * not valid. Absolute, from configuration, so it works from any mail client.
 */
export async function verificationLink(deps: Pick<VerificationMailDeps, 'config' | 'authSecret'>, user: { id: string; email: string }, next: string): Promise<string> {
  const token = await createEmailVerificationToken(deps.authSecret, user.email, undefined, VERIFY_EMAIL_SECONDS, { userId: user.id });
  const landing = `/email-verified?next=${encodeURIComponent(sameSitePath(next))}`;
  return `${baseUrlOf(deps.config)}/api/auth/verify-email?token=${encodeURIComponent(token)}&callbackURL=${encodeURIComponent(landing)}`;
}

/** Sends one message per job, once (pg-boss may re-run a job). An address confirmed meanwhile gets nothing. */
export async function runVerificationMail(deps: VerificationMailDeps, data: VerificationMailData, jobId: string): Promise<'sent' | 'already_sent' | 'skipped'> {
  const user = await findUserForVerification(deps.db, data.userId);
  if (!user || user.emailVerified) return 'skipped';
  const url = await verificationLink(deps, user, data.next);
  const hours = Math.round(VERIFY_EMAIL_SECONDS / 3600);
  const body = layoutEmail({
    title: 'Confirm your e-mail address',
    preheader: 'One click, and you can accept offers',
    paragraphs: [
      `Hello ${user.name}, please confirm that ${user.email} is your e-mail address: we send your shipping label and payout news here.`,
      `The link works for ${hours} hour${hours === 1 ? '' : 's'}. If it has run out, sign in and choose "Send it again".`,
      { note: 'If you did not create a Tradeloop account, ignore this message.' },
    ],
    cta: { label: 'Confirm my e-mail address', url },
  });
  return sendMailOnce(
    deps.db,
    deps.mailer,
    {
      to: user.email,
      subject: 'Confirm your e-mail address for Tradeloop',
      text: body.text,
      html: body.html,
      idempotencyKey: `email-verification:${user.id}:${jobId}`,
      forbidden: await protectedValuesOf(deps.db, deps.keyring, user.id),
    },
    deps.clock.now(),
  );
}
