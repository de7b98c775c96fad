/**
 * Envelope encryption for protected fields (bank account, routing number, licence number,
 * SSN-4, date of birth): ARCHITECTURE.md convention 9.
 *
 * Each value gets its own random data key; only that small key is encrypted ("wrapped")
 * with the master key. Rotating the master key therefore rewrites 60 bytes per record and
 * never touches the payload, and a leaked data key exposes one value only.
 *
 * Sealed format (ASCII, safe in a text column, no separators inside the parts):
 *
 *   v1.<masterKeyId>.<b64url(wrapIv[12] ‖ wrapTag[16] ‖ wrappedDataKey[32])>.<b64url(iv[12] ‖ tag[16] ‖ ciphertext)>
 *
 * Both AES-256-GCM operations use the same associated data, `${table}:${rowId}:${column}`,
 * so a sealed value copied to another row or column fails to decrypt rather than
 * silently showing one seller's bank account on another's page.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

export interface MasterKey {
  /** Short id stored in every sealed value, e.g. 'mk1'. */
  id: string;
  key: Buffer;
}

/** `current` seals and re-wraps; `previous` keys only open values sealed before a rotation. */
export interface Keyring {
  current: MasterKey;
  previous: MasterKey[];
}

export interface FieldAad {
  table: string;
  rowId: string;
  column: string;
}

export type DecryptErrorCode = 'malformed' | 'unknown_key' | 'auth_failed';

/** Deliberately says nothing about the plaintext or keys: these messages reach logs. */
export class DecryptError extends Error {
  readonly code: DecryptErrorCode;
  constructor(code: DecryptErrorCode, message: string) {
    super(message);
    this.name = 'DecryptError';
    this.code = code;
  }
}

const VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export function parseMasterKey(b64: string): Buffer {
  const trimmed = b64.trim();
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(trimmed)) {
    throw new Error('TRADELOOP_MASTER_KEY must be base64 (generate one with generateMasterKey())');
  }
  const key = Buffer.from(trimmed, 'base64');
  if (key.length !== KEY_BYTES) {
    throw new Error(`TRADELOOP_MASTER_KEY must decode to ${KEY_BYTES} bytes, got ${key.length}`);
  }
  return key;
}

export function generateMasterKey(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}

function checkMasterKey(k: MasterKey): void {
  if (!KEY_ID.test(k.id)) throw new Error(`Master key id must be 1–32 letters, digits, '_' or '-', got ${JSON.stringify(k.id)}`);
  if (k.key.length !== KEY_BYTES) throw new Error(`Master key ${k.id} must be ${KEY_BYTES} bytes, got ${k.key.length}`);
}

/** Validates ids and key lengths once, at start-up, rather than at the first decrypt. */
export function createKeyring(current: MasterKey, previous: MasterKey[] = []): Keyring {
  const all = [current, ...previous];
  all.forEach(checkMasterKey);
  const ids = new Set(all.map((k) => k.id));
  if (ids.size !== all.length) throw new Error('Master key ids in a keyring must be distinct');
  return { current, previous };
}

function findKey(keyring: Keyring, id: string): Buffer | undefined {
  if (keyring.current.id === id) return keyring.current.key;
  return keyring.previous.find((k) => k.id === id)?.key;
}

/**
 * A ':' inside a component would let two different (table, rowId, column) triples share
 * one AAD string, which would defeat the binding.
 */
function aadBytes(aad: FieldAad): Buffer {
  for (const [name, part] of Object.entries(aad)) {
    if (typeof part !== 'string' || part.length === 0 || part.includes(':')) {
      throw new Error(`AAD ${name} must be a non-empty string without ':'`);
    }
  }
  return Buffer.from(`${aad.table}:${aad.rowId}:${aad.column}`, 'utf8');
}

function seal(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function open(key: Buffer, sealed: Buffer, aad: Buffer): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new DecryptError('malformed', 'Sealed value is too short');
  const iv = sealed.subarray(0, IV_BYTES);
  const tag = sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new DecryptError('auth_failed', 'Sealed value failed authentication (tampered, or belongs to another row or column)');
  }
}

/** Strict: a non-canonical encoding would let a changed character decode to the same bytes. */
function fromB64url(part: string): Buffer {
  const bytes = Buffer.from(part, 'base64url');
  if (bytes.toString('base64url') !== part) throw new DecryptError('malformed', 'Sealed value is not canonical base64url');
  return bytes;
}

interface Parsed {
  keyId: string;
  wrapped: Buffer;
  payloadPart: string;
}

function parseSealed(sealed: string): Parsed {
  const parts = sealed.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) throw new DecryptError('malformed', 'Sealed value is not in v1 format');
  const [, keyId, wrappedPart, payloadPart] = parts as [string, string, string, string];
  if (!KEY_ID.test(keyId)) throw new DecryptError('malformed', 'Sealed value has an invalid key id');
  const wrapped = fromB64url(wrappedPart);
  if (wrapped.length !== IV_BYTES + TAG_BYTES + KEY_BYTES) throw new DecryptError('malformed', 'Wrapped data key has the wrong length');
  return { keyId, wrapped, payloadPart };
}

function unwrapDataKey(keyring: Keyring, p: Parsed, aad: Buffer): Buffer {
  const master = findKey(keyring, p.keyId);
  if (!master) throw new DecryptError('unknown_key', `Master key ${p.keyId} is not in the keyring`);
  return open(master, p.wrapped, aad);
}

export function encryptField(keyring: Keyring, plaintext: string, aad: FieldAad): string {
  const ad = aadBytes(aad);
  const dataKey = randomBytes(KEY_BYTES);
  try {
    const payload = seal(dataKey, Buffer.from(plaintext, 'utf8'), ad);
    const wrapped = seal(keyring.current.key, dataKey, ad);
    return `${VERSION}.${keyring.current.id}.${wrapped.toString('base64url')}.${payload.toString('base64url')}`;
  } finally {
    dataKey.fill(0);
  }
}

export function decryptField(keyring: Keyring, sealed: string, aad: FieldAad): string {
  const ad = aadBytes(aad);
  const p = parseSealed(sealed);
  const dataKey = unwrapDataKey(keyring, p, ad);
  try {
    return open(dataKey, fromB64url(p.payloadPart), ad).toString('utf8');
  } finally {
    dataKey.fill(0);
  }
}

/**
 * Re-wraps the data key under the current master key; the payload part is kept byte for
 * byte. The payload is still authenticated first, so rotation refuses (DecryptError) a
 * corrupted record instead of blessing it with a fresh wrap.
 */
export function rewrapField(keyring: Keyring, sealed: string, aad: FieldAad): string {
  const ad = aadBytes(aad);
  const p = parseSealed(sealed);
  if (p.keyId === keyring.current.id) return sealed;
  const dataKey = unwrapDataKey(keyring, p, ad);
  try {
    open(dataKey, fromB64url(p.payloadPart), ad).fill(0);
    const wrapped = seal(keyring.current.key, dataKey, ad);
    return `${VERSION}.${keyring.current.id}.${wrapped.toString('base64url')}.${p.payloadPart}`;
  } finally {
    dataKey.fill(0);
  }
}

/** Sealed values name their master key, so a rotation job can skip current rows cheaply. */
export function sealedKeyId(sealed: string): string {
  return parseSealed(sealed).keyId;
}

/**
 * Independent keys for independent uses (e.g. 'lookup-hash'): a lookup hash never reveals
 * anything about the encryption key, and vice versa.
 */
export function deriveSubkey(masterKey: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), `tradeloop:${info}`, KEY_BYTES));
}

/**
 * Keyed hash for equality look-ups (the same bank account across sellers) without
 * decrypting every row. Keyed, because account numbers are short enough to brute-force an
 * unkeyed hash. `purpose` separates domains: the same digits as a routing number and as an
 * account number hash differently. Callers pass normalised values (digits only).
 * The hash key comes from a master key, so rotating that key means recomputing the hashes
 * (or keeping the lookup key derived from the old master key).
 */
export function lookupHash(hashKey: Buffer, value: string, purpose: string): string {
  if (!/^[a-z0-9_.-]+$/i.test(purpose)) throw new Error(`lookupHash purpose must be a plain identifier, got ${JSON.stringify(purpose)}`);
  return createHmac('sha256', hashKey).update(`${purpose}\u0000${value}`, 'utf8').digest('hex');
}

/**
 * '•••• 6789': the last `visible` characters, never more than 4, behind a fixed-width run
 * of dots so the mask does not reveal the value's length. A value no longer than that is
 * shown whole, which is the intent for SSN-4 (it *is* the last 4); callers masking a value
 * that may itself be that short (a 4-digit account number) should pass a smaller `visible`.
 */
export function mask(value: string, visible = 4): string {
  const n = Math.max(0, Math.min(4, Math.floor(visible)));
  const chars = Array.from(value);
  const tail = n === 0 ? '' : chars.slice(-n).join('');
  return tail === '' ? '••••' : `•••• ${tail}`;
}
