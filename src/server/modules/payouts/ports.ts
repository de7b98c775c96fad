import type { Executor } from '../../platform/db/database.ts';

/** The seller's payout e-mails this module causes; the notifications module writes and sends them (wired in runtime.ts). */
export interface PayoutMail {
  template: 'payout_details_needed' | 'payout_details_reminder';
  tradeInId: string;
  /** The payout (and the reminder's number): one message each. */
  ref: string;
}
export type NotifyPayoutSeller = (executor: Executor, mail: PayoutMail) => Promise<void>;

/** Adds a job in the caller's transaction (platform/jobs `Jobs.enqueue`, narrowed). */
export type EnqueueFn = (executor: Executor, name: string, data: Record<string, unknown>, opts?: { runAt?: Date; singletonKey?: string }) => Promise<void>;
