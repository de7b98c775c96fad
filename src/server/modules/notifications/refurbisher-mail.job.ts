import type { Executor } from '../../platform/db/database.ts';
import { layoutEmail, sendMailOnce } from '../../platform/mail/index.ts';
import { findInspectorEmails } from '../refurbishers/index.ts';
import { findTradeInDetail } from '../trade-ins/index.ts';
import type { MailJobDeps } from './trade-in-mail.job.ts';
import { REFURBISHER_EMAIL_TEMPLATES, refurbisherEmail, type RefurbisherEmailTemplate } from './trade-in-emails.ts';

/** The e-mail to a refurbisher's admins and inspectors about one of its incoming devices. */
export const JOB_REFURBISHER_MAIL = 'mail.refurbisher';

export interface RefurbisherMailJob {
  template: RefurbisherEmailTemplate;
  tradeInId: string;
  /** Tells two messages of one template apart (the seller may say "I removed it" on two lock holds). */
  ref: string;
}

export const refurbisherMailKey = (job: RefurbisherMailJob) => `refurbisher:${job.tradeInId}:${job.template}:${job.ref}`;

type Enqueue = (executor: Executor, name: string, data: Record<string, unknown>, opts: { singletonKey: string }) => Promise<void>;

export async function enqueueRefurbisherMail(enqueue: Enqueue, executor: Executor, job: RefurbisherMailJob): Promise<void> {
  await enqueue(executor, JOB_REFURBISHER_MAIL, { ...job }, { singletonKey: refurbisherMailKey(job) });
}

/** The seller's protected values are forbidden here too: the guard refuses a message carrying one, whoever it goes to. */
type RefurbisherMailDeps = Pick<MailJobDeps, 'db' | 'clock' | 'mailer' | 'config' | 'protectedValues' | 'aftercare'>;

/** One message per member address, each sent once (its own key): a re-run sends only what is missing. */
export async function runRefurbisherMail(deps: RefurbisherMailDeps, job: RefurbisherMailJob): Promise<number> {
  if (!REFURBISHER_EMAIL_TEMPLATES.includes(job.template)) throw new Error(`unknown e-mail template ${job.template}`);
  const t = await findTradeInDetail(deps.db, job.tradeInId);
  if (!t) return 0;
  const base = deps.config.publicUrl ?? `http://localhost:${deps.config.port}`;
  const content = refurbisherEmail(job.template, {
    tradeInId: t.id,
    deviceName: `${t.modelName} (${t.variantLabel})`,
    respondBy: lockHoldDue((await deps.aftercare(deps.db, t.id)).lockHold?.dueAt),
    url: `${base}/refurbisher/incoming/${t.id}`,
  });
  const body = layoutEmail({ title: content.title, paragraphs: content.paragraphs, cta: content.cta, preheader: content.subject });
  const forbidden = await deps.protectedValues(t.seller_id);
  let sent = 0;
  for (const to of await findInspectorEmails(deps.db, t.refurbisher_id)) {
    const outcome = await sendMailOnce(
      deps.db,
      deps.mailer,
      { to, subject: content.subject, text: body.text, html: body.html, attachments: [], idempotencyKey: `${refurbisherMailKey(job)}:${to}`, forbidden },
      deps.clock.now(),
    );
    if (outcome === 'sent') sent += 1;
  }
  return sent;
}

const lockHoldDue = (iso: string | undefined) => (iso ? new Date(iso) : null);
