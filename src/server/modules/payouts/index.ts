/** The payouts module's public face (payouts per approval, ACH batches and NACHA files, the bank's returns): other modules import only from here. */
export type { PayoutStatus } from './payouts.tables.ts';
export { payoutsAdminRoutes } from './payouts-admin.routes.ts';
