import type { Db } from '../db/database.ts';
import { effectDone, onceKey } from '../jobs/effects.ts';
import type { Mailer, OutgoingMail } from './mailer.ts';

const effectKey = (idempotencyKey: string) => `mail:${idempotencyKey}`;

/** Whether the message with this idempotency key was already sent: lets a job skip building it. */
export async function mailAlreadySent(db: Db, idempotencyKey: string): Promise<boolean> {
  return effectDone(db, effectKey(idempotencyKey));
}

/**
 * The one way a job sends an e-mail at most once per idempotency key (pg-boss may run a job
 * twice). A re-run finds the send recorded and stops; a failed send records nothing, so the
 * job's retry sends it. No transaction is held open across the send (on the embedded database
 * that would stall every other query for an SMTP round trip). A crash between the server
 * accepting the message and the record re-sends it once more with the same Message-ID (derived
 * from the key), which the receiving side can drop, and the outbox keeps one file per key.
 */
export async function sendMailOnce(db: Db, mailer: Mailer, mail: OutgoingMail, at?: Date): Promise<'sent' | 'already_sent'> {
  if (await mailAlreadySent(db, mail.idempotencyKey)) return 'already_sent';
  await mailer.send(mail);
  await onceKey(db, effectKey(mail.idempotencyKey), at);
  return 'sent';
}
