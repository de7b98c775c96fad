import { stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is written with a
 * leading apostrophe: an exported list must never execute what a seller or a bank file typed.
 * Numbers are written as they are (a negative amount is data, not a formula).
 */
function safeCell(v: unknown): string | number {
  if (v == null) return '';
  if (typeof v === 'number') return v;
  if (v instanceof Date) return v.toISOString();
  const s = String(v);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** RFC 4180 CSV with a header row and Unix line ends. */
export function toCsv(columns: readonly string[], rows: Iterable<readonly unknown[]>): string {
  const out: (string | number)[][] = [];
  for (const r of rows) out.push(r.map(safeCell));
  return stringify(out, { header: true, columns: [...columns], record_delimiter: 'unix' });
}

/** Sends CSV as a download named `filename` (letters, digits, dot, dash and underscore only). */
export function sendCsv(reply: FastifyReply, filename: string, csv: string): FastifyReply {
  const safe = filename.replace(/[^A-Za-z0-9._-]/g, '_');
  return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${safe}"`).send(csv);
}
