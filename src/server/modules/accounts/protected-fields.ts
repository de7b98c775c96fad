import { decryptField, deriveSubkey, encryptField, lookupHash, mask, type Keyring, type MasterKey } from '../../platform/crypto.ts';
import type { ProtectedField } from '../../../shared/api/accounts.ts';

/**
 * Where protected values live and how they are sealed, hashed and masked. Every sealed value
 * is bound to (table, user_id, column): the rows are one per seller, so the seller's id is the
 * row id, and a value copied to another seller's row or another column fails to open.
 */
export const SEALED_COLUMNS = {
  seller_profiles: ['date_of_birth_sealed'],
  seller_identities: ['licence_number_sealed', 'ssn_last4_sealed'],
  payout_methods: ['routing_number_sealed', 'account_number_sealed'],
} as const;
export type SealedTable = keyof typeof SEALED_COLUMNS;
export type SealedColumn<T extends SealedTable> = (typeof SEALED_COLUMNS)[T][number];

export function seal<T extends SealedTable>(keyring: Keyring, table: T, column: SealedColumn<T>, userId: string, value: string): string {
  return encryptField(keyring, value, { table, rowId: userId, column });
}

export function unseal<T extends SealedTable>(keyring: Keyring, table: T, column: SealedColumn<T>, userId: string, sealed: string): string {
  return decryptField(keyring, sealed, { table, rowId: userId, column });
}

const hashKeys = new WeakMap<Buffer, Buffer>();
function hashKeyOf(k: MasterKey): Buffer {
  let h = hashKeys.get(k.key);
  if (!h) {
    h = deriveSubkey(k.key, 'lookup-hash');
    hashKeys.set(k.key, h);
  }
  return h;
}

/**
 * The look-up hash under the current key first, then under each previous key: a search with
 * all of them still finds rows hashed before a rotation that `keys:rotate` has not reached yet.
 */
function hashesOf(keyring: Keyring, value: string, purpose: string): string[] {
  return [keyring.current, ...keyring.previous].map((k) => lookupHash(hashKeyOf(k), value, purpose));
}

export const bankAccountHashes = (keyring: Keyring, routing: string, account: string) => hashesOf(keyring, `${routing}:${account}`, 'bank_account');
export const licenceHashes = (keyring: Keyring, state: string, number: string) => hashesOf(keyring, `${state}:${number}`, 'drivers_license');

// Masks. Never more than half of a short value, never more than 4 characters.
const half = (v: string) => Math.min(4, Math.floor(Array.from(v).length / 2));
export const maskRouting = (v: string) => mask(v, 4);
export const maskAccount = (v: string) => mask(v, half(v));
export const maskLicence = (v: string) => mask(v, half(v));
/** SSN-4 is itself the last 4 digits: show 2 of them, not all. */
export const maskSsnLast4 = (v: string) => mask(v, 2);
/** The day of the month only: enough to recognise, useless to an impostor. */
export const maskDateOfBirth = (v: string) => `••••-••-${v.slice(8, 10)}`;

export type { ProtectedField };

/** Where each revealable field is stored. */
export const FIELD_LOCATION = {
  dateOfBirth: { table: 'seller_profiles', column: 'date_of_birth_sealed' },
  licenceNumber: { table: 'seller_identities', column: 'licence_number_sealed' },
  ssnLast4: { table: 'seller_identities', column: 'ssn_last4_sealed' },
  routingNumber: { table: 'payout_methods', column: 'routing_number_sealed' },
  accountNumber: { table: 'payout_methods', column: 'account_number_sealed' },
} as const satisfies { [F in ProtectedField]: { table: SealedTable; column: string } };

/** The incident a shared bank account's operator flag stands for: the account, by its keyed hash (never shown). */
export const sharedBankAccountFlagKey = (hash: string) => `shared_bank_account:${hash}`;
