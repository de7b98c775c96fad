/** The payouts module's public face (payouts per approval, ACH batches and NACHA files, the bank's returns): other modules import only from here. */
export type { PayoutStatus } from './payouts.tables.ts';
export { achReturnsRoutes } from './ach-returns.routes.ts';
export { changeNoticesRoutes } from './change-notices.routes.ts';
export { createPayouts, createSellerPayoutView, type Payouts } from './payouts.wiring.ts';
export { PAYOUTS_SEALED_COLUMNS, rotatePayoutKeys } from './payouts-key-rotation.ts';
export { payoutBatchesRoutes } from './batches.routes.ts';
export { createBatch } from './batches.service.ts';
export { registerPayoutBatches, type PayoutBatchJobsDeps } from './batch-schedule.jobs.ts';
export {
  ACCOUNT_TYPE_TRANSACTION_CODE,
  CHANGE_CODES,
  nachaLines,
  parseNachaFile,
  parseReturnFile,
  RETURN_CODES,
  type AchCorrectedData,
  type AchFileItem,
  type NachaBatchInput,
  type NachaEntryInput,
  type NachaFileInput,
} from './nacha/index.ts';
export { achWindows, expectedArrival, nextWindow, type AchWindow } from './ach-calendar.ts';
export { payoutsAdminRoutes } from './payouts-admin.routes.ts';
