import type { Insertable } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { TradeInMessagesTable } from './messages.tables.ts';

const COLUMNS = ['id', 'trade_in_id', 'refurbisher_id', 'author_kind', 'author_user_id', 'author_name', 'body', 'created_at'] as const;

export async function insertMessage(db: Executor, row: Insertable<TradeInMessagesTable>): Promise<void> {
  await db.insertInto('trade_in_messages').values(row).execute();
}

export async function findMessage(db: Executor, id: string) {
  return db.selectFrom('trade_in_messages').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function listMessages(db: Executor, tradeInId: string) {
  return db.selectFrom('trade_in_messages').select(COLUMNS).where('trade_in_id', '=', tradeInId).orderBy('created_at').orderBy('seq').limit(1000).execute();
}

/** Each trade-in's latest message: who wrote it and when. */
function latestPerTradeIn(db: Executor) {
  return db
    .selectFrom('trade_in_messages')
    .distinctOn('trade_in_id')
    .select(['trade_in_id', 'author_kind', 'created_at'])
    .orderBy('trade_in_id')
    .orderBy('created_at', 'desc')
    .orderBy('seq', 'desc');
}

/** Of these trade-ins, those whose latest message is the seller's. */
export async function tradeInsWithSellerLast(db: Executor, tradeInIds: readonly string[]): Promise<string[]> {
  if (tradeInIds.length === 0) return [];
  const rows = await latestPerTradeIn(db).where('trade_in_id', 'in', [...tradeInIds]).execute();
  return rows.filter((r) => r.author_kind === 'seller').map((r) => r.trade_in_id);
}

/** A refurbisher's threads whose latest message is the seller's, oldest first (longest waiting). */
export async function threadsAwaitingRefurbisher(db: Executor, refurbisherId: string) {
  const rows = await latestPerTradeIn(db).where('refurbisher_id', '=', refurbisherId).execute();
  return rows.filter((r) => r.author_kind === 'seller').sort((a, b) => a.created_at.getTime() - b.created_at.getTime());
}
