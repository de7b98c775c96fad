import type { Timestamp } from '../../platform/db/column-types.ts';

export interface TradeInMessagesTable {
  id: string;
  trade_in_id: string;
  author_kind: 'seller' | 'refurbisher';
  author_user_id: string;
  author_name: string;
  body: string;
  created_at: Timestamp;
}

export interface MessagesTables {
  trade_in_messages: TradeInMessagesTable;
}
