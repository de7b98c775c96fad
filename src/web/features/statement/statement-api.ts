import type { TStatement } from '../../../shared/api/statements.ts';
import { request } from '../../api.ts';

export interface Period {
  from: string;
  to: string;
}

const query = (p: Period) => `from=${encodeURIComponent(p.from)}&to=${encodeURIComponent(p.to)}`;

export const statementApi = {
  get: (p: Period) => request<TStatement>(`/api/refurbisher/statement?${query(p)}`),
  csvUrl: (p: Period) => `/api/refurbisher/statement?${query(p)}&format=csv`,
  pdfUrl: (p: Period) => `/api/refurbisher/statement.pdf?${query(p)}`,
};

const ymInNewYork = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit' });

/** The `count` calendar months up to the current one in New York (the statement's time zone), newest first. */
export function recentMonths(now: Date, count: number): (Period & { label: string })[] {
  const [y, m] = ymInNewYork.format(now).split('-').map(Number) as [number, number];
  const label = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return Array.from({ length: count }, (_, i) => {
    const first = new Date(Date.UTC(y, m - 1 - i, 1));
    const last = new Date(Date.UTC(y, m - i, 0));
    return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10), label: label.format(first) };
  });
}
