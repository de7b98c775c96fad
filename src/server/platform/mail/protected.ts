import { PermanentJobError } from '../jobs/jobs.ts';

export interface MessageText {
  subject: string;
  text: string;
  html: string;
}

/**
 * A blocked message stays blocked however often it is retried, so this fails the sending job
 * for good (PermanentJobError) instead of retrying it forever.
 */
export class ProtectedDataError extends PermanentJobError {
  override name = 'ProtectedDataError';
  readonly part: keyof MessageText;
  constructor(part: keyof MessageText, index: number, idempotencyKey?: string) {
    // Never the value itself: this message ends up in logs and in pg-boss's job output.
    super(`protected value #${index} appears in the e-mail ${part}${idempotencyKey ? ` of ${idempotencyKey}` : ''}; the message was not sent and will not be retried`);
    this.part = part;
  }
}

/**
 * Shorter values are not searched for. A 4-character value (an SSN's or a licence's last four,
 * a short account number) is also a year, an amount or a street number, and refusing every
 * e-mail that shows "2026" to a seller whose SSN ends in 2026 is a bug, not a safeguard. Such
 * values stay out of e-mails by construction instead: the data an e-mail is written from
 * carries no protected field (see the trade-in e-mail context).
 */
export const MIN_GUARDED_LENGTH = 6;

/**
 * Throws if any forbidden value long enough to be unambiguous (a seller's full bank account
 * and routing numbers, full licence number, date of birth in the forms an e-mail could print
 * it) appears in the subject, the text or the HTML. Empty, missing and short values (under
 * MIN_GUARDED_LENGTH characters) are skipped, so callers can pass optional fields as they are.
 *
 * Letters compare case-insensitively and the HTML is also searched for the escaped form. A
 * value of digits only matches as a whole number, not inside a longer run of letters or
 * digits (a tracking number).
 */
export function assertNoProtectedData(
  message: MessageText,
  forbidden: readonly (string | null | undefined)[],
  idempotencyKey?: string,
): void {
  const parts: [keyof MessageText, string][] = [
    ['subject', message.subject],
    ['text', message.text],
    ['html', message.html],
  ];
  forbidden.forEach((raw, index) => {
    const value = raw?.trim();
    if (!value || value.length < MIN_GUARDED_LENGTH) return;
    const needles = new Set([value, escapeHtml(value)]);
    for (const [part, haystack] of parts) {
      for (const needle of needles) {
        if (contains(haystack, needle)) throw new ProtectedDataError(part, index, idempotencyKey);
      }
    }
  });
}

function contains(haystack: string, needle: string): boolean {
  if (/^\d+$/.test(needle)) {
    return new RegExp(`(?<![A-Za-z0-9])${needle}(?![A-Za-z0-9])`).test(haystack);
  }
  return haystack.toLowerCase().includes(needle.toLowerCase());
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}
