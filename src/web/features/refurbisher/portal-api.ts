import type {
  TApiKey,
  TCreateApiKey,
  TCreatedApiKey,
  TCreateRefurbisher,
  TInvitation,
  TInvitationView,
  TInvite,
  TMember,
  TMembersPage,
  TOrganisation,
  TReceivingAddress,
  TRefurbisherSummary,
  MemberRole,
} from '../../../shared/api/refurbishers.ts';
import type {
  TBulkChange,
  TEntryChange,
  TEntryPriceHistory,
  TPriceHistory,
  TWishlistEntry,
  TWishlistPage,
  TWishlistPatch,
  TWishlistQuery,
  TWishlistUpsertItem,
  TWishlistUpsertResult,
} from '../../../shared/api/wishlist.ts';
import type { Grade } from '../../../shared/grade.ts';
import { request } from '../../api.ts';

const enc = encodeURIComponent;

function query(q: Record<string, string | number | boolean | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.set(k, String(v));
  return p.toString();
}

/** The refurbisher portal's and the operator page's calls; every type comes from the shared contracts. */
export const portalApi = {
  organisation: () => request<TOrganisation>('/api/refurbisher/organisation'),
  setReceivingAddress: (body: TReceivingAddress) => request<TOrganisation>('/api/refurbisher/organisation/receiving-address', { method: 'PUT', body }),
  members: () => request<TMembersPage>('/api/refurbisher/members'),
  invite: (body: TInvite) => request<TInvitation>('/api/refurbisher/invitations', { method: 'POST', body }),
  cancelInvitation: (id: string) => request<null>(`/api/refurbisher/invitations/${enc(id)}`, { method: 'DELETE' }),
  changeRole: (memberId: string, role: MemberRole) => request<TMember>(`/api/refurbisher/members/${enc(memberId)}/role`, { method: 'PUT', body: { role } }),
  removeMember: (memberId: string) => request<null>(`/api/refurbisher/members/${enc(memberId)}`, { method: 'DELETE' }),
  apiKeys: () => request<TApiKey[]>('/api/refurbisher/api-keys'),
  createApiKey: (body: TCreateApiKey) => request<TCreatedApiKey>('/api/refurbisher/api-keys', { method: 'POST', body }),
  revokeApiKey: (id: string) => request<TApiKey>(`/api/refurbisher/api-keys/${enc(id)}`, { method: 'DELETE' }),

  wishlist: (q: TWishlistQuery) => request<TWishlistPage>(`/api/refurbisher/wishlist?${query(q)}`),
  upsert: (entries: TWishlistUpsertItem[]) => request<TWishlistUpsertResult>('/api/refurbisher/wishlist', { method: 'PUT', body: { entries } }),
  patchEntry: (id: string, patch: TWishlistPatch) => request<TWishlistEntry>(`/api/refurbisher/wishlist/${enc(id)}`, { method: 'PATCH', body: patch }),
  bulkChange: (body: TBulkChange) => request<{ updated: number }>('/api/refurbisher/wishlist/bulk-change', { method: 'POST', body }),
  entryChanges: (id: string) => request<{ entryId: string; changes: TEntryChange[] }>(`/api/refurbisher/wishlist/${enc(id)}/changes`),
  entryPriceHistory: (id: string) => request<TEntryPriceHistory>(`/api/refurbisher/wishlist/${enc(id)}/price-history`),
  importCsv: (text: string) =>
    request<TWishlistUpsertResult & { rows: number }>('/api/refurbisher/wishlist.csv', { method: 'POST', raw: { text, contentType: 'text/csv' } }),

  invitation: (id: string) => request<TInvitationView>(`/api/invitations/${enc(id)}`),
  acceptInvitation: (id: string) => request<{ refurbisherId: string }>(`/api/invitations/${enc(id)}/accept`, { method: 'POST', body: {} }),

  refurbishers: () => request<TRefurbisherSummary[]>('/api/admin/refurbishers'),
  createRefurbisher: (body: TCreateRefurbisher) =>
    request<{ refurbisher: TRefurbisherSummary; invitation: TInvitation }>('/api/admin/refurbishers', { method: 'POST', body }),

  priceHistory: (variantId: string, grade: Grade) => request<TPriceHistory>(`/api/catalog/variants/${enc(variantId)}/price-history?${query({ grade })}`),
};
