import { QueryCache, QueryClient, useQuery } from '@tanstack/react-query';
import { api, ApiError } from './api.ts';

export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => {
      // The session ended (expired, signed out in another tab): ask who is signed in again, so
      // the screen offers to sign in instead of showing an error.
      if (error instanceof ApiError && error.status === 401 && query.queryKey[0] === 'account' && query.queryKey[1] !== 'session') {
        void queryClient.invalidateQueries({ queryKey: keys.session });
      }
    },
  }),
  defaultOptions: {
    queries: {
      // The catalogue changes rarely and a quote never changes once made.
      staleTime: 5 * 60_000,
      refetchOnWindowFocus: false,
      // A 4xx will not get better by asking again; a network blip or a 5xx might.
      retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
});

export const keys = {
  health: ['health'] as const,
  categories: ['categories'] as const,
  models: (category: string | undefined, q: string | undefined) => ['models', category ?? '', q ?? ''] as const,
  model: (id: string) => ['model', id] as const,
  offer: (id: string) => ['offer', id] as const,
  assessment: (id: string) => ['assessment', id] as const,
  // Everything below belongs to the signed-in user and is dropped when they sign out.
  session: ['account', 'session'] as const,
  me: ['account', 'me'] as const,
  tradeIns: ['account', 'trade-ins'] as const,
  tradeIn: (id: string) => ['account', 'trade-ins', id] as const,
  // The demo mailbox shows the signed-in user's own e-mail, so it goes with them too.
  mailbox: ['account', 'dev', 'mailbox'] as const,
  mail: (id: string) => ['account', 'dev', 'mailbox', id] as const,
};

export const useCategories = () => useQuery({ queryKey: keys.categories, queryFn: api.categories });

export const useModels = (filter: { category?: string; q?: string }, enabled = true) =>
  useQuery({
    queryKey: keys.models(filter.category, filter.q),
    queryFn: () => api.models(filter),
    enabled,
    // Keep the previous results on screen while the next search is in flight.
    placeholderData: (previous) => previous,
  });

export const useModel = (id: string) => useQuery({ queryKey: keys.model(id), queryFn: () => api.model(id) });

/** The quote behind an offer page: by offer id, or by assessment id when there was no offer. */
export const useQuote = (by: { offerId?: string | undefined; assessmentId?: string | undefined }) =>
  useQuery({
    queryKey: by.offerId ? keys.offer(by.offerId) : keys.assessment(by.assessmentId ?? ''),
    queryFn: () => (by.offerId ? api.offer(by.offerId) : api.assessment(by.assessmentId ?? '')),
  });

/** Demo or production: decides whether the demo tools are shown. Asked once per page load. */
export const useHealth = () => useQuery({ queryKey: keys.health, queryFn: api.health, staleTime: Infinity, retry: 1 });
export const useIsDemo = () => useHealth().data?.mode === 'demo';

/** Who is signed in (null: nobody). Re-checked when the tab comes back, as a session may have ended. */
export const useSession = () =>
  useQuery({ queryKey: keys.session, queryFn: api.session, staleTime: 60_000, refetchOnWindowFocus: true });

export const useMe = (enabled = true) => useQuery({ queryKey: keys.me, queryFn: api.me, enabled, staleTime: 30_000 });

export const useTradeIns = (enabled = true) =>
  useQuery({ queryKey: keys.tradeIns, queryFn: api.tradeIns, enabled, staleTime: 10_000, refetchOnWindowFocus: true });

/**
 * A trade-in moves on its own (carrier scans, deadlines): refreshed every 5 s while its page is
 * open, and every second while its label is being prepared (it takes a moment after accepting).
 */
export const useTradeIn = (id: string, enabled = true) =>
  useQuery({
    queryKey: keys.tradeIn(id),
    queryFn: () => api.tradeIn(id),
    enabled,
    staleTime: 0,
    // Not after a failure (gone, or not theirs): asking again every 5 s will not change that.
    refetchInterval: (query) => (query.state.status === 'error' ? false : query.state.data?.labelStatus === 'preparing' ? 1_000 : 5_000),
    refetchOnWindowFocus: true,
  });

/** Choices kept for the browser session that belong to the signed-in user. */
export const SESSION_KEYS = { payoutLater: 'tradeloop.payout-later' } as const;

/** After signing in, up or out: forget everything that belonged to the previous user. */
export async function resetAccountData(): Promise<void> {
  for (const key of Object.values(SESSION_KEYS)) sessionStorage.removeItem(key);
  // Reset (not just invalidate): the previous user's data must not flash on screen while the
  // next answer loads. Queries on screen load again at once.
  await queryClient.resetQueries({ queryKey: ['account'] });
}
