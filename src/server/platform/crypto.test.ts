import { describe, it, expect } from 'vitest';
import { createDecipheriv, randomBytes } from 'node:crypto';
import {
  DecryptError,
  createKeyring,
  decryptField,
  deriveSubkey,
  encryptField,
  generateMasterKey,
  lookupHash,
  mask,
  parseMasterKey,
  rewrapField,
  sealedKeyId,
} from './crypto.ts';
import type { FieldAad, Keyring } from './crypto.ts';

const mk1 = { id: 'mk1', key: parseMasterKey(generateMasterKey()) };
const mk2 = { id: 'mk2', key: parseMasterKey(generateMasterKey()) };
const ring1: Keyring = createKeyring(mk1);
const aad: FieldAad = { table: 'payout_methods', rowId: 'pm_01J9Z', column: 'account_number' };
const secret = '000123456789';

function expectDecryptError(fn: () => unknown, code?: DecryptError['code']): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(DecryptError);
  if (code) expect((caught as DecryptError).code).toBe(code);
}

/** Flips one bit of byte `i` inside base64url part `part` (2 = wrapped key, 3 = payload). */
function tamper(sealed: string, part: 2 | 3, i: number): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[part]!, 'base64url');
  bytes[i] = bytes[i]! ^ 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('master keys', () => {
  it('parses a generated key to 32 bytes', () => {
    expect(parseMasterKey(generateMasterKey())).toHaveLength(32);
  });

  it('refuses keys that are not 32 bytes or not base64', () => {
    expect(() => parseMasterKey(randomBytes(16).toString('base64'))).toThrow(/32 bytes, got 16/);
    expect(() => parseMasterKey('')).toThrow(/32 bytes/);
    expect(() => parseMasterKey('not base64!')).toThrow(/base64/);
  });

  it('refuses a keyring with duplicate or dotted ids', () => {
    expect(() => createKeyring(mk1, [{ ...mk2, id: 'mk1' }])).toThrow(/distinct/);
    expect(() => createKeyring({ ...mk1, id: 'mk.1' })).toThrow(/id/);
  });
});

describe('encryptField / decryptField', () => {
  it('round-trips, including non-ASCII and empty values', () => {
    for (const value of [secret, '1990-12-10', 'Ñandú D123', '']) {
      expect(decryptField(ring1, encryptField(ring1, value, aad), aad)).toBe(value);
    }
  });

  it('produces the documented self-describing format', () => {
    const sealed = encryptField(ring1, secret, aad);
    expect(sealed).toMatch(/^v1\.mk1\.[A-Za-z0-9_-]{80}\.[A-Za-z0-9_-]+$/);
    expect(sealedKeyId(sealed)).toBe('mk1');
  });

  it('binds both layers to the AAD, as the format comment documents', () => {
    const [, , wrappedPart, payloadPart] = encryptField(ring1, secret, aad).split('.') as [string, string, string, string];
    const openGcm = (key: Buffer, bytes: Buffer, ad: string | null) => {
      const d = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      if (ad !== null) d.setAAD(Buffer.from(ad));
      d.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([d.update(bytes.subarray(28)), d.final()]);
    };
    const ad = 'payout_methods:pm_01J9Z:account_number';
    const wrapped = Buffer.from(wrappedPart, 'base64url');
    const payload = Buffer.from(payloadPart, 'base64url');
    const dataKey = openGcm(mk1.key, wrapped, ad);
    expect(dataKey).toHaveLength(32);
    expect(openGcm(dataKey, payload, ad).toString()).toBe(secret);
    expect(() => openGcm(mk1.key, wrapped, null)).toThrow();
    expect(() => openGcm(dataKey, payload, null)).toThrow();
  });

  it('never repeats a ciphertext and never contains the plaintext', () => {
    const a = encryptField(ring1, secret, aad);
    const b = encryptField(ring1, secret, aad);
    expect(a).not.toBe(b);
    expect(a).not.toContain(secret);
    expect(a).not.toContain(Buffer.from(secret).toString('base64url'));
  });

  it('detects a change to any byte of the wrapped key or the payload', () => {
    const sealed = encryptField(ring1, secret, aad);
    for (const part of [2, 3] as const) {
      const length = Buffer.from(sealed.split('.')[part]!, 'base64url').length;
      for (let i = 0; i < length; i++) expectDecryptError(() => decryptField(ring1, tamper(sealed, part, i), aad), 'auth_failed');
    }
  });

  it('detects a changed character, even one that would decode to the same bytes', () => {
    const sealed = encryptField(ring1, 'abcd', aad); // 32-byte payload: the last base64url char has spare bits
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sibling = alphabet[alphabet.indexOf(sealed.at(-1)!) ^ 0x01]!;
    const changed = sealed.slice(0, -1) + sibling;
    // Lenient decoders map both strings to the same bytes; only a strict one notices.
    expect(Buffer.from(changed.split('.')[3]!, 'base64url')).toEqual(Buffer.from(sealed.split('.')[3]!, 'base64url'));
    expectDecryptError(() => decryptField(ring1, changed, aad), 'malformed');
  });

  it('refuses a ciphertext moved to another row or column', () => {
    const sealed = encryptField(ring1, secret, aad);
    expectDecryptError(() => decryptField(ring1, sealed, { ...aad, rowId: 'pm_OTHER' }), 'auth_failed');
    expectDecryptError(() => decryptField(ring1, sealed, { ...aad, column: 'routing_number' }), 'auth_failed');
    expectDecryptError(() => decryptField(ring1, sealed, { ...aad, table: 'identities' }), 'auth_failed');
  });

  it('refuses AAD parts that could be confused with one another', () => {
    expect(() => encryptField(ring1, secret, { ...aad, rowId: 'a:b' })).toThrow(/without ':'/);
    expect(() => encryptField(ring1, secret, { ...aad, column: '' })).toThrow(/non-empty/);
  });

  it('refuses an unknown key id and malformed values', () => {
    const sealed = encryptField(ring1, secret, aad);
    expectDecryptError(() => decryptField(createKeyring(mk2), sealed, aad), 'unknown_key');
    expectDecryptError(() => decryptField(ring1, sealed.replace('.mk1.', '.mk9.'), aad), 'unknown_key');
    expectDecryptError(() => decryptField(ring1, sealed.replace(/^v1/, 'v2'), aad), 'malformed');
    expectDecryptError(() => decryptField(ring1, 'v1.mk1..', aad), 'malformed');
    expectDecryptError(() => decryptField(ring1, secret, aad), 'malformed');
  });

  it('refuses a value sealed under one master key but relabelled as another', () => {
    const both = createKeyring(mk1, [mk2]);
    const sealed = encryptField(both, secret, aad);
    expectDecryptError(() => decryptField(both, sealed.replace('.mk1.', '.mk2.'), aad), 'auth_failed');
  });
});

describe('key rotation', () => {
  it('decrypts old records after rotation, and with the new key alone after rewrap', () => {
    const sealed = encryptField(ring1, secret, aad);
    const rotated = createKeyring(mk2, [mk1]);
    expect(decryptField(rotated, sealed, aad)).toBe(secret);

    const rewrapped = rewrapField(rotated, sealed, aad);
    expect(sealedKeyId(rewrapped)).toBe('mk2');
    expect(rewrapped.split('.')[3]).toBe(sealed.split('.')[3]);
    expect(decryptField(createKeyring(mk2), rewrapped, aad)).toBe(secret);
    expectDecryptError(() => decryptField(ring1, rewrapped, aad), 'unknown_key');
  });

  it('returns a record already under the current key unchanged', () => {
    const sealed = encryptField(createKeyring(mk2, [mk1]), secret, aad);
    expect(rewrapField(createKeyring(mk2, [mk1]), sealed, aad)).toBe(sealed);
  });

  it('refuses to rewrap a tampered record or one for another row', () => {
    const sealed = encryptField(ring1, secret, aad);
    const rotated = createKeyring(mk2, [mk1]);
    expectDecryptError(() => rewrapField(rotated, tamper(sealed, 3, 20), aad), 'auth_failed');
    expectDecryptError(() => rewrapField(rotated, sealed, { ...aad, rowId: 'pm_OTHER' }), 'auth_failed');
  });
});

describe('lookupHash', () => {
  const hashKey = deriveSubkey(mk1.key, 'lookup-hash');

  it('is deterministic hex', () => {
    expect(lookupHash(hashKey, secret, 'account_number')).toBe(lookupHash(hashKey, secret, 'account_number'));
    expect(lookupHash(hashKey, secret, 'account_number')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs by value, key and purpose', () => {
    const h = lookupHash(hashKey, secret, 'account_number');
    expect(lookupHash(hashKey, '000123456780', 'account_number')).not.toBe(h);
    expect(lookupHash(deriveSubkey(mk2.key, 'lookup-hash'), secret, 'account_number')).not.toBe(h);
    expect(lookupHash(hashKey, secret, 'routing_number')).not.toBe(h);
  });

  it('matches known answers computed independently (openssl kdf HKDF / openssl dgst -mac HMAC)', () => {
    // Master key 0x01 × 32; HKDF-SHA256 with an empty salt and info "tradeloop:lookup-hash";
    // then HMAC-SHA256 over "bank_account\0<routing>:<account>", the form the accounts module hashes.
    const subkey = deriveSubkey(Buffer.alloc(32, 1), 'lookup-hash');
    expect(subkey.toString('hex')).toBe('9baa0b21f98327a498ef89ea32ea80c6514bf39c49e590c5386985d777fb493d');
    expect(lookupHash(subkey, '021000021:000123456789', 'bank_account')).toBe('1156bb7493c4afa0b45e1f2bdc8ff1aeb9612c785bfb94fbb86854fe520a385b');
  });

  it('derives subkeys that differ from the master key and from each other', () => {
    expect(hashKey).toHaveLength(32);
    expect(hashKey.equals(mk1.key)).toBe(false);
    expect(hashKey.equals(deriveSubkey(mk1.key, 'other'))).toBe(false);
    expect(hashKey.equals(deriveSubkey(mk1.key, 'lookup-hash'))).toBe(true);
  });
});

describe('mask', () => {
  it('shows only the last 4', () => {
    expect(mask('000123456789')).toBe('•••• 6789');
    expect(mask('000123456789', 10)).toBe('•••• 6789');
    expect(mask('000123456789', 2)).toBe('•••• 89');
  });

  it('does not reveal the length of the value', () => {
    expect(mask('123456789012345').length).toBe(mask('12345').length);
  });

  it('shows a value of 4 or fewer whole (SSN-4 is itself the last 4) and nothing when asked for 0', () => {
    expect(mask('6789')).toBe('•••• 6789');
    expect(mask('6789', 0)).toBe('••••');
    expect(mask('')).toBe('••••');
  });
});
