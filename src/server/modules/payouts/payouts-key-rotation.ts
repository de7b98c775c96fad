import { DecryptError, rewrapField, sealedKeyId, type Keyring } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db/database.ts';
import { bankAccountHashes } from '../accounts/index.ts';
import { openPayoutColumn, type SealedPayoutColumn } from './bank-details.ts';
import { sealedCorrectionsAfter, sealedPayoutsAfter } from './payouts.repository.ts';
import { inBatches } from '../../platform/db/in-batches.ts';

const byId = (row: { id: string }) => row.id;

/** Every sealed column of the payouts module: all of them re-wrapped below (accounts' protection test checks the schema has no other). */
export const PAYOUTS_SEALED_COLUMNS = {
  payouts: ['account_number_sealed', 'routing_number_sealed'],
  ach_returns: ['corrected_data_sealed'],
} as const;

/** What `npm run keys:rotate` did to one table of the payouts module (the shape accounts' rotateKeys reports). */
export interface PayoutsRotationCount {
  table: 'payouts' | 'ach_returns';
  rows: number;
  rewrapped: number;
  rehashed: number;
  failed: number;
}

/**
 * Re-wraps the payouts module's sealed values under the current master key (the copied bank
 * details of each payout, the corrected data of each notification of change) and recomputes a
 * payout's bank-account hash under the current key. Like accounts' rotateKeys: batches in id
 * order, each one transaction with its rows locked; idempotent; a value that fails to open is
 * counted and named by table/row/column, never by content, and left as it is.
 */
export async function rotatePayoutKeys(db: Db, keyring: Keyring, opts: { batchSize?: number; log?: (line: string) => void } = {}): Promise<PayoutsRotationCount[]> {
  const batchSize = opts.batchSize ?? 500;
  const log = opts.log ?? (() => undefined);
  const payouts: PayoutsRotationCount = { table: 'payouts', rows: 0, rewrapped: 0, rehashed: 0, failed: 0 };
  const returns: PayoutsRotationCount = { table: 'ach_returns', rows: 0, rewrapped: 0, rehashed: 0, failed: 0 };

  const rewrap = (c: PayoutsRotationCount, column: string, rowId: string, sealed: string): string | undefined => {
    try {
      if (sealedKeyId(sealed) === keyring.current.id) return undefined;
      const next = rewrapField(keyring, sealed, { table: c.table, rowId, column });
      c.rewrapped++;
      return next;
    } catch (err) {
      if (!(err instanceof DecryptError)) throw err;
      c.failed++;
      log(`  cannot re-wrap ${c.table}.${column} for ${rowId}: ${err.code}`);
      return undefined;
    }
  };
  const openOrCount = (id: string, column: SealedPayoutColumn, sealed: string): string | undefined => {
    try {
      return openPayoutColumn(keyring, id, column, sealed);
    } catch (err) {
      if (!(err instanceof DecryptError)) throw err;
      payouts.failed++;
      log(`  cannot re-hash payouts.bank_account_hash for ${id}: ${err.code}`);
      return undefined;
    }
  };

  payouts.rows = await inBatches(db, batchSize, byId, (trx, after) => sealedPayoutsAfter(trx, after, batchSize), async (trx, row) => {
    const changes: { routing_number_sealed?: string; account_number_sealed?: string; bank_account_hash?: string } = {};
    const routing = rewrap(payouts, 'routing_number_sealed', row.id, row.routing_number_sealed!);
    if (routing) changes.routing_number_sealed = routing;
    const account = rewrap(payouts, 'account_number_sealed', row.id, row.account_number_sealed!);
    if (account) changes.account_number_sealed = account;
    if (routing || account) {
      const r = openOrCount(row.id, 'routing_number_sealed', row.routing_number_sealed!);
      const a = r === undefined ? undefined : openOrCount(row.id, 'account_number_sealed', row.account_number_sealed!);
      if (r !== undefined && a !== undefined) {
        changes.bank_account_hash = bankAccountHashes(keyring, r, a)[0]!;
        payouts.rehashed++;
      }
    }
    if (Object.keys(changes).length) await trx.updateTable('payouts').set(changes).where('id', '=', row.id).execute();
  });

  returns.rows = await inBatches(db, batchSize, byId, (trx, after) => sealedCorrectionsAfter(trx, after, batchSize), async (trx, row) => {
    const next = rewrap(returns, 'corrected_data_sealed', row.id, row.corrected_data_sealed!);
    if (next) await trx.updateTable('ach_returns').set({ corrected_data_sealed: next }).where('id', '=', row.id).execute();
  });

  for (const c of [payouts, returns]) log(`${c.table}: ${c.rows} rows, ${c.rewrapped} values re-wrapped, ${c.rehashed} hashes recomputed, ${c.failed} failed`);
  return [payouts, returns];
}
