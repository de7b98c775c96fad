import type { Keyring } from '../../platform/crypto.ts';
import type { Executor, Trx } from '../../platform/db/database.ts';
import { findPayoutMethod } from './accounts.repository.ts';
import { unseal } from './protected-fields.ts';

/** The seller's bank details in force, opened to be copied onto a payout (never returned to a client, logged or put in a job's data). */
export interface PayoutMethodCopy {
  routingNumber: string;
  accountNumber: string;
  accountType: 'checking' | 'savings';
  holderNames: string[];
  /** The keyed hash of routing:account under the key it was computed with (the operator console's shared-account flag). */
  bankAccountHash: string;
}

/**
 * Opens a seller's current payout method for one purpose: the payouts module copies it onto a
 * payout, where it is sealed again under the payout's own row (docs/payouts/payouts.md). A system
 * copy, not a reveal to a person, so it is not audited; the caller must never log the values.
 * Undefined while the seller has given no bank details.
 */
export async function openPayoutMethodForCopy(db: Executor, keyring: Keyring, sellerId: string): Promise<PayoutMethodCopy | undefined> {
  const row = await findPayoutMethod(db, sellerId);
  if (!row) return undefined;
  return {
    routingNumber: unseal(keyring, 'payout_methods', 'routing_number_sealed', sellerId, row.routing_number_sealed),
    accountNumber: unseal(keyring, 'payout_methods', 'account_number_sealed', sellerId, row.account_number_sealed),
    accountType: row.account_type,
    holderNames: row.holder_names,
    bankAccountHash: row.bank_account_hash,
  };
}

/**
 * Runs in the transaction that saved the seller's bank details (PUT /api/me/payout-method): the
 * payouts module releases the seller's waiting payouts with them. Declared here and wired in
 * runtime.ts, so accounts never imports payouts.
 */
export type AfterPayoutMethodSaved = (trx: Trx, sellerId: string) => Promise<void>;
