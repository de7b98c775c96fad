import type { TScorecard } from '../../../shared/api/inspection.ts';
import { request } from '../../api.ts';

export const scorecardApi = {
  /** Any refurbisher's public scorecard (the seller's offer page). */
  of: (refurbisherId: string) => request<TScorecard>(`/api/refurbishers/${encodeURIComponent(refurbisherId)}/scorecard`),
  /** The caller's own refurbisher (the portal). */
  own: () => request<TScorecard>('/api/refurbisher/scorecard'),
};
