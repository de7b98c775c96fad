import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { JournalEntryKind, LedgerAccountKind } from './ledger.tables.ts';

/**
 * What the ledger says, read back: balances, an account's entries in a period, and the
 * whole-ledger check the tests and the property test run. Reads only; posting is in
 * journal.repository.ts. Periods are half-open [from, to) on `posted_at` (product time).
 */

export interface AccountBalance {
  code: string;
  kind: LedgerAccountKind;
  ownerId: string | null;
  currency: string;
  /** Debits minus credits, in cents. */
  balanceMinor: number;
}

/** Every account (or those of one kind) with its balance; an account with no lines yet has 0. */
export async function accountBalances(db: Executor, opts: { kind?: LedgerAccountKind } = {}): Promise<AccountBalance[]> {
  let q = db
    .selectFrom('ledger_accounts as a')
    .leftJoin('journal_lines as l', 'l.account_code', 'a.code')
    .select((eb) => ['a.code', 'a.kind', 'a.owner_id as ownerId', 'a.currency', eb.fn.coalesce(eb.fn.sum<string>('l.amount_minor'), eb.lit(0)).as('balance')])
    .groupBy(['a.code', 'a.kind', 'a.owner_id', 'a.currency'])
    .orderBy('a.code');
  if (opts.kind) q = q.where('a.kind', '=', opts.kind);
  const rows = await q.execute();
  return rows.map((r) => ({ code: r.code, kind: r.kind, ownerId: r.ownerId, currency: r.currency.trim(), balanceMinor: Number(r.balance) }));
}

/** An account's balance from the entries posted before `before` (the opening balance of a period that starts then). */
export async function balanceBefore(db: Executor, accountCode: string, before: Date): Promise<number> {
  const row = await db
    .selectFrom('journal_lines as l')
    .innerJoin('journal_entries as e', 'e.id', 'l.entry_id')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('l.amount_minor'), eb.lit(0)).as('balance'))
    .where('l.account_code', '=', accountCode)
    .where('e.posted_at', '<', before)
    .executeTakeFirstOrThrow();
  return Number(row.balance);
}

export interface AccountEntry {
  entryId: string;
  seq: number;
  kind: JournalEntryKind;
  tradeInId: string | null;
  payoutId: string | null;
  memo: string;
  postedAt: Date;
  currency: string;
  /** What the entry did to this account (the sum of its lines on it). */
  amountMinor: number;
  /** All the entry's lines, this account's and the others' (an approval's price and commission are on the others). */
  lines: { accountCode: string; amountMinor: number }[];
}

/** The entries that touched an account with `from <= posted_at < to`, in posting order. */
export async function accountEntries(db: Executor, accountCode: string, period: { from: Date; to: Date }): Promise<AccountEntry[]> {
  const rows = await db
    .selectFrom('journal_entries as e')
    .innerJoin('journal_lines as l', 'l.entry_id', 'e.id')
    .select(['e.id', 'e.seq', 'e.kind', 'e.trade_in_id', 'e.payout_id', 'e.memo', 'e.posted_at', 'l.account_code', 'l.amount_minor', 'l.currency', 'l.line_no'])
    .where('e.id', 'in', (eb) =>
      eb
        .selectFrom('journal_lines as mine')
        .innerJoin('journal_entries as me', 'me.id', 'mine.entry_id')
        .select('mine.entry_id')
        .where('mine.account_code', '=', accountCode)
        .where('me.posted_at', '>=', period.from)
        .where('me.posted_at', '<', period.to),
    )
    .orderBy('e.posted_at')
    .orderBy('e.seq')
    .orderBy('l.line_no')
    .execute();
  const entries = new Map<string, AccountEntry>();
  for (const r of rows) {
    let e = entries.get(r.id);
    if (!e) {
      e = {
        entryId: r.id,
        seq: Number(r.seq),
        kind: r.kind,
        tradeInId: r.trade_in_id,
        payoutId: r.payout_id,
        memo: r.memo,
        postedAt: r.posted_at,
        currency: r.currency.trim(),
        amountMinor: 0,
        lines: [],
      };
      entries.set(r.id, e);
    }
    const amount = Number(r.amount_minor);
    e.lines.push({ accountCode: r.account_code, amountMinor: amount });
    if (r.account_code === accountCode) e.amountMinor += amount;
  }
  return [...entries.values()];
}

export interface LedgerTotals {
  entries: number;
  lines: number;
  /** The sum of every line: 0 in a sound ledger. */
  sumMinor: number;
  /** Entries whose lines do not sum to zero per currency, or that have fewer than two lines (none in a sound ledger). */
  unbalancedEntryIds: string[];
  /** Each account's balance (debits minus credits), by code; accounts without lines are absent. */
  balances: Record<string, number>;
}

/**
 * The whole ledger checked from the rows (not from what the code meant to post): every entry
 * balanced, the sum of all lines zero, and each account's balance. The database refuses an
 * unbalanced entry already; this is the independent check tests and the property test call.
 */
export async function ledgerTotals(db: Executor): Promise<LedgerTotals> {
  const counts = await db
    .selectFrom('journal_entries')
    .select((eb) => [eb.fn.countAll<string>().as('entries')])
    .executeTakeFirstOrThrow();
  const lines = await db
    .selectFrom('journal_lines')
    .select((eb) => [eb.fn.countAll<string>().as('lines'), eb.fn.coalesce(eb.fn.sum<string>('amount_minor'), eb.lit(0)).as('sum')])
    .executeTakeFirstOrThrow();
  const unbalanced = await sql<{ id: string }>`
    select e.id from journal_entries e
    where (select count(*) from journal_lines l where l.entry_id = e.id) < 2
       or exists (select 1 from journal_lines c where c.entry_id = e.id group by c.currency having sum(c.amount_minor) <> 0)
    order by e.seq`.execute(db);
  const balances = await db
    .selectFrom('journal_lines')
    .select((eb) => ['account_code', eb.fn.sum<string>('amount_minor').as('balance')])
    .groupBy('account_code')
    .orderBy('account_code')
    .execute();
  return {
    entries: Number(counts.entries),
    lines: Number(lines.lines),
    sumMinor: Number(lines.sum),
    unbalancedEntryIds: unbalanced.rows.map((r) => r.id),
    balances: Object.fromEntries(balances.map((b) => [b.account_code, Number(b.balance)])),
  };
}
