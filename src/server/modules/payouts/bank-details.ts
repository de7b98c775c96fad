import { decryptField, encryptField, mask, type Keyring } from '../../platform/crypto.ts';
import type { PayoutMethodCopy } from '../accounts/index.ts';
import type { CopiedDetails } from './payouts.repository.ts';

/**
 * A payout's own copy of the seller's bank details (docs/payouts/payouts.md "Copying the
 * details"): sealed again under the payout's row (AAD: payouts, payout id, column), so it opens
 * only there, and never changes after: a later change of the seller's details does not redirect
 * a payout already made. Never logged.
 */
export type SealedPayoutColumn = 'routing_number_sealed' | 'account_number_sealed';

const aad = (payoutId: string, column: SealedPayoutColumn) => ({ table: 'payouts', rowId: payoutId, column });

export function copyDetails(keyring: Keyring, payoutId: string, m: PayoutMethodCopy): CopiedDetails {
  return {
    routing_number_sealed: encryptField(keyring, m.routingNumber, aad(payoutId, 'routing_number_sealed')),
    account_number_sealed: encryptField(keyring, m.accountNumber, aad(payoutId, 'account_number_sealed')),
    account_type: m.accountType,
    holder_name: m.holderNames[0] ?? '',
    bank_account_hash: m.bankAccountHash,
  };
}

export function openPayoutColumn(keyring: Keyring, payoutId: string, column: SealedPayoutColumn, sealed: string): string {
  return decryptField(keyring, sealed, aad(payoutId, column));
}

/** The account as the seller may see it: its last 4 digits at most, never more than half of it. */
export function maskedAccount(keyring: Keyring, payoutId: string, sealed: string): string {
  const account = openPayoutColumn(keyring, payoutId, 'account_number_sealed', sealed);
  return mask(account, Math.min(4, Math.floor(account.length / 2)));
}
