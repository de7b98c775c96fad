import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../../platform/db/column-types.ts';

/** The ledger module's tables (joined into DB in db/schema.ts). Append-only: triggers refuse UPDATE, DELETE and TRUNCATE. */

export type LedgerAccountKind = 'refurbisher_receivable' | 'seller_payable' | 'platform_commission' | 'ach_clearing';
export type JournalEntryKind = 'approval' | 'payout_sent' | 'payout_returned' | 'correction';

export interface LedgerAccountsTable {
  /** Readable and unique: 'refurbisher:ref_…:receivable', 'seller:usr_…:payable', 'platform:commission', 'platform:ach_clearing'. */
  code: string;
  kind: LedgerAccountKind;
  owner_id: string | null;
  currency: string;
  created_at: Timestamp;
}

export interface JournalEntriesTable {
  id: string;
  seq: Generated<number>;
  kind: JournalEntryKind;
  trade_in_id: string | null;
  payout_id: string | null;
  reverses_entry_id: string | null;
  memo: string;
  /** Product time: when the money moved, as statements show it. */
  posted_at: Timestamp;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

/** A debit is a positive amount, a credit a negative one; an entry's lines sum to zero per currency (a trigger checks). */
export interface JournalLinesTable {
  entry_id: string;
  line_no: number;
  account_code: string;
  amount_minor: number;
  currency: string;
}

export interface LedgerTables {
  ledger_accounts: LedgerAccountsTable;
  journal_entries: JournalEntriesTable;
  journal_lines: JournalLinesTable;
}
