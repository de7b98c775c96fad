import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { ACH_CLEARING, sellerPayable } from './ledger-accounts.ts';
import type { PayoutPosting } from './postings.ts';

/**
 * `postPayoutSent` for a whole chunk of a batch at once (docs/payouts/batches.md): the same
 * entries (the seller's payable debited, ACH clearing credited, the same memo), written in three
 * statements per chunk instead of three per payout: the accounts, then every entry header and
 * all their lines in one statement, so the balance trigger checks each whole entry. A payout
 * already posted (the unique index on a sent entry per payout) gets nothing twice.
 * Returns how many entries were posted.
 */
export async function postPayoutsSentInBulk(trx: Executor, postings: readonly PayoutPosting[]): Promise<number> {
  if (postings.length === 0) return 0;
  const ids: string[] = [];
  const payoutIds: string[] = [];
  const tradeInIds: string[] = [];
  const accounts: string[] = [];
  const amounts: string[] = [];
  const currencies: string[] = [];
  const postedAt: Date[] = [];
  const sellers = new Map<string, { ownerId: string; currency: string }>();
  for (const p of postings) {
    if (!Number.isSafeInteger(p.amountMinor) || p.amountMinor <= 0) throw new Error(`A payout must be a positive integer of cents (got ${p.amountMinor})`);
    const account = sellerPayable(p.sellerId);
    sellers.set(account.code, { ownerId: p.sellerId, currency: p.currency });
    ids.push(newId('journalEntry', p.postedAt.getTime()));
    payoutIds.push(p.payoutId);
    tradeInIds.push(p.tradeInId);
    accounts.push(account.code);
    amounts.push(String(p.amountMinor));
    currencies.push(p.currency);
    postedAt.push(p.postedAt);
  }
  const first = postings[0]!;
  const codes = [...sellers.keys()];
  const owners = [...sellers.values()];
  await sql`
    insert into ledger_accounts (code, kind, owner_id, currency, created_at)
    select a.code, 'seller_payable', a.owner_id, a.currency, ${first.postedAt}::timestamptz
      from unnest(${codes}::text[], ${owners.map((o) => o.ownerId)}::text[], ${owners.map((o) => o.currency)}::text[]) as a(code, owner_id, currency)
    union all
    select ${ACH_CLEARING.code}, 'ach_clearing', null, ${first.currency}, ${first.postedAt}::timestamptz
    on conflict (code) do nothing
  `.execute(trx);
  const { rows } = await sql<{ posted: string }>`
    with input as (
      select * from unnest(${ids}::text[], ${payoutIds}::text[], ${tradeInIds}::text[], ${accounts}::text[], ${amounts}::bigint[], ${currencies}::text[], ${postedAt.map((d) => d.toISOString())}::timestamptz[])
        as t(id, payout_id, trade_in_id, account_code, amount_minor, currency, posted_at)
    ),
    entries as (
      insert into journal_entries (id, kind, trade_in_id, payout_id, memo, posted_at)
      select id, 'payout_sent', trade_in_id, payout_id, 'ACH credit ' || payout_id || ' sent', posted_at from input
      on conflict do nothing
      returning id
    ),
    lines as (
      insert into journal_lines (entry_id, line_no, account_code, amount_minor, currency)
      select i.id, 1, i.account_code, i.amount_minor, i.currency from input i join entries e on e.id = i.id
      union all
      select i.id, 2, ${ACH_CLEARING.code}, -i.amount_minor, i.currency from input i join entries e on e.id = i.id
      returning entry_id
    )
    select count(*)::text as posted from entries
  `.execute(trx);
  return Number(rows[0]?.posted ?? 0);
}
