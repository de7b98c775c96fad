import type { z } from 'zod';
import type {
  IncomingBucket,
  TErasureCertificate,
  TIncomingDetail,
  TIncomingPage,
  TInspectionRequest,
  TPhoto,
  ZRecordErasure,
} from '../../../shared/api/inspection.ts';
import { request } from '../../api.ts';

const enc = encodeURIComponent;
const base = (id: string) => `/api/refurbisher/trade-ins/${enc(id)}`;

export type TRecordErasure = z.input<typeof ZRecordErasure>;

/** The refurbisher's side of a trade-in after the label: every type comes from the shared contract. */
export const inspectionApi = {
  incoming: (bucket: IncomingBucket) => request<TIncomingPage>(`/api/refurbisher/trade-ins?bucket=${enc(bucket)}`),
  detail: (id: string) => request<TIncomingDetail>(base(id)),
  /** The photo's bytes as they are: the server recognises the type by content and re-encodes it. */
  uploadPhoto: (id: string, file: Blob) => request<TPhoto>(`${base(id)}/photos`, { method: 'POST', raw: { text: file, contentType: 'application/octet-stream' } }),
  inspect: (id: string, body: TInspectionRequest) => request<TIncomingDetail>(`${base(id)}/inspection`, { method: 'POST', body }),
  recordErasure: (id: string, body: TRecordErasure) => request<TErasureCertificate>(`${base(id)}/erasure`, { method: 'POST', body }),
  returnLabelUrl: (id: string) => `${base(id)}/return-label.pdf`,
};

export const inspectionKeys = {
  incoming: (bucket: IncomingBucket) => ['account', 'incoming', bucket] as const,
  all: ['account', 'incoming'] as const,
  detail: (id: string) => ['account', 'incoming-detail', id] as const,
};
