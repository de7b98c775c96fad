import type { Db } from '../db/database.ts';
import { onceKey } from '../jobs/effects.ts';
import type { Mailer, OutgoingMail } from './mailer.ts';

/**
 * Sends a message at most once per idempotency key, for a job handler that pg-boss may run
 * twice. The claim and the send share one transaction: a failed send gives the claim back (the
 * job's retry sends it), and a second run that races the first waits on the claim's row and
 * then skips. A crash between the server accepting the message and the commit can still
 * repeat it; the Message-ID, derived from the same key, lets the receiving side drop it.
 *
 * The transaction stays open while the message goes out. On PGlite that holds the one
 * connection: quick for the outbox, an SMTP round trip (bounded by the mailer's timeouts)
 * otherwise.
 */
export async function sendMailOnce(db: Db, mailer: Mailer, mail: OutgoingMail, at?: Date): Promise<'sent' | 'already_sent'> {
  return db.transaction().execute(async (trx) => {
    if (!(await onceKey(trx, `mail:${mail.idempotencyKey}`, at))) return 'already_sent';
    await mailer.send(mail);
    return 'sent';
  });
}
