import { randomBytes } from 'node:crypto';

/**
 * Prefixed, time-sortable ids (ULID body, lower-case Crockford base32): `ofr_01jd…`.
 * The prefix tells a reader (and a log line) what the id names; sorting by id sorts by creation.
 */
export const ID_PREFIXES = {
  assessment: 'asm',
  offer: 'ofr',
  refurbisher: 'ref',
  wishlistEntry: 'wle',
  tradeIn: 'tin',
  event: 'evt',
  payout: 'pay',
  label: 'lbl',
  user: 'usr',
  inspection: 'ins',
  photo: 'pho',
  counteroffer: 'cof',
  lockHold: 'lck',
  certificate: 'crt',
  message: 'msg',
  journalEntry: 'jrn',
  payoutBatch: 'bat',
  achReturn: 'ret',
} as const;
export type IdKind = keyof typeof ID_PREFIXES;

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export function newId(kind: IdKind, nowMs: number = Date.now()): string {
  let time = '';
  let t = nowMs;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let rand = '';
  for (let i = 0; i < 16; i++) rand += ALPHABET[bytes[i]! % 32];
  return `${ID_PREFIXES[kind]}_${time}${rand}`;
}
