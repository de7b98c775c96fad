import type { ColumnType } from 'kysely';
import type { Timestamp } from '../../platform/db/column-types.ts';

export interface TradeInMessagesTable {
  id: string;
  trade_in_id: string;
  /** The trade-in's refurbisher (copied in): its list of threads awaiting a reply reads this table alone. */
  refurbisher_id: string;
  author_kind: 'seller' | 'refurbisher';
  author_user_id: string;
  author_name: string;
  body: string;
  created_at: Timestamp;
  /** Insertion order, for messages written at the same product time. */
  seq: ColumnType<string, never, never>;
}

export interface MessagesTables {
  trade_in_messages: TradeInMessagesTable;
}
