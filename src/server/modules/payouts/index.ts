/** The payouts module's public face (payouts per approval, ACH batches and NACHA files, the bank's returns): other modules import only from here. */
export { achReturnsRoutes } from './ach-returns.routes.ts';
export { changeNoticesRoutes } from './change-notices.routes.ts';
export { createPayouts, createSellerPayoutView } from './payouts.wiring.ts';
export { PAYOUTS_SEALED_COLUMNS, rotatePayoutKeys } from './payouts-key-rotation.ts';
export { payoutBatchesRoutes } from './batches.routes.ts';
export { createBatch } from './batches.service.ts';
export { registerPayoutBatches } from './batch-schedule.jobs.ts';
export { parseNachaFile } from './nacha/index.ts';
export { payoutsAdminRoutes } from './payouts-admin.routes.ts';
