import type { TSellerAnswerResult } from '../../../shared/api/inspection.ts';
import { request } from '../../api.ts';

const enc = encodeURIComponent;
const base = (id: string) => `/api/trade-ins/${enc(id)}`;
const post = (path: string, idempotencyKey: string) => request<TSellerAnswerResult>(path, { method: 'POST', body: {}, headers: { 'idempotency-key': idempotencyKey } });

/** The seller's answers after the inspection; each state change carries its Idempotency-Key, like cancelling. */
export const aftercareApi = {
  acceptCounteroffer: (id: string, key: string) => post(`${base(id)}/counteroffer/accept`, key),
  rejectCounteroffer: (id: string, key: string) => post(`${base(id)}/counteroffer/reject`, key),
  lockRemoved: (id: string, key: string) => post(`${base(id)}/lock-removed`, key),
  certificatePdfUrl: (id: string) => `${base(id)}/erasure-certificate.pdf`,
};
