import type { z } from 'zod';
import type { ZReviewFlags } from '../../../shared/api/accounts.ts';
import type { TCarrierEventFlag, TCarrierEventFlagPage, TClearCarrierEventFlag } from '../../../shared/api/carrier-event-flags.ts';
import { request } from '../../api.ts';

export type TReviewFlags = z.infer<typeof ZReviewFlags>;

/** The operator's flags: carrier scans that need a person, and sellers to review. */
export const flagsApi = {
  carrierEventFlags: (status?: 'open' | 'cleared') =>
    request<TCarrierEventFlagPage>(`/api/admin/carrier-event-flags?limit=200${status ? `&status=${status}` : ''}`),
  clearCarrierEventFlag: (id: number, body: TClearCarrierEventFlag) =>
    request<TCarrierEventFlag>(`/api/admin/carrier-event-flags/${id}/clear`, { method: 'POST', body }),
  reviewFlags: () => request<TReviewFlags>('/api/admin/review-flags'),
};
