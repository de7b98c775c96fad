import type { Keyring } from '../../platform/crypto.ts';
import type { Executor } from '../../platform/db/database.ts';
import { findIdentity, findPayoutMethod, findProfile } from './accounts.repository.ts';
import { unseal } from './protected-fields.ts';

/**
 * A seller's protected values in the forms an outgoing message could carry them, for the
 * e-mail guard to refuse a message that contains one. They are opened in memory for that
 * comparison only: never returned to a client, stored, logged or put in a job's data, so this
 * is not a reveal (those are an operator reading a value, and are audited).
 */
export async function protectedValuesOf(db: Executor, keyring: Keyring, userId: string): Promise<string[]> {
  const values: string[] = [];
  const profile = await findProfile(db, userId);
  if (profile) {
    const dob = unseal(keyring, 'seller_profiles', 'date_of_birth_sealed', userId, profile.date_of_birth_sealed);
    const [y, m, d] = dob.split('-');
    values.push(dob, `${m}/${d}/${y}`);
  }
  const identity = await findIdentity(db, userId);
  if (identity?.licence_number_sealed) values.push(unseal(keyring, 'seller_identities', 'licence_number_sealed', userId, identity.licence_number_sealed));
  if (identity?.ssn_last4_sealed) values.push(unseal(keyring, 'seller_identities', 'ssn_last4_sealed', userId, identity.ssn_last4_sealed));
  const payout = await findPayoutMethod(db, userId);
  if (payout) {
    values.push(
      unseal(keyring, 'payout_methods', 'routing_number_sealed', userId, payout.routing_number_sealed),
      unseal(keyring, 'payout_methods', 'account_number_sealed', userId, payout.account_number_sealed),
    );
  }
  return values;
}
