import type { Config } from '../../config.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { layoutEmail, sendMailOnce, type Mailer } from '../../platform/mail/index.ts';
import { MEMBER_ROLE_MEANING } from '../../../shared/api/refurbishers.ts';
import { INVITATION_DAYS, invitationForMail } from './organisations.service.ts';

export interface InvitationMailDeps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  config: Pick<Config, 'publicUrl' | 'port'>;
}

/** Sends one invitation, once (pg-boss may re-run a job). A cancelled or used invitation sends nothing. */
export async function runInvitationMail(deps: InvitationMailDeps, data: { invitationId: string }): Promise<'sent' | 'already_sent' | 'skipped'> {
  const i = await invitationForMail(deps.db, data.invitationId);
  if (!i || i.status !== 'pending') return 'skipped';
  const base = deps.config.publicUrl ?? `http://localhost:${deps.config.port}`;
  const url = `${base}/invitations/${encodeURIComponent(i.id)}`;
  const who = i.inviterRole === 'operator' ? 'The Tradeloop team' : (i.inviterName ?? 'A colleague');
  const body = layoutEmail({
    title: `Join ${i.refurbisherName} on Tradeloop`,
    preheader: `${who} invited you as ${i.role}`,
    paragraphs: [
      `${who} invited you to join ${i.refurbisherName} on Tradeloop as ${i.role === 'admin' ? 'an admin' : `a ${i.role}`} (${MEMBER_ROLE_MEANING[i.role].toLowerCase()}).`,
      `Open the link below and sign in, or create your account with this e-mail address (${i.email}). The invitation is valid for ${INVITATION_DAYS} days.`,
    ],
    cta: { label: 'Accept the invitation', url },
  });
  return sendMailOnce(
    deps.db,
    deps.mailer,
    {
      to: i.email,
      subject: `You're invited to join ${i.refurbisherName} on Tradeloop`,
      text: body.text,
      html: body.html,
      idempotencyKey: `invitation:${i.id}`,
      // Sent to a refurbisher's staff address, which holds no protected seller data.
      forbidden: [],
    },
    deps.clock.now(),
  );
}
