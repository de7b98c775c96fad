import { DecryptError, rewrapField, sealedKeyId, type Keyring } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db/database.ts';
import { rekeyOperatorFlag } from '../../platform/operator-flags.ts';
import { bankAccountHashes, licenceHashes, sharedBankAccountFlagKey, unseal, type SealedTable } from './protected-fields.ts';
import { inBatches } from '../../platform/db/in-batches.ts';

const byUser = (row: { user_id: string }) => row.user_id;

/**
 * Re-wraps every protected value under the current master key and recomputes the look-up
 * hashes with the current key's hash key. Batches of rows, each batch one transaction with
 * its rows locked, so the API can keep running. Idempotent: a second run changes nothing.
 * A value that fails to open (tampered, or its key is missing from the keyring) is counted
 * and named by table/row/column, never by content, and left as it is.
 */
export interface RotationCount {
  table: SealedTable;
  rows: number;
  rewrapped: number;
  rehashed: number;
  failed: number;
}

export interface RotationOptions {
  batchSize?: number;
  log?: (line: string) => void;
}

type Counter = RotationCount;

function rewrap(keyring: Keyring, table: SealedTable, column: string, userId: string, sealed: string | null, c: Counter, log: (l: string) => void): string | undefined {
  if (!sealed) return undefined;
  try {
    if (sealedKeyId(sealed) === keyring.current.id) return undefined;
    const next = rewrapField(keyring, sealed, { table, rowId: userId, column });
    c.rewrapped++;
    return next;
  } catch (err) {
    if (!(err instanceof DecryptError)) throw err;
    c.failed++;
    log(`  cannot re-wrap ${table}.${column} for ${userId}: ${err.code}`);
    return undefined;
  }
}

/** Opens a value for re-hashing; undefined (and counted) when it cannot be opened. */
function open<T>(fn: () => T, where: string, c: Counter, log: (l: string) => void): T | undefined {
  try {
    return fn();
  } catch (err) {
    if (!(err instanceof DecryptError)) throw err;
    c.failed++;
    log(`  cannot re-hash ${where}: ${err.code}`);
    return undefined;
  }
}

export async function rotateKeys(db: Db, keyring: Keyring, opts: RotationOptions = {}): Promise<RotationCount[]> {
  const batchSize = opts.batchSize ?? 500;
  const log = opts.log ?? (() => undefined);
  const counts: RotationCount[] = [];
  const counter = (table: SealedTable): Counter => {
    const c = { table, rows: 0, rewrapped: 0, rehashed: 0, failed: 0 };
    counts.push(c);
    return c;
  };

  const profiles = counter('seller_profiles');
  profiles.rows = await inBatches(
    db,
    batchSize,
    byUser,
    (trx, after) =>
      trx.selectFrom('seller_profiles').select(['user_id', 'date_of_birth_sealed']).where('user_id', '>', after).orderBy('user_id').limit(batchSize).forUpdate().execute(),
    async (trx, row) => {
      const dob = rewrap(keyring, 'seller_profiles', 'date_of_birth_sealed', row.user_id, row.date_of_birth_sealed, profiles, log);
      if (dob) await trx.updateTable('seller_profiles').set({ date_of_birth_sealed: dob }).where('user_id', '=', row.user_id).execute();
    },
  );

  const identities = counter('seller_identities');
  identities.rows = await inBatches(
    db,
    batchSize,
    byUser,
    (trx, after) =>
      trx
        .selectFrom('seller_identities')
        .select(['user_id', 'licence_number_sealed', 'licence_state', 'licence_number_hash', 'ssn_last4_sealed'])
        .where('user_id', '>', after)
        .orderBy('user_id')
        .limit(batchSize)
        .forUpdate()
        .execute(),
    async (trx, row) => {
      const changes: { licence_number_sealed?: string; ssn_last4_sealed?: string; licence_number_hash?: string } = {};
      const licence = rewrap(keyring, 'seller_identities', 'licence_number_sealed', row.user_id, row.licence_number_sealed, identities, log);
      if (licence) changes.licence_number_sealed = licence;
      const ssn = rewrap(keyring, 'seller_identities', 'ssn_last4_sealed', row.user_id, row.ssn_last4_sealed, identities, log);
      if (ssn) changes.ssn_last4_sealed = ssn;
      if (row.licence_number_sealed && row.licence_state) {
        const number = open(
          () => unseal(keyring, 'seller_identities', 'licence_number_sealed', row.user_id, row.licence_number_sealed!),
          `seller_identities.licence_number_hash for ${row.user_id}`,
          identities,
          log,
        );
        const hash = number === undefined ? undefined : licenceHashes(keyring, row.licence_state, number)[0]!;
        if (hash && hash !== row.licence_number_hash) {
          changes.licence_number_hash = hash;
          identities.rehashed++;
        }
      }
      if (Object.keys(changes).length) await trx.updateTable('seller_identities').set(changes).where('user_id', '=', row.user_id).execute();
    },
  );

  const payouts = counter('payout_methods');
  payouts.rows = await inBatches(
    db,
    batchSize,
    byUser,
    (trx, after) =>
      trx
        .selectFrom('payout_methods')
        .select(['user_id', 'routing_number_sealed', 'account_number_sealed', 'bank_account_hash'])
        .where('user_id', '>', after)
        .orderBy('user_id')
        .limit(batchSize)
        .forUpdate()
        .execute(),
    async (trx, row) => {
      const changes: { routing_number_sealed?: string; account_number_sealed?: string; bank_account_hash?: string } = {};
      const routingSealed = rewrap(keyring, 'payout_methods', 'routing_number_sealed', row.user_id, row.routing_number_sealed, payouts, log);
      if (routingSealed) changes.routing_number_sealed = routingSealed;
      const accountSealed = rewrap(keyring, 'payout_methods', 'account_number_sealed', row.user_id, row.account_number_sealed, payouts, log);
      if (accountSealed) changes.account_number_sealed = accountSealed;
      const plain = open(
        () => [
          unseal(keyring, 'payout_methods', 'routing_number_sealed', row.user_id, row.routing_number_sealed),
          unseal(keyring, 'payout_methods', 'account_number_sealed', row.user_id, row.account_number_sealed),
        ],
        `payout_methods.bank_account_hash for ${row.user_id}`,
        payouts,
        log,
      );
      const hash = plain ? bankAccountHashes(keyring, plain[0]!, plain[1]!)[0]! : undefined;
      if (hash && hash !== row.bank_account_hash) {
        changes.bank_account_hash = hash;
        payouts.rehashed++;
        // The shared-account flag names the account by its hash: follow it to the new one.
        await rekeyOperatorFlag(trx, sharedBankAccountFlagKey(row.bank_account_hash), sharedBankAccountFlagKey(hash));
      }
      if (Object.keys(changes).length) await trx.updateTable('payout_methods').set(changes).where('user_id', '=', row.user_id).execute();
    },
  );

  for (const c of counts) {
    log(`${c.table}: ${c.rows} rows, ${c.rewrapped} values re-wrapped, ${c.rehashed} hashes recomputed, ${c.failed} failed`);
  }
  return counts;
}
