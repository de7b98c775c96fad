import type { Executor } from '../../platform/db/database.ts';

/** Adds a job in the caller's transaction (platform/jobs `Jobs.enqueue`, narrowed to what shipping needs). */
export interface EnqueueFn {
  (executor: Executor, name: string, data: Record<string, unknown>, opts?: { runAt?: Date; singletonKey?: string }): Promise<void>;
}

/** The trade-in e-mails shipping causes; the notifications module writes and sends them. */
export interface ShippingMail {
  template: 'accepted' | 'shipping_reminder' | 'expired' | 'delivered' | 'return_requested' | 'return_shipped' | 'return_delivered';
  tradeInId: string;
  daysBefore?: number;
}

/**
 * Enqueues a trade-in e-mail in the caller's transaction. Implemented by the notifications
 * module and wired in runtime.ts: notifications imports shipping (the label it attaches), so
 * shipping cannot import notifications back.
 */
export type NotifyFn = (executor: Executor, mail: ShippingMail) => Promise<void>;

/** Enqueues an e-mail to the trade-in's refurbisher team (notifications' job), in the caller's transaction. */
export type NotifyOrganisationFn = (executor: Executor, mail: { template: 'return_not_shipped'; tradeInId: string }) => Promise<void>;
