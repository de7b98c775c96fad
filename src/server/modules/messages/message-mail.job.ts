import type { Config } from '../../config.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { QUEUE_PROFILES, type Jobs } from '../../platform/jobs/index.ts';
import { layoutEmail, sendMailOnce, type Mailer } from '../../platform/mail/index.ts';
import { findSellerContact } from '../accounts/index.ts';
import { findMemberContacts } from '../refurbishers/index.ts';
import { findTradeInDetail } from '../trade-ins/index.ts';
import { findMessage } from './messages.repository.ts';

export const JOB_MESSAGE_MAIL = 'mail.message';

export interface MessageMailDeps {
  db: Db;
  clock: Clock;
  jobs: Jobs;
  mailer: Mailer;
  config: Pick<Config, 'publicUrl' | 'port'>;
  /** The seller's protected values, which the mailer refuses to send (the accounts module opens them). */
  protectedValues: (sellerId: string) => Promise<string[]>;
}

/** The people who answer for the refurbisher on a trade-in: the roles that see and inspect trade-ins. */
const STAFF_ROLES = ['admin', 'inspector'] as const;

/**
 * E-mails one message to the other side: the seller's to the refurbisher's admins and
 * inspectors, the refurbisher's to the seller. Each recipient gets it once (one send key per
 * message and address), however often the job runs.
 */
export async function runMessageMail(deps: Omit<MessageMailDeps, 'jobs'>, data: { messageId: string }): Promise<number> {
  const m = await findMessage(deps.db, data.messageId);
  if (!m) return 0;
  const t = await findTradeInDetail(deps.db, m.trade_in_id);
  if (!t) return 0;
  const base = deps.config.publicUrl ?? `http://localhost:${deps.config.port}`;
  const device = `${t.modelName} (${t.variantLabel})`;
  const seller = await findSellerContact(deps.db, t.seller_id);
  const toSeller = m.author_kind === 'refurbisher';
  const recipients = toSeller ? (seller ? [{ email: seller.email }] : []) : await findMemberContacts(deps.db, t.refurbisher_id, STAFF_ROLES);
  const subject = toSeller ? `${t.refurbisherName} wrote about your ${device} trade-in` : `Message from ${m.author_name} about trade-in ${t.id} (${device})`;
  const body = layoutEmail({
    title: toSeller ? `A message from ${t.refurbisherName}` : `A message from the seller`,
    preheader: m.body.slice(0, 120),
    paragraphs: [
      toSeller ? `Hi ${seller?.firstName ?? 'there'}, ${m.author_name} at ${t.refurbisherName} wrote about your ${device}:` : `${m.author_name} wrote about the ${device} (trade-in ${t.id}):`,
      m.body,
      { note: 'Reply on Tradeloop, not by e-mail. Never send bank or identity details in a message.' },
    ],
    cta: toSeller ? { label: 'Reply on your trade-in page', url: `${base}/trade-ins/${t.id}` } : { label: 'Reply in the portal', url: `${base}/portal` },
  });
  const forbidden = await deps.protectedValues(t.seller_id);
  let sent = 0;
  for (const r of recipients) {
    const outcome = await sendMailOnce(
      deps.db,
      deps.mailer,
      { to: r.email, subject, text: body.text, html: body.html, idempotencyKey: `message:${m.id}:${r.email.toLowerCase()}`, forbidden },
      deps.clock.now(),
    );
    if (outcome === 'sent') sent += 1;
  }
  return sent;
}

export function registerMessageMail(deps: MessageMailDeps): void {
  deps.jobs.register<{ messageId: string }>(JOB_MESSAGE_MAIL, async (data) => void (await runMessageMail(deps, data)), QUEUE_PROFILES.network);
}
