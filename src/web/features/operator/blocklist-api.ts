import type { TAddToBlocklist, TBlocklistEntry, TBlocklistPage } from '../../../shared/api/blocklist.ts';
import { request } from '../../api.ts';

/** The IMEI blocklist (operators only). */
export const blocklistApi = {
  list: (offset: number, limit = 50) => request<TBlocklistPage>(`/api/admin/blocklist?limit=${limit}&offset=${offset}`),
  add: (body: TAddToBlocklist) => request<TBlocklistEntry>('/api/admin/blocklist', { method: 'POST', body }),
  remove: (imei: string) => request<null>(`/api/admin/blocklist/${encodeURIComponent(imei)}`, { method: 'DELETE' }),
};
