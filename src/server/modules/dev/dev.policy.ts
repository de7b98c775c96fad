import type { SessionUser } from '../accounts/index.ts';

/**
 * Who may use the demo tools (demo mode only; production has none of them). Any signed-in
 * account may move the clock and play carrier scans for its own trade-ins: the demo is walked by
 * hand. The mailbox is the one place other people's data could show, so a user reads only the
 * e-mail addressed to them, and an operator (who already sees every seller's trade-ins) reads all.
 */
export const canReadEveryonesMail = (user: SessionUser): boolean => user.role === 'operator';

export function canReadMail(user: SessionUser, to: string): boolean {
  return canReadEveryonesMail(user) || recipientsOf(to).includes(user.email.trim().toLowerCase());
}

/**
 * The addresses of a To header: `a@x`, `Name <a@x>`, `"Last, First" <a@x>, b@y`. Only the part in
 * angle brackets counts when there is one, so a display name can never pass for an address.
 */
export function recipientsOf(to: string): string[] {
  const angled = [...to.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!);
  const bare = to
    .replace(/"(?:[^"\\]|\\.)*"/g, '')
    .replace(/<[^<>]*>/g, '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^[^\s@<>",]+@[^\s@<>",]+$/.test(s));
  return [...angled, ...bare].map((a) => a.toLowerCase());
}
