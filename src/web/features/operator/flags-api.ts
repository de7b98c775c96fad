import type { OperatorFlagKind, TClearOperatorFlag, TOperatorFlag, TOperatorFlagPage } from '../../../shared/api/operator-flags.ts';
import { request } from '../../api.ts';

export interface FlagFilter {
  status?: 'open' | 'cleared' | undefined;
  kind?: OperatorFlagKind | undefined;
}

/** The operator's one list of flags (open first) and clearing one with a note. */
export const flagsApi = {
  list: (filter: FlagFilter, after?: string) => {
    const q = new URLSearchParams({ limit: '50' });
    if (filter.status) q.set('status', filter.status);
    if (filter.kind) q.set('kind', filter.kind);
    if (after) q.set('after', after);
    return request<TOperatorFlagPage>(`/api/admin/flags?${q.toString()}`);
  },
  /** The whole filtered list as CSV. */
  csvUrl: (filter: FlagFilter) => {
    const q = new URLSearchParams({ format: 'csv' });
    if (filter.status) q.set('status', filter.status);
    if (filter.kind) q.set('kind', filter.kind);
    return `/api/admin/flags?${q.toString()}`;
  },
  clear: (id: number, body: TClearOperatorFlag) => request<TOperatorFlag>(`/api/admin/flags/${id}/clear`, { method: 'POST', body }),
};
