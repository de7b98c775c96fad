import { argon2, randomBytes, timingSafeEqual, type Argon2Parameters } from 'node:crypto';
import commonPasswords from 'fxa-common-password-list';

/**
 * Password rules and hashing. better-auth calls `hashPassword`/`verifyPassword` (its
 * `emailAndPassword.password` option) and our payout re-check calls `verifyPassword`, so there
 * is exactly one hash format: argon2id in the PHC string form, parameters stored beside the
 * salt so they can be raised later without breaking existing hashes.
 */

// One definition with the web's sign-up check.
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../../shared/api/auth.ts';

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH };

// OWASP's argon2id minimum: 19 MiB, 2 passes, 1 lane. ~45 ms on this 2-core machine.
const MEMORY_KIB = 19 * 1024;
const PASSES = 2;
const PARALLELISM = 1;
const SALT_BYTES = 16;
const TAG_BYTES = 32;

// Bounds for parameters read back from a stored hash, so a corrupted row cannot ask for 4 GiB.
const MAX_MEMORY_KIB = 1024 * 1024;
const MAX_PASSES = 10;
const MAX_PARALLELISM = 16;

const SITE_WORDS = ['tradeloop'];

/** A reason the password is refused (for the `password` field), or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Password must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Password must be at most ${PASSWORD_MAX_LENGTH} characters`;
  const lower = password.toLowerCase();
  // The list is lower-cased: "Password1" is as guessable as "password1".
  if (commonPasswords.test(lower) || /^(.)\1*$/u.test(password)) {
    return 'This password is one of the most common passwords; choose one that is harder to guess';
  }
  // Guessers try the site's name and the e-mail's name first, dressed up with digits and symbols.
  const letters = lower.replace(/[^\p{L}]/gu, '');
  if (SITE_WORDS.includes(letters)) return 'Password must not be the name of this site';
  if (email) {
    const e = email.trim().toLowerCase();
    const local = e.split('@')[0] ?? '';
    const localLetters = local.replace(/[^\p{L}]/gu, '');
    if (lower === e || (local.length >= PASSWORD_MIN_LENGTH && lower === local) || (localLetters.length >= 4 && letters === localLetters)) {
      return 'Password must not be your e-mail address';
    }
  }
  return null;
}

function derive(password: string, salt: Buffer, memory: number, passes: number, parallelism: number, tagLength: number): Promise<Buffer> {
  const params: Argon2Parameters = { message: password, nonce: salt, memory, passes, parallelism, tagLength };
  return new Promise((resolve, reject) => argon2('argon2id', params, (err, key) => (err ? reject(err) : resolve(key))));
}

const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');

/** `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>` (PHC string format, unpadded base64). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const tag = await derive(password, salt, MEMORY_KIB, PASSES, PARALLELISM, TAG_BYTES);
  return `$argon2id$v=19$m=${MEMORY_KIB},t=${PASSES},p=${PARALLELISM}$${b64(salt)}$${b64(tag)}`;
}

const PHC = /^\$argon2id\$v=19\$m=(\d{1,8}),t=(\d{1,3}),p=(\d{1,3})\$([A-Za-z0-9+/]{22,})\$([A-Za-z0-9+/]{22,})$/;

export async function verifyPassword({ hash, password }: { hash: string; password: string }): Promise<boolean> {
  const m = PHC.exec(hash);
  if (!m) return false;
  const [memory, passes, parallelism] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (memory > MAX_MEMORY_KIB || passes < 1 || passes > MAX_PASSES || parallelism < 1 || parallelism > MAX_PARALLELISM) return false;
  const salt = Buffer.from(m[4]!, 'base64');
  const expected = Buffer.from(m[5]!, 'base64');
  if (password.length > PASSWORD_MAX_LENGTH) return false;
  const actual = await derive(password, salt, memory, passes, parallelism, expected.length);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
