import type { TMessage } from '../../../shared/api/inspection.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { requestHash, withIdempotency } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { ProtectedDataError } from '../../platform/mail/index.ts';
import { assertNoProtectedData } from '../../platform/mail/protected.ts';
import { findSellerContact } from '../accounts/index.ts';
import type { RefurbisherActor } from '../refurbishers/index.ts';
import { findTradeIn } from '../trade-ins/index.ts';
import { JOB_MESSAGE_MAIL } from './message-mail.job.ts';
import { insertMessage, listMessages, threadsAwaitingRefurbisher, tradeInsWithSellerLast } from './messages.repository.ts';
import type { TradeInMessagesTable } from './messages.tables.ts';
import { protectedPatternIn } from './protected-patterns.ts';

export interface MessagesDeps {
  db: Db;
  clock: Clock;
  enqueue: (executor: Executor, name: string, data: { messageId: string }, opts: { singletonKey: string }) => Promise<unknown>;
  /** The seller's own protected values (opened for the comparison only), which a message may not repeat. */
  protectedValues: (sellerId: string) => Promise<string[]>;
}

/** Who writes: the trade-in's seller, or someone acting for its refurbisher. */
export type MessageAuthor = { kind: 'seller'; sellerId: string } | { kind: 'refurbisher'; actor: RefurbisherActor };

const present = (m: Pick<TradeInMessagesTable, 'id' | 'author_kind' | 'author_name' | 'body'> & { created_at: Date }): TMessage => ({
  id: m.id,
  from: m.author_kind,
  authorName: m.author_name,
  body: m.body,
  sentAt: m.created_at.toISOString(),
});

/** The trade-in if this author is one of its two sides; otherwise it does not exist for them (404). */
async function tradeInFor(db: Executor, author: MessageAuthor, tradeInId: string) {
  const t = await findTradeIn(db, tradeInId);
  const mine = t && (author.kind === 'seller' ? t.seller_id === author.sellerId : t.refurbisher_id === author.actor.refurbisherId);
  if (!t || !mine) throw new AppError('not_found', 'Trade-in not found');
  return t;
}

export async function messageThread(deps: Pick<MessagesDeps, 'db'>, author: MessageAuthor, tradeInId: string): Promise<{ messages: TMessage[] }> {
  const t = await tradeInFor(deps.db, author, tradeInId);
  return { messages: (await listMessages(deps.db, t.id)).map(present) };
}

function refuse(message: string): AppError {
  return new AppError('unprocessable', message, { fields: { body: message } });
}

/**
 * Stores a message and queues its e-mail to the other side, in one transaction. A message that
 * seems to carry bank or identity details, or repeats one of the seller's own, is refused (422)
 * and nothing is stored or sent.
 */
export async function postMessage(
  deps: MessagesDeps,
  author: MessageAuthor,
  tradeInId: string,
  body: string,
  idempotencyKey: string | undefined,
): Promise<{ status: number; body: TMessage; replayed: boolean }> {
  const t = await tradeInFor(deps.db, author, tradeInId);
  const looksLike = protectedPatternIn(body);
  if (looksLike) {
    throw refuse(`This message seems to contain ${looksLike}. Bank and identity details are never shared in messages: remove it and send again.`);
  }
  try {
    assertNoProtectedData({ subject: '', text: body, html: '' }, await deps.protectedValues(t.seller_id));
  } catch (err) {
    if (err instanceof ProtectedDataError) {
      throw refuse("This message contains one of the seller's bank or identity details. They are never shared in messages: remove it and send again.");
    }
    throw err;
  }
  const authorName =
    author.kind === 'seller' ? ((await findSellerContact(deps.db, author.sellerId))?.firstName ?? 'The seller') : author.actor.label;
  const now = deps.clock.now();
  const write = async (trx: Executor) => {
    const row = {
      id: newId('message', now.getTime()),
      trade_in_id: t.id,
      refurbisher_id: t.refurbisher_id,
      author_kind: author.kind,
      author_user_id: author.kind === 'seller' ? author.sellerId : author.actor.actorId,
      author_name: authorName,
      body,
      created_at: now,
    };
    await insertMessage(trx, row);
    await deps.enqueue(trx, JOB_MESSAGE_MAIL, { messageId: row.id }, { singletonKey: `message:${row.id}` });
    return { status: 201, body: present(row) };
  };
  return deps.db.transaction().execute(async (trx) => {
    if (idempotencyKey === undefined) return { ...(await write(trx)), replayed: false };
    const who = author.kind === 'seller' ? author.sellerId : author.actor.actorId;
    const hash = requestHash({ method: 'POST', path: `/messages/${t.id}`, body: { body } });
    return withIdempotency(trx, { scope: `message:${who}`, key: idempotencyKey, hash, now }, () => write(trx));
  });
}

/** Of these trade-ins, the ones whose seller wrote last (the refurbisher owes a reply). */
export async function tradeInsAwaitingReply(db: Executor, tradeInIds: string[]): Promise<Set<string>> {
  return new Set(await tradeInsWithSellerLast(db, tradeInIds));
}

/** The refurbisher's trade-ins waiting for its reply, longest waiting first, with the seller's last message time. */
export async function listAwaitingReply(db: Executor, refurbisherId: string): Promise<{ tradeInId: string; since: Date }[]> {
  return (await threadsAwaitingRefurbisher(db, refurbisherId)).map((r) => ({ tradeInId: r.trade_in_id, since: r.created_at }));
}
