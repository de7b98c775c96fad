/** The payouts module's public face (payouts per approval, ACH batches and NACHA files, the bank's returns): other modules import only from here. */
export type { PayoutStatus } from './payouts.tables.ts';
export { payoutBatchesRoutes } from './batches.routes.ts';
export { createBatch } from './batches.service.ts';
export { registerPayoutBatches, type PayoutBatchJobsDeps } from './batch-schedule.jobs.ts';
