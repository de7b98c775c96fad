import type { Db, Executor } from '../../platform/db/database.ts';
import { layoutEmail, mailAlreadySent, sendMailOnce } from '../../platform/mail/index.ts';
import { addBusinessDaysToInstant } from '../../platform/business-days.ts';
import { INSPECTION_GRACE_BUSINESS_DAYS } from '../../../shared/deadlines.ts';
import { findInspectorEmails } from '../refurbishers/index.ts';
import { returnShipmentOf } from '../shipping/index.ts';
import { findTradeInDetail } from '../trade-ins/index.ts';
import { ORGANISATION_EMAIL_TEMPLATES, organisationEmail, type OrganisationEmailTemplate } from './organisation-emails.ts';
import type { MailJobDeps } from './trade-in-mail.job.ts';

/** The e-mail to a refurbisher's team about one of its trade-ins. */
export const JOB_ORGANISATION_MAIL = 'mail.organisation';

export interface OrganisationMailJob {
  template: OrganisationEmailTemplate;
  tradeInId: string;
}

const mailKey = (job: OrganisationMailJob) => `organisation:${job.tradeInId}:${job.template}`;

type Enqueue = (executor: Executor, name: string, data: Record<string, unknown>, opts: { singletonKey: string }) => Promise<void>;

/** Enqueues the team's e-mail inside the caller's transaction (it goes only if that commits). */
export async function enqueueOrganisationMail(enqueue: Enqueue, executor: Executor, job: OrganisationMailJob): Promise<void> {
  await enqueue(executor, JOB_ORGANISATION_MAIL, { ...job }, { singletonKey: mailKey(job) });
}

/** Sends it once, to every admin and inspector of the trade-in's refurbisher at the time of sending. */
export async function runOrganisationMail(deps: MailJobDeps & { db: Db }, job: OrganisationMailJob): Promise<'sent' | 'already_sent' | 'skipped'> {
  if (!ORGANISATION_EMAIL_TEMPLATES.includes(job.template)) throw new Error(`unknown e-mail template ${job.template}`);
  const key = mailKey(job);
  if (await mailAlreadySent(deps.db, key)) return 'already_sent';
  const t = await findTradeInDetail(deps.db, job.tradeInId);
  if (!t) return 'skipped';
  // Admins and inspectors act on incoming devices; buyers only manage the wishlist.
  const emails = await findInspectorEmails(deps.db, t.refurbisher_id);
  if (emails.length === 0) return 'skipped';
  const returnShipment = job.template === 'return_not_shipped' ? await returnShipmentOf(deps.db, t.id) : null;
  const base = deps.config.publicUrl ?? `http://localhost:${deps.config.port}`;
  const content = organisationEmail(job.template, {
    tradeInId: t.id,
    refurbisherName: t.refurbisherName,
    deviceName: `${t.modelName} (${t.variantLabel})`,
    price: { amountMinor: t.price_minor, currency: t.currency.trim() },
    inspectionDueAt: t.inspection_due_at,
    autoApproveAt: t.inspection_due_at ? addBusinessDaysToInstant(t.inspection_due_at, INSPECTION_GRACE_BUSINESS_DAYS) : null,
    returnShipBy: returnShipment ? new Date(returnShipment.shipBy) : null,
    portalUrl: `${base}/portal`,
  });
  const body = layoutEmail({ title: content.title, paragraphs: content.paragraphs, cta: content.cta, preheader: content.subject });
  return sendMailOnce(
    deps.db,
    deps.mailer,
    {
      to: emails,
      subject: content.subject,
      text: body.text,
      html: body.html,
      idempotencyKey: key,
      // The message names no seller, but the guard costs nothing and keeps it that way.
      forbidden: await deps.protectedValues(t.seller_id),
    },
    deps.clock.now(),
  );
}
