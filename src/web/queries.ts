import { QueryClient, useQuery } from '@tanstack/react-query';
import { api, ApiError } from './api.ts';

export const queryClient = new QueryClient({
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
  categories: ['categories'] as const,
  models: (category: string | undefined, q: string | undefined) => ['models', category ?? '', q ?? ''] as const,
  model: (id: string) => ['model', id] as const,
  offer: (id: string) => ['offer', id] as const,
  assessment: (id: string) => ['assessment', id] as const,
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
