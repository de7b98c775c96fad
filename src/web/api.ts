import type { TCategory, TModelDetail, TModelSummary } from '../shared/api/catalog.ts';
import type { TErrorBody } from '../shared/api/common.ts';
import type { TQuote } from '../shared/api/quotes.ts';

/** An API failure with the server's error code and, for a 400, the message for each bad field. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string>;

  constructor(status: number, code: string, message: string, fields: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

function isErrorBody(value: unknown): value is TErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: { accept: 'application/json', ...init?.headers } });
  } catch {
    // fetch only rejects when no response arrived at all.
    throw new ApiError(0, 'network', 'We could not reach Tradeloop. Check your connection and try again.');
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    if (isErrorBody(body)) throw new ApiError(res.status, body.error.code, body.error.message, body.error.fields);
    throw new ApiError(res.status, 'http_error', `Something went wrong on our side (HTTP ${res.status}). Please try again.`);
  }
  return body as T;
}

export const api = {
  categories: () => request<TCategory[]>('/api/catalog/categories'),
  models: (filter: { category?: string; q?: string }) => {
    const params = new URLSearchParams();
    if (filter.category) params.set('category', filter.category);
    if (filter.q) params.set('q', filter.q);
    return request<TModelSummary[]>(`/api/catalog/models?${params.toString()}`);
  },
  model: (id: string) => request<TModelDetail>(`/api/catalog/models/${encodeURIComponent(id)}`),
  createAssessment: (input: { variantId: string; answers: Record<string, string> }) =>
    request<TQuote>('/api/assessments', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    }),
  offer: (id: string) => request<TQuote>(`/api/offers/${encodeURIComponent(id)}`),
  assessment: (id: string) => request<TQuote>(`/api/assessments/${encodeURIComponent(id)}`),
};

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}
