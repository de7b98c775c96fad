import type { z } from 'zod';
import {
  ZIdentityInput,
  ZPayoutMethodInput,
  zProfileInputAt,
  type TIdentityInput,
  type TPayoutMethodInput,
  type TProfileInput,
} from '../../../shared/seller-details.ts';
import { fieldsOf } from '../../../shared/zod-fields.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Keyring } from '../../platform/crypto.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { AppError, rateLimited, validationFailed } from '../../platform/errors.ts';
import { raiseOperatorFlag } from '../../platform/operator-flags.ts';
import type { SessionUser } from './accounts.policy.ts';
import {
  findIdentity,
  findPasswordHash,
  findPayoutMethod,
  findProfile,
  findReadiness,
  lockBankAccount,
  sellersWithBankAccount,
  upsertIdentity,
  upsertPayoutMethod,
  upsertProfile,
} from './accounts.repository.ts';
import type { TMe, TReadiness } from '../../../shared/api/accounts.ts';
import { verifyPassword } from './password.ts';
import type { AfterPayoutMethodSaved } from './payout-method-copy.ts';
import {
  bankAccountHashes,
  FIELD_LOCATION,
  licenceHashes,
  maskAccount,
  maskDateOfBirth,
  maskLicence,
  maskRouting,
  maskSsnLast4,
  seal,
  sharedBankAccountFlagKey,
  unseal,
  type ProtectedField,
} from './protected-fields.ts';
import { accountKey, recordSuccess, signInKeys, throttleSignIn } from './sign-in-limiter.ts';

/** The seller's own details (PRODUCT.md §3): each save validates everything first, then writes in one transaction. */
export interface SellerDetailsDeps {
  db: Db;
  /** Product time: "today" for the age rule, when details were saved. */
  productClock: Clock;
  /** Security time: the wrong-password limit and audit records. Never the demo clock. */
  securityClock: Clock;
  keyring: Keyring;
  /** Releases the seller's payouts waiting for bank details, in the saving transaction (the payouts module's, wired in runtime.ts). */
  afterPayoutMethodSaved?: AfterPayoutMethodSaved;
}

/** Sellers sharing one bank account at which it goes to an operator for review. */
export const SHARED_BANK_ACCOUNT_THRESHOLD = 3;

function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) throw validationFailed(fieldsOf(parsed.error));
  return parsed.data;
}

// --- writes (also used by the demo seed, which has no request) ---

export async function writeProfile(db: Executor, keyring: Keyring, userId: string, v: TProfileInput, now: Date): Promise<void> {
  await upsertProfile(db, {
    user_id: userId,
    first_name: v.legalName.first,
    last_name: v.legalName.last,
    date_of_birth_sealed: seal(keyring, 'seller_profiles', 'date_of_birth_sealed', userId, v.dateOfBirth),
    adult_verified_at: now,
    address_line1: v.address.line1,
    address_line2: v.address.line2 ?? null,
    city: v.address.city,
    state: v.address.state,
    zip: v.address.zip,
    phone: v.phone,
    created_at: now,
    updated_at: now,
  });
}

export async function writeIdentity(db: Executor, keyring: Keyring, userId: string, v: TIdentityInput, now: Date): Promise<void> {
  const common = { user_id: userId, created_at: now, updated_at: now };
  if (v.kind === 'drivers_license') {
    await upsertIdentity(db, {
      ...common,
      kind: 'drivers_license',
      licence_number_sealed: seal(keyring, 'seller_identities', 'licence_number_sealed', userId, v.number),
      licence_state: v.state,
      licence_number_hash: licenceHashes(keyring, v.state, v.number)[0]!,
      ssn_last4_sealed: null,
    });
  } else {
    await upsertIdentity(db, {
      ...common,
      kind: 'ssn_last4',
      licence_number_sealed: null,
      licence_state: null,
      licence_number_hash: null,
      ssn_last4_sealed: seal(keyring, 'seller_identities', 'ssn_last4_sealed', userId, v.last4),
    });
  }
}

export type PayoutDetails = Pick<TPayoutMethodInput, 'routingNumber' | 'accountNumber' | 'accountType' | 'holderNames'>;

/**
 * Saves the payout method and flags its bank account once 3 or more sellers use it (one flag per
 * account, named by its keyed hash; its list of sellers follows the latest count). Run inside a
 * transaction. `now` is product time (the payout's dates); the flag is dated by `securityClock`.
 */
export async function writePayoutMethod(
  trx: Executor,
  keyring: Keyring,
  userId: string,
  v: PayoutDetails,
  now: Date,
  securityClock: Clock,
): Promise<{ sharedWith: number }> {
  const hashes = bankAccountHashes(keyring, v.routingNumber, v.accountNumber);
  const current = hashes[0]!;
  await lockBankAccount(trx, current);
  await upsertPayoutMethod(trx, {
    user_id: userId,
    routing_number_sealed: seal(keyring, 'payout_methods', 'routing_number_sealed', userId, v.routingNumber),
    account_number_sealed: seal(keyring, 'payout_methods', 'account_number_sealed', userId, v.accountNumber),
    bank_account_hash: current,
    account_type: v.accountType,
    holder_names: JSON.stringify(v.holderNames),
    created_at: now,
    updated_at: now,
  });
  const sellers = await sellersWithBankAccount(trx, hashes);
  if (sellers.length >= SHARED_BANK_ACCOUNT_THRESHOLD) {
    await raiseOperatorFlag(trx, securityClock, { kind: 'shared_bank_account', dedupeKey: sharedBankAccountFlagKey(current), userIds: sellers, details: {} });
  }
  return { sharedWith: sellers.length };
}

// --- use cases ---

export async function saveProfile(deps: SellerDetailsDeps, userId: string, input: unknown): Promise<void> {
  const now = deps.productClock.now();
  const v = parseInput(zProfileInputAt(now), input);
  await deps.db.transaction().execute((trx) => writeProfile(trx, deps.keyring, userId, v, now));
}

export async function saveIdentity(deps: SellerDetailsDeps, userId: string, input: unknown): Promise<void> {
  const now = deps.productClock.now();
  const v = parseInput(ZIdentityInput, input);
  await deps.db.transaction().execute((trx) => writeIdentity(trx, deps.keyring, userId, v, now));
}

/**
 * The one change that redirects money, so the current password is asked again (400 if it is
 * missing, like any field; 403 `forbidden` naming `currentPassword` if it is wrong). Wrong
 * passwords count against the same per-account limit as failed sign-ins.
 */
export async function savePayoutMethod(deps: SellerDetailsDeps, user: SessionUser, input: unknown, ip: string): Promise<void> {
  const now = deps.productClock.now();
  const v = parseInput(ZPayoutMethodInput, input);
  const keys = signInKeys(ip, accountKey(user.email));
  const refused = await throttleSignIn(deps.db, keys, deps.securityClock.now());
  if (refused) {
    throw new AppError('rate_limited', 'Too many wrong passwords; try again later', { details: { retryAfterSeconds: refused.retryAfterSeconds } });
  }
  const hash = await findPasswordHash(deps.db, user.id);
  if (!hash || !(await verifyPassword({ hash, password: v.currentPassword }))) {
    throw new AppError('forbidden', 'The current password is not correct', {
      fields: { currentPassword: 'Current password is not correct' },
    });
  }
  await recordSuccess(deps.db, keys);
  await deps.db.transaction().execute(async (trx) => {
    await writePayoutMethod(trx, deps.keyring, user.id, v, now, deps.securityClock);
    await recordAudit(trx, { actorId: user.id, action: 'payout_method.changed', subject: user.id, ip, at: deps.securityClock.now() });
    await deps.afterPayoutMethodSaved?.(trx, user.id);
  });
}

function readinessOf(
  profile: { adult_verified_at: Date } | undefined,
  has: { identity: boolean; payout: boolean; emailVerified: boolean },
  now: Date,
): TReadiness {
  return {
    profileComplete: !!profile,
    isAdult: !!profile && profile.adult_verified_at.getTime() <= now.getTime(),
    identityComplete: has.identity,
    payoutComplete: has.payout,
    emailVerified: has.emailVerified,
  };
}

/**
 * What the accept flow needs to know, without decrypting anything. A profile is only ever
 * saved after its date of birth was checked to be 18+ on the market's calendar, and age only
 * grows, so `isAdult` is "an adult date of birth was verified at or before `now`".
 */
export async function getSellerReadiness(db: Executor, userId: string, now: Date): Promise<TReadiness> {
  const r = await findReadiness(db, userId);
  return readinessOf(r.adultVerifiedAt ? { adult_verified_at: r.adultVerifiedAt } : undefined, { identity: r.hasIdentity, payout: r.hasPayout, emailVerified: r.emailVerified }, now);
}

/** The signed-in user with their own details, protected fields masked. */
export async function getMe(deps: SellerDetailsDeps, user: SessionUser): Promise<TMe> {
  const { db, keyring } = deps;
  const profile = await findProfile(db, user.id);
  const identity = await findIdentity(db, user.id);
  const payout = await findPayoutMethod(db, user.id);
  return {
    user,
    profile: profile
      ? {
          legalName: { first: profile.first_name, last: profile.last_name },
          dateOfBirth: maskDateOfBirth(unseal(keyring, 'seller_profiles', 'date_of_birth_sealed', user.id, profile.date_of_birth_sealed)),
          address: { line1: profile.address_line1, line2: profile.address_line2, city: profile.city, state: profile.state, zip: profile.zip },
          phone: profile.phone,
        }
      : null,
    identity: !identity
      ? null
      : identity.kind === 'drivers_license'
        ? {
            kind: 'drivers_license',
            number: maskLicence(unseal(keyring, 'seller_identities', 'licence_number_sealed', user.id, identity.licence_number_sealed!)),
            state: identity.licence_state!,
          }
        : { kind: 'ssn_last4', last4: maskSsnLast4(unseal(keyring, 'seller_identities', 'ssn_last4_sealed', user.id, identity.ssn_last4_sealed!)) },
    payoutMethod: payout
      ? {
          routingNumber: maskRouting(unseal(keyring, 'payout_methods', 'routing_number_sealed', user.id, payout.routing_number_sealed)),
          accountNumber: maskAccount(unseal(keyring, 'payout_methods', 'account_number_sealed', user.id, payout.account_number_sealed)),
          accountType: payout.account_type,
          holderNames: payout.holder_names,
        }
      : null,
    readiness: readinessOf(profile, { identity: !!identity, payout: !!payout, emailVerified: (await findReadiness(db, user.id)).emailVerified }, deps.productClock.now()),
  };
}

export class AuditWriteFailed extends Error {
  override name = 'AuditWriteFailed';
}

/**
 * An operator reads one protected value in full. The audit row is committed first, on its
 * own; if that fails, nothing is decrypted and the caller gets a 500 without the value.
 * The attempt stays recorded even when the seller turns out to have no such value (404).
 */
export async function revealSellerField(
  deps: SellerDetailsDeps,
  input: { actor: SessionUser; sellerId: string; field: ProtectedField; reason: string; ip: string },
): Promise<{ field: ProtectedField; value: string }> {
  const { db, keyring } = deps;
  try {
    await recordAudit(db, {
      actorId: input.actor.id,
      action: 'seller_field.revealed',
      subject: input.sellerId,
      field: input.field,
      reason: input.reason,
      ip: input.ip,
      at: deps.securityClock.now(),
    });
  } catch (cause) {
    throw new AuditWriteFailed('The reveal could not be written to the audit log, so nothing was revealed', { cause });
  }
  const loc = FIELD_LOCATION[input.field];
  const row = await db
    .selectFrom(loc.table)
    .select(loc.column)
    .where('user_id', '=', input.sellerId)
    .executeTakeFirst();
  const sealed = row ? (row as Record<string, string | null>)[loc.column] : null;
  if (!sealed) throw new AppError('not_found', 'This seller has no such detail on file');
  return { field: input.field, value: unseal(keyring, loc.table, loc.column as never, input.sellerId, sealed) };
}
