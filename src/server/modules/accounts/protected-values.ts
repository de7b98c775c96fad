import type { Keyring } from '../../platform/crypto.ts';
import type { Executor } from '../../platform/db/database.ts';
import { findIdentity, findPayoutMethod, findProfile } from './accounts.repository.ts';
import { unseal } from './protected-fields.ts';

// How e-mails print a date ("Thursday, May 17, 1990" contains this form).
const LONG_DATE = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'long', day: 'numeric', year: 'numeric' });

/**
 * A seller's protected values that are long enough to search for unambiguously, in the forms an
 * outgoing message could carry them, for the e-mail guard to refuse a message that contains
 * one: the full account and routing numbers, the full licence number, the date of birth. The
 * SSN's last four is left out on purpose: four digits are also a year or an amount, so a search
 * would block innocent e-mails; it stays out of e-mails by construction (no e-mail's data has a
 * protected field). They are opened in memory for that
 * comparison only: never returned to a client, stored, logged or put in a job's data, so this
 * is not a reveal (those are an operator reading a value, and are audited).
 */
export async function protectedValuesOf(db: Executor, keyring: Keyring, userId: string): Promise<string[]> {
  const values: string[] = [];
  const profile = await findProfile(db, userId);
  if (profile) {
    const dob = unseal(keyring, 'seller_profiles', 'date_of_birth_sealed', userId, profile.date_of_birth_sealed);
    const [y, m, d] = dob.split('-');
    values.push(dob, `${m}/${d}/${y}`, `${Number(m)}/${Number(d)}/${y}`, LONG_DATE.format(new Date(`${dob}T00:00:00Z`)));
  }
  const identity = await findIdentity(db, userId);
  if (identity?.licence_number_sealed) values.push(unseal(keyring, 'seller_identities', 'licence_number_sealed', userId, identity.licence_number_sealed));
  const payout = await findPayoutMethod(db, userId);
  if (payout) {
    values.push(
      unseal(keyring, 'payout_methods', 'routing_number_sealed', userId, payout.routing_number_sealed),
      unseal(keyring, 'payout_methods', 'account_number_sealed', userId, payout.account_number_sealed),
    );
  }
  return values;
}
