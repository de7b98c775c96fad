import type { LedgerAccountKind } from './ledger.tables.ts';

/**
 * The chart of accounts (docs/payouts.md). Normal balances: a refurbisher's receivable is a
 * debit (what it owes the platform); a seller's payable, the commission and ACH clearing are
 * credits (what the platform owes the seller, what it earned, what is on its way through the bank).
 */
export interface LedgerAccount {
  code: string;
  kind: LedgerAccountKind;
  ownerId: string | null;
}

export const refurbisherReceivable = (refurbisherId: string): LedgerAccount => ({
  code: `refurbisher:${refurbisherId}:receivable`,
  kind: 'refurbisher_receivable',
  ownerId: refurbisherId,
});
export const sellerPayable = (sellerId: string): LedgerAccount => ({ code: `seller:${sellerId}:payable`, kind: 'seller_payable', ownerId: sellerId });
export const PLATFORM_COMMISSION: LedgerAccount = { code: 'platform:commission', kind: 'platform_commission', ownerId: null };
export const ACH_CLEARING: LedgerAccount = { code: 'platform:ach_clearing', kind: 'ach_clearing', ownerId: null };

/**
 * The platform's commission on a price, in cents: basis points, rounded half up, explicitly
 * (integer arithmetic only; a price of up to $100,000 times 5000 bps stays far inside 2^53).
 */
export function commissionOf(priceMinor: number, bps: number): number {
  if (!Number.isSafeInteger(priceMinor) || priceMinor < 0) throw new RangeError(`price must be a non-negative integer of cents, got ${priceMinor}`);
  if (!Number.isInteger(bps) || bps < 0 || bps > 10_000) throw new RangeError(`commission must be 0–10000 basis points, got ${bps}`);
  return Math.floor((priceMinor * bps + 5_000) / 10_000);
}
