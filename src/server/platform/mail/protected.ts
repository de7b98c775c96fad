export interface MessageText {
  subject: string;
  text: string;
  html: string;
}

export class ProtectedDataError extends Error {
  override name = 'ProtectedDataError';
  readonly part: keyof MessageText;
  constructor(part: keyof MessageText, index: number) {
    // Never the value itself: this message ends up in logs and in pg-boss's job output.
    super(`protected value #${index} appears in the e-mail ${part}; the message was not sent`);
    this.part = part;
  }
}

/**
 * Throws if any forbidden value (a seller's bank account or routing number, licence, SSN-4,
 * date of birth, in the forms the caller holds them) appears in the subject, the text or the
 * HTML. Empty and missing values are skipped, so callers can pass optional fields as they are.
 *
 * Letters compare case-insensitively and the HTML is also searched for the escaped form. A
 * value of digits only matches as a whole number, not inside a longer run of letters or
 * digits (a tracking number), but a short one can still collide with a year or an amount:
 * then the guard errs on the side of not sending.
 */
export function assertNoProtectedData(message: MessageText, forbidden: readonly (string | null | undefined)[]): void {
  const parts: [keyof MessageText, string][] = [
    ['subject', message.subject],
    ['text', message.text],
    ['html', message.html],
  ];
  forbidden.forEach((raw, index) => {
    const value = raw?.trim();
    if (!value) return;
    const needles = new Set([value, escapeHtml(value)]);
    for (const [part, haystack] of parts) {
      for (const needle of needles) {
        if (contains(haystack, needle)) throw new ProtectedDataError(part, index);
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
