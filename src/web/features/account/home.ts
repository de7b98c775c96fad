import type { SessionInfo } from '../../api.ts';

/** Where each role starts: its own home after signing in, and the first link in the header. */
export function homeOf(user: SessionInfo['user'] | undefined): { path: string; label: string } {
  switch (user?.role) {
    case 'refurbisher':
      return { path: '/portal', label: 'Portal' };
    case 'operator':
      return { path: '/operator', label: 'Operator' };
    default:
      return { path: '/trade-ins', label: 'My trade-ins' };
  }
}

/** Only paths inside the app: `?next=https://evil.example` must not turn a page into a redirector. */
export function safeNext(raw: string | null): string | null {
  return raw && raw.startsWith('/') && !raw.startsWith('//') && !raw.startsWith('/\\') ? raw : null;
}
