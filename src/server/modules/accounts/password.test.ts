import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';

describe('passwordProblem', () => {
  it.each([
    ['', /at least 8/],
    ['Ab1$xyz', /at least 8/],
    ['a'.repeat(129), /at most 128/],
    ['password', /common/],
    ['PASSWORD1', /common/],
    ['12345678', /common/],
    ['iloveyou', /common/],
    ['zzzzzzzzzz', /common/],
    ['tradeloop', /name of this site/],
    ['TradeLoop2026!', /name of this site/],
    ['trade-loop-1', /name of this site/],
  ])('refuses %j', (pw, message) => {
    expect(passwordProblem(pw)).toMatch(message);
  });

  it('refuses the e-mail address itself', () => {
    expect(passwordProblem('Jane.Doe@Example.com', 'jane.doe@example.com')).toMatch(/e-mail/);
    expect(passwordProblem('jane.doe', 'jane.doe@example.com')).toMatch(/e-mail/);
    expect(passwordProblem('JaneDoe1990!', 'jane.doe@example.com')).toMatch(/e-mail/);
    // A short local part is too common a word to refuse as a password's letters.
    expect(passwordProblem('bob-harbour-77', 'bob@example.com')).toBeNull();
  });

  it.each(['tradeloop-demo', 'violet-harbour-tangent-42', 'Tq7#vLm2', 'x'.repeat(127) + 'y'])('accepts %j', (pw) => {
    expect(passwordProblem(pw, 'someone@example.com')).toBeNull();
  });
});

describe('argon2id hashing', () => {
  it('salts every hash, verifies the right password only, and encodes its parameters', async () => {
    const a = await hashPassword('violet-harbour-tangent-42');
    const b = await hashPassword('violet-harbour-tangent-42');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword({ hash: a, password: 'violet-harbour-tangent-42' })).toBe(true);
    expect(await verifyPassword({ hash: a, password: 'violet-harbour-tangent-43' })).toBe(false);
  });

  it('verifies a hash made with other parameters (they are read from the string)', async () => {
    const { argon2Sync } = await import('node:crypto');
    const salt = Buffer.from('0123456789abcdef');
    const tag = argon2Sync('argon2id', { message: 'pw-with-old-params', nonce: salt, memory: 8192, passes: 3, parallelism: 1, tagLength: 32 });
    const b64 = (x: Buffer) => x.toString('base64').replace(/=+$/, '');
    const hash = `$argon2id$v=19$m=8192,t=3,p=1$${b64(salt)}$${b64(tag)}`;
    expect(await verifyPassword({ hash, password: 'pw-with-old-params' })).toBe(true);
  });

  it('refuses malformed or absurd hashes instead of throwing or burning memory', async () => {
    for (const hash of ['', 'abc:def', '$argon2i$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '$argon2id$v=19$m=99999999,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
      expect(await verifyPassword({ hash, password: 'x' })).toBe(false);
    }
  });
});
