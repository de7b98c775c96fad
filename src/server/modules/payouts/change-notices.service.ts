import type { TPayoutChangeNotice } from '../../../shared/api/payouts.ts';
import type { Clock } from '../../platform/clock.ts';
import { decryptField, mask, type Keyring } from '../../platform/crypto.ts';
import type { Db, Trx } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { applyPayoutCorrection, type PayoutCorrection, type SessionUser } from '../accounts/index.ts';
import { findNotice, openNoticesOfSeller, resolveNotice, type AchReturnRow } from './ach-returns.repository.ts';

/**
 * A notification of change is the seller's bank saying their details changed (docs/payouts/returns.md).
 * It is shown to the seller, masked, to confirm with their password or dismiss: never applied silently.
 */
export interface ChangeNoticesDeps {
  db: Db;
  productClock: Clock;
  securityClock: Clock;
  keyring: Keyring;
  /** Releases the seller's waiting and held payouts once their details changed (the same step as PUT /api/me/payout-method). */
  afterPayoutMethodSaved: (trx: Trx, sellerId: string) => Promise<void>;
}

interface CorrectedData {
  routingNumber?: string;
  accountNumber?: string;
  accountType?: 'checking' | 'savings';
  holderName?: string;
}

function openCorrectedData(keyring: Keyring, row: AchReturnRow): CorrectedData {
  if (!row.corrected_data_sealed) return {};
  return JSON.parse(decryptField(keyring, row.corrected_data_sealed, { table: 'ach_returns', rowId: row.id, column: 'corrected_data_sealed' })) as CorrectedData;
}

// Never more than half of a short value, never more than 4 characters (as the seller's own details are masked).
const maskHalf = (v: string) => mask(v, Math.min(4, Math.floor(v.length / 2)));

function present(keyring: Keyring, row: AchReturnRow): TPayoutChangeNotice {
  const d = openCorrectedData(keyring, row);
  return {
    id: row.id,
    code: row.code,
    field: row.corrected_field!,
    proposed: {
      routingMasked: d.routingNumber ? mask(d.routingNumber, 4) : null,
      accountMasked: d.accountNumber ? maskHalf(d.accountNumber) : null,
      accountType: d.accountType ?? null,
    },
    receivedAt: row.received_at.toISOString(),
  };
}

export async function listChangeNotices(deps: Pick<ChangeNoticesDeps, 'db' | 'keyring'>, sellerId: string): Promise<TPayoutChangeNotice[]> {
  return (await openNoticesOfSeller(deps.db, sellerId)).map((r) => present(deps.keyring, r));
}

/** A notice of another seller (or no notice) is "not found"; an answered one is a 409. */
async function ownOpenNotice(db: Db | Trx, sellerId: string, id: string) {
  const notice = await findNotice(db, id);
  if (!notice || notice.seller_id !== sellerId) throw notFound('Notice');
  if (notice.resolved_at) throw new AppError('conflict', `This notice was already ${notice.resolution}`);
  return notice;
}

/** The seller confirms: the corrected fields replace theirs (current password asked again, audited by the accounts module). */
export async function confirmChangeNotice(deps: ChangeNoticesDeps, seller: SessionUser, id: string, input: { currentPassword: string; ip: string }): Promise<void> {
  // 404 before the password is checked: another seller's notice is not a place to try passwords.
  await ownOpenNotice(deps.db, seller.id, id);
  await applyPayoutCorrection(
    deps,
    seller,
    input,
    async (trx): Promise<PayoutCorrection> => {
      const resolved = await resolveNotice(trx, id, 'confirmed', deps.productClock.now());
      if (!resolved) throw new AppError('conflict', 'This notice was answered at the same time');
      const d = openCorrectedData(deps.keyring, resolved);
      return {
        code: resolved.code,
        ...(d.routingNumber ? { routingNumber: d.routingNumber } : {}),
        ...(d.accountNumber ? { accountNumber: d.accountNumber } : {}),
        ...(d.accountType ? { accountType: d.accountType } : {}),
        ...(d.holderName ? { holderName: d.holderName } : {}),
      };
    },
    deps.afterPayoutMethodSaved,
  );
}

/** The seller says the bank is wrong (or they will enter details themselves): nothing changes. */
export async function dismissChangeNotice(deps: Pick<ChangeNoticesDeps, 'db' | 'productClock'>, sellerId: string, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await ownOpenNotice(trx, sellerId, id);
    if (!(await resolveNotice(trx, id, 'dismissed', deps.productClock.now()))) throw new AppError('conflict', 'This notice was answered at the same time');
  });
}
