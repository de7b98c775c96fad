import type { TAuditPage } from '../../../shared/api/accounts.ts';
import type { TAdminTradeIn } from '../../../shared/api/operator-console.ts';
import type { TAchReturnRecord, TAchReturnUploadResult, TAdminPayout, TCreatePayoutBatchResult, TPayoutBatch } from '../../../shared/api/payouts.ts';
import type { TRefurbisherSummary } from '../../../shared/api/refurbishers.ts';
import { request, toApiError } from '../../api.ts';

/** A page of a console list, as every operator list answers it (shared/api/paging.ts zPage). */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export type Filters = Record<string, string | undefined>;

/** `path?filters&limit&offset`, leaving out empty filters; with `format: 'csv'`, the export link. */
export function listUrl(path: string, filters: Filters, page: { limit?: number; offset?: number; format?: 'csv' } = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
  if (page.format === 'csv') q.set('format', 'csv');
  else {
    if (page.limit !== undefined) q.set('limit', String(page.limit));
    if (page.offset !== undefined) q.set('offset', String(page.offset));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export const PAYOUTS_PATH = '/api/admin/payouts';
export const TRADE_INS_PATH = '/api/admin/trade-ins';
export const AUDIT_PATH = '/api/admin/audit-log';
export const BATCHES_PATH = '/api/admin/payout-batches';
export const RETURNS_PATH = '/api/admin/ach-returns';
export const REFURBISHERS_PATH = '/api/admin/refurbishers';

/** The operator console's calls (docs/payouts/operator-console.md). */
export const consoleApi = {
  payouts: (f: Filters, limit: number, offset: number) => request<Page<TAdminPayout>>(listUrl(PAYOUTS_PATH, f, { limit, offset })),
  tradeIns: (f: Filters, limit: number, offset: number) => request<Page<TAdminTradeIn>>(listUrl(TRADE_INS_PATH, f, { limit, offset })),
  auditLog: async (f: Filters, limit: number, offset: number): Promise<Page<TAuditPage['entries'][number]>> => {
    const p = await request<TAuditPage>(listUrl(AUDIT_PATH, f, { limit, offset }));
    return { items: p.entries, total: p.total, limit: p.limit, offset: p.offset };
  },
  batches: (f: Filters, limit: number, offset: number) => request<Page<TPayoutBatch>>(listUrl(BATCHES_PATH, f, { limit, offset })),
  createBatch: (idempotencyKey: string) => request<TCreatePayoutBatchResult>(BATCHES_PATH, { method: 'POST', body: {}, headers: { 'idempotency-key': idempotencyKey } }),
  returns: (f: Filters, limit: number, offset: number) => request<Page<TAchReturnRecord>>(listUrl(RETURNS_PATH, f, { limit, offset })),
  uploadReturns: (fileName: string, text: string, idempotencyKey: string) =>
    request<TAchReturnUploadResult>(`${RETURNS_PATH}?fileName=${encodeURIComponent(fileName)}`, {
      method: 'POST',
      raw: { text, contentType: 'text/plain' },
      headers: { 'idempotency-key': idempotencyKey },
    }),
  manualReturn: (body: { payoutId: string; code: string; note: string }, idempotencyKey: string) =>
    request<TAchReturnRecord>(`${RETURNS_PATH}/manual`, { method: 'POST', body, headers: { 'idempotency-key': idempotencyKey } }),
  /** The refurbishers answer an array; the total comes in `x-total-count`. */
  refurbishers: async (_f: Filters, limit: number, offset: number): Promise<Page<TRefurbisherSummary & { commissionBps?: number }>> => {
    const res = await fetch(listUrl(REFURBISHERS_PATH, {}, { limit, offset }), { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    const body: unknown = await res.json().catch(() => undefined);
    if (!res.ok) throw toApiError(res.status, body);
    const items = body as (TRefurbisherSummary & { commissionBps?: number })[];
    return { items, total: Number(res.headers.get('x-total-count') ?? items.length), limit, offset };
  },
  setCommission: (refurbisherId: string, commissionBps: number) =>
    request<unknown>(`/api/admin/refurbishers/${encodeURIComponent(refurbisherId)}/commission`, { method: 'PUT', body: { bps: commissionBps } }),
};

/** Where a batch's NACHA file is downloaded. */
export const batchFileUrl = (batchId: string) => `${BATCHES_PATH}/${encodeURIComponent(batchId)}/file`;
