import type { Executor } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import type { LedgerAccount } from './ledger-accounts.ts';
import type { JournalEntryKind } from './ledger.tables.ts';

export interface JournalLine {
  account: LedgerAccount;
  /** Debit positive, credit negative; never zero. */
  amountMinor: number;
}

export interface NewJournalEntry {
  kind: JournalEntryKind;
  tradeInId?: string | null;
  payoutId?: string | null;
  reversesEntryId?: string | null;
  memo: string;
  currency: string;
  postedAt: Date;
  lines: JournalLine[];
}

/**
 * Posts one balanced entry: its accounts exist (created on first use), the header and then all
 * its lines in one statement, so the database's balance trigger sees the whole entry. The code
 * checks the balance first to fail with a clear message (a programming error, so a 500); the
 * trigger is the guarantee.
 * Returns undefined when the entry was already posted (the unique indexes on an approval per
 * trade-in and a sent/returned entry per payout): a replayed job posts nothing twice.
 */
export async function postEntry(trx: Executor, e: NewJournalEntry): Promise<string | undefined> {
  if (e.lines.length < 2) throw new Error('A journal entry needs at least two lines');
  let sum = 0;
  for (const l of e.lines) {
    if (!Number.isSafeInteger(l.amountMinor) || l.amountMinor === 0) throw new Error(`A journal line must be a non-zero integer of cents (got ${l.amountMinor})`);
    sum += l.amountMinor;
  }
  if (sum !== 0) throw new Error(`A journal entry must balance (it is off by ${sum} cents)`);

  await trx
    .insertInto('ledger_accounts')
    .values(dedupe(e.lines.map((l) => l.account)).map((a) => ({ code: a.code, kind: a.kind, owner_id: a.ownerId, currency: e.currency, created_at: e.postedAt })))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  const id = newId('journalEntry', e.postedAt.getTime());
  const inserted = await trx
    .insertInto('journal_entries')
    .values({
      id,
      kind: e.kind,
      trade_in_id: e.tradeInId ?? null,
      payout_id: e.payoutId ?? null,
      reverses_entry_id: e.reversesEntryId ?? null,
      memo: e.memo,
      posted_at: e.postedAt,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return undefined;
  await trx
    .insertInto('journal_lines')
    .values(e.lines.map((l, i) => ({ entry_id: id, line_no: i + 1, account_code: l.account.code, amount_minor: l.amountMinor, currency: e.currency })))
    .execute();
  return id;
}

function dedupe(accounts: LedgerAccount[]): LedgerAccount[] {
  return [...new Map(accounts.map((a) => [a.code, a])).values()];
}

/** An account's balance in cents (debits minus credits). */
export async function balanceOf(db: Executor, accountCode: string): Promise<number> {
  const row = await db
    .selectFrom('journal_lines')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_minor'), eb.lit(0)).as('balance'))
    .where('account_code', '=', accountCode)
    .executeTakeFirstOrThrow();
  return Number(row.balance);
}

/** The id of a payout's sent (or returned) entry, if it was posted: a reversal names the entry it undoes. */
export async function findPayoutEntryId(db: Executor, payoutId: string, kind: 'payout_sent' | 'payout_returned'): Promise<string | undefined> {
  const row = await db.selectFrom('journal_entries').select('id').where('payout_id', '=', payoutId).where('kind', '=', kind).executeTakeFirst();
  return row?.id;
}
