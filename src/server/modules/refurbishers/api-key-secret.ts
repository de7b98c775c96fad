import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API key secrets. Our own, small: better-auth's API-key plugin could not be installed beside
 * our better-auth version (its peer dependencies pin older releases of better-auth's own
 * packages), so the rules it would have given us are kept here: a recognisable prefix (secret
 * scanners and people can tell what leaked), 256 random bits, only a SHA-256 hash stored (a
 * random 256-bit secret needs no slow hash), shown once.
 */
export const API_KEY_PREFIX = 'tlk_';
const SECRET_PATTERN = /^tlk_[A-Za-z0-9_-]{43}$/;

export function newApiKeySecret(): string {
  return `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** What a list shows of a key: enough to recognise it, nothing to use it. */
export function displayPrefix(secret: string): string {
  return `${secret.slice(0, API_KEY_PREFIX.length + 6)}…`;
}

export function looksLikeApiKey(value: string): boolean {
  return SECRET_PATTERN.test(value);
}

/** Constant-time equality of two hex hashes (the lookup is by hash; this re-checks the row found). */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
