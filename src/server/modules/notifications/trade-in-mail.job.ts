import type { Config } from '../../config.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { layoutEmail, mailAlreadySent, ProtectedDataError, sendMailOnce, type EmailBlock, type MailAttachment, type Mailer } from '../../platform/mail/index.ts';
import type { Clock } from '../../platform/clock.ts';
import { raiseOperatorFlag } from '../../platform/operator-flags.ts';
import type { TAftercare } from '../../../shared/api/inspection.ts';
import { REFUSAL_REASON_LABEL } from '../../../shared/api/inspection.ts';
import { findSellerContact } from '../accounts/index.ts';
import { findLatestInboundLabel, labelPdfFor, qrPngFor, returnShipmentOf } from '../shipping/index.ts';
import { erasureCertificateOf, erasureCertificatePdf, verifyUrl } from '../inspection/index.ts';
import { findTradeInDetail } from '../trade-ins/index.ts';
import { ERASURE_METHOD_LABEL } from '../../../shared/api/inspection.ts';
import { formatDate, TRADE_IN_EMAIL_TEMPLATES, tradeInEmail, type PayoutEmailFacts, type TradeInEmailTemplate } from './trade-in-emails.ts';
import type { TSellerPayout } from '../../../shared/api/payouts.ts';

/** The one name of the trade-in e-mail job: other modules enqueue it through `enqueueTradeInMail`. */
export const JOB_TRADE_IN_MAIL = 'mail.trade-in';

export interface TradeInMailJob {
  template: TradeInEmailTemplate;
  tradeInId: string;
  daysBefore?: number;
  /** Tells two messages of one template apart (a second lock hold on the same trade-in). */
  ref?: string;
  /** A payout the bank returned or corrected: its code and the seller-facing reason (never a bank detail). */
  bankNote?: { code: string; reason: string; sellerCanFix?: boolean };
}

/** One key per message: the enqueue's singleton key, the send's idempotency key and Message-ID. */
export function tradeInMailKey(job: TradeInMailJob): string {
  return `trade-in:${job.tradeInId}:${job.template}${job.daysBefore ? `:${job.daysBefore}` : ''}${job.ref ? `:${job.ref}` : ''}`;
}

type Enqueue = (executor: Executor, name: string, data: Record<string, unknown>, opts: { singletonKey: string }) => Promise<void>;

/** Enqueues one trade-in e-mail inside the caller's transaction (it goes only if that commits). */
export async function enqueueTradeInMail(enqueue: Enqueue, executor: Executor, job: TradeInMailJob): Promise<void> {
  await enqueue(executor, JOB_TRADE_IN_MAIL, { ...job }, { singletonKey: tradeInMailKey(job) });
}

export interface MailJobDeps {
  db: Db;
  /** Product time: the e-mail's dates. */
  clock: Clock;
  /** Security time: dates the operator flag of a refused message. */
  securityClock: Clock;
  mailer: Mailer;
  config: Pick<Config, 'publicUrl' | 'port'>;
  /** The seller's protected values, which the mailer refuses to send (the accounts module opens them). */
  protectedValues: (sellerId: string) => Promise<string[]>;
  /** What happened after delivery, as the seller sees it (the inspection module's answer; no protected field). */
  aftercare: (db: Db, tradeInId: string) => Promise<TAftercare>;
  /** The trade-in's payout as its seller sees it, account masked (the payouts module's answer, wired in runtime.ts). */
  payout?: (db: Db, tradeInId: string) => Promise<TSellerPayout | null>;
}

/**
 * Sends one trade-in e-mail, once (`sendMailOnce`: a re-run after a crash or expiry finds the
 * send recorded and stops). The enqueue's singleton key keeps a second job for the same message
 * from being queued at all.
 */
export async function runTradeInMail(deps: MailJobDeps, job: TradeInMailJob): Promise<'sent' | 'already_sent' | 'skipped'> {
  if (!TRADE_IN_EMAIL_TEMPLATES.includes(job.template)) throw new Error(`unknown e-mail template ${job.template}`);
  const key = tradeInMailKey(job);
  const db = deps.db;
  if (await mailAlreadySent(db, key)) return 'already_sent';
  const t = await findTradeInDetail(db, job.tradeInId);
  if (!t) return 'skipped';
  const seller = await findSellerContact(db, t.seller_id);
  if (!seller) return 'skipped';
  const label = await findLatestInboundLabel(db, t.id);
  const returnShipment = job.template.startsWith('return_') ? await returnShipmentOf(db, t.id) : null;

  const base = deps.config.publicUrl ?? `http://localhost:${deps.config.port}`;
  const after = await deps.aftercare(db, t.id);
  const refusal = after.latestInspection?.refusal;
  const certificate = job.template === 'erasure_certificate' ? await erasureCertificateOf(db, t.id) : null;
  if (job.template === 'erasure_certificate' && !certificate) return 'skipped';
  const content = tradeInEmail(job.template, {
    tradeInId: t.id,
    firstName: seller.firstName,
    deviceName: `${t.modelName} (${t.variantLabel})`,
    price: { amountMinor: t.price_minor, currency: t.currency.trim() },
    shipBy: t.ship_by,
    trackingNumber: label?.tracking_number ?? null,
    mandatoryAccessories: t.mandatoryAccessories,
    inspectionDueAt: t.inspection_due_at,
    ...(job.daysBefore ? { daysBefore: job.daysBefore } : {}),
    tradeInUrl: `${base}/trade-ins/${t.id}`,
    returnTrackingNumber: returnShipment?.trackingNumber ?? null,
    returnShipBy: returnShipment ? new Date(returnShipment.shipBy) : null,
    bankNote: job.bankNote ?? null,
    newPrice: after.counteroffer?.price ?? null,
    respondBy: job.template === 'lock_hold' ? dateOrNull(after.lockHold?.dueAt) : dateOrNull(after.counteroffer?.dueAt),
    refusalReason: refusal ? REFUSAL_REASON_LABEL[refusal] : null,
    payout: payoutFacts(await deps.payout?.(db, t.id)),
    settingsUrl: `${base}/settings`,
    ...(certificate
      ? {
          erasure: {
            code: certificate.code,
            verifyUrl: verifyUrl(base, certificate.code),
            methodLabel: ERASURE_METHOD_LABEL[certificate.method],
            erasedOn: formatDate(new Date(`${certificate.erasedOn}T12:00:00Z`)),
            refurbisherName: certificate.refurbisherName,
          },
        }
      : {}),
  });

  const blocks: EmailBlock[] = [...content.paragraphs];
  const attachments: MailAttachment[] = [];
  if (job.template === 'accepted' && t.status === 'awaiting_shipment' && label) {
    const { pdf } = await labelPdfFor(db, t.id);
    attachments.push({ filename: `tradeloop-label-${label.tracking_number}.pdf`, content: pdf, contentType: 'application/pdf' });
    attachments.push({ filename: 'drop-off-qr.png', content: await qrPngFor(db, t.id), contentType: 'image/png', cid: 'dropoff-qr' });
    blocks.splice(2, 0, { image: { cid: 'dropoff-qr', alt: `Drop-off QR code for ${label.tracking_number}`, width: 180 } });
  }
  if (certificate) {
    const found = await erasureCertificatePdf(db, base, t.id);
    if (found) attachments.push({ filename: found.filename, content: found.pdf, contentType: 'application/pdf' });
  }
  if (content.list) blocks.push({ list: content.list });
  const body = layoutEmail({ title: content.title, paragraphs: blocks, cta: content.cta, preheader: content.subject });
  try {
    return await sendMailOnce(
      db,
      deps.mailer,
      {
        to: seller.email,
        subject: content.subject,
        text: body.text,
        html: body.html,
        attachments,
        idempotencyKey: key,
        forbidden: await deps.protectedValues(t.seller_id),
      },
      deps.clock.now(),
    );
  } catch (err) {
    // A refused message would be refused again on every retry: flag it for an operator, then
    // let the error (a PermanentJobError, whose message names the key and never the value) fail
    // the job for good.
    // One flag per message: its key names the trade-in and the template, never the value.
    if (err instanceof ProtectedDataError) {
      await raiseOperatorFlag(db, deps.securityClock, {
        kind: 'blocked_mail',
        dedupeKey: `blocked_mail:${key}`,
        tradeInId: t.id,
        userIds: [t.seller_id],
        details: { mailKey: key },
      });
    }
    throw err;
  }
}

const payoutFacts = (p: TSellerPayout | null | undefined): PayoutEmailFacts | null =>
  p ? { status: p.status, amount: p.amount, accountMasked: p.accountMasked, sentAt: dateOrNull(p.sentAt ?? undefined), expectedArrival: p.expectedArrival } : null;

const dateOrNull = (iso: string | undefined) => (iso ? new Date(iso) : null);
