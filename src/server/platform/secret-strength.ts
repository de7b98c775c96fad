import { deflateRawSync } from 'node:zlib';

/**
 * A rough, conservative estimate of how guessable a secret is, for refusing obviously weak
 * ones at start-up (36 × "a", "abcabcabc…", a short phrase). It cannot prove a secret is
 * random; it catches the ones that are plainly not.
 *
 * The estimate is the smaller of two measures: the string's empirical Shannon entropy times its
 * length (few distinct symbols → low), and the size of its deflate compression (repetition →
 * low). 32 random bytes in base64 score about 200 bits; 36 × "a" scores 0.
 */
export function estimatedEntropyBits(secret: string): number {
  if (!secret) return 0;
  const symbols = [...secret];
  const counts = new Map<string, number>();
  for (const s of symbols) counts.set(s, (counts.get(s) ?? 0) + 1);
  let perSymbol = 0;
  for (const n of counts.values()) {
    const p = n / symbols.length;
    perSymbol -= p * Math.log2(p);
  }
  const shannon = perSymbol * symbols.length;
  // Raw deflate of incompressible text costs about a byte per byte; repetition shrinks it.
  const compressed = Math.max(0, deflateRawSync(Buffer.from(secret, 'utf8'), { level: 9 }).length - 2) * 8;
  return Math.min(shannon, compressed);
}

/** Same as estimatedEntropyBits, for key bytes. */
export function estimatedKeyEntropyBits(key: Buffer): number {
  return estimatedEntropyBits(key.toString('latin1'));
}

/** Below this, production refuses a secret. 32 random bytes (base64 or hex) pass comfortably. */
export const MIN_SECRET_BITS = 128;
/** For a 32-byte binary key the empirical entropy of random bytes is about 150 bits (few repeats in 32 draws). */
export const MIN_KEY_BITS = 120;
