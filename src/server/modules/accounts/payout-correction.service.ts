import { checkAccountNumber, checkHolderName, checkRoutingNumber } from '../../../shared/seller-details.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Trx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import type { SessionUser } from './accounts.policy.ts';
import { findPasswordHash, findPayoutMethod } from './accounts.repository.ts';
import { verifyPassword } from './password.ts';
import { unseal } from './protected-fields.ts';
import { writePayoutMethod, type PayoutDetails, type SellerDetailsDeps } from './seller-details.service.ts';
import { accountKey, recordSuccess, signInKeys, throttleSignIn } from './sign-in-limiter.ts';

/** What a bank's notification of change corrects; a field left out keeps the seller's current value. */
export interface PayoutCorrection {
  routingNumber?: string;
  accountNumber?: string;
  accountType?: 'checking' | 'savings';
  holderName?: string;
  /** The notice's code (C01…), for the audit log. */
  code: string;
}

/**
 * The seller confirms corrected bank details their bank sent (a notification of change): the same
 * rule as PUT /api/me/payout-method — current password asked again, wrong ones counted against the
 * sign-in limit, 403 naming `currentPassword` — then, in one transaction, `claim` (the payouts
 * module marks its notice confirmed, or throws if it is not open), the corrected fields written
 * over the current ones through the one write of a payout method, the audit record, and `after`
 * (the payouts module releases the seller's held payouts with the new details).
 */
export async function applyPayoutCorrection(
  deps: SellerDetailsDeps,
  user: SessionUser,
  input: { currentPassword: string; ip: string },
  claim: (trx: Trx) => Promise<PayoutCorrection>,
  after?: (trx: Trx, sellerId: string) => Promise<void>,
): Promise<void> {
  const keys = signInKeys(input.ip, accountKey(user.email));
  const refused = await throttleSignIn(deps.db, keys, deps.securityClock.now());
  if (refused) {
    throw new AppError('rate_limited', 'Too many wrong passwords; try again later', { details: { retryAfterSeconds: refused.retryAfterSeconds } });
  }
  const hash = await findPasswordHash(deps.db, user.id);
  if (!hash || !(await verifyPassword({ hash, password: input.currentPassword }))) {
    throw new AppError('forbidden', 'The current password is not correct', { fields: { currentPassword: 'Current password is not correct' } });
  }
  await recordSuccess(deps.db, keys);
  const now = deps.productClock.now();
  await deps.db.transaction().execute(async (trx) => {
    const correction = await claim(trx);
    const row = await findPayoutMethod(trx, user.id);
    if (!row) throw new AppError('conflict', 'You have no bank details on file to correct; add them in Settings');
    const next: PayoutDetails = {
      routingNumber: correction.routingNumber ?? unseal(deps.keyring, 'payout_methods', 'routing_number_sealed', user.id, row.routing_number_sealed),
      accountNumber: correction.accountNumber ?? unseal(deps.keyring, 'payout_methods', 'account_number_sealed', user.id, row.account_number_sealed),
      accountType: correction.accountType ?? row.account_type,
      holderNames: correction.holderName ? [correction.holderName, ...row.holder_names.slice(1)] : row.holder_names,
    };
    // The bank's data is checked like the seller's own input: a correction that would not pass the form is not applied.
    const bad = [checkRoutingNumber(next.routingNumber), checkAccountNumber(next.accountNumber), ...next.holderNames.map(checkHolderName)].find((c) => !c.ok);
    if (bad && !bad.ok) throw new AppError('conflict', `The bank's correction cannot be used (${bad.message}); enter your bank details in Settings instead`);
    await writePayoutMethod(trx, deps.keyring, user.id, next, now, deps.securityClock);
    await recordAudit(trx, { actorId: user.id, action: 'payout_method.corrected', subject: user.id, reason: `bank notification of change ${correction.code}`, ip: input.ip, at: deps.securityClock.now() });
    await after?.(trx, user.id);
  });
}
