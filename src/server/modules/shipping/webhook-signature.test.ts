import { describe, expect, it } from 'vitest';
import { signPayload, verifySignature } from './webhook-signature.ts';

const SECRET = 'whsec_test';
const BODY = '{"eventId":"e1","trackingNumber":"1Z999AA10123456784","type":"picked_up","occurredAt":"2026-11-27T10:00:00Z"}';
const NOW = 1_795_000_000;

describe('carrier webhook signature', () => {
  it('matches a known answer computed independently (openssl dgst -sha256 -hmac over "t.body")', () => {
    const header = `t=${NOW},v1=fb72ba51e9af256395d8a3a3383839ee4b354f197e6a151c463e3fa00d93d163`;
    expect(signPayload(SECRET, BODY, NOW)).toBe(header);
    expect(verifySignature(SECRET, header, BODY, NOW)).toEqual({ ok: true });
  });
  it('accepts a fresh, correct signature', () => {
    expect(verifySignature(SECRET, signPayload(SECRET, BODY, NOW), BODY, NOW)).toEqual({ ok: true });
  });
  it('accepts exactly 300 s old, refuses 301 s old (and from the future)', () => {
    expect(verifySignature(SECRET, signPayload(SECRET, BODY, NOW - 300), BODY, NOW).ok).toBe(true);
    expect(verifySignature(SECRET, signPayload(SECRET, BODY, NOW - 301), BODY, NOW).ok).toBe(false);
    expect(verifySignature(SECRET, signPayload(SECRET, BODY, NOW + 301), BODY, NOW).ok).toBe(false);
  });
  it('refuses another secret, a changed body, a changed timestamp', () => {
    expect(verifySignature(SECRET, signPayload('other', BODY, NOW), BODY, NOW).ok).toBe(false);
    expect(verifySignature(SECRET, signPayload(SECRET, BODY, NOW), BODY.replace('picked_up', 'delivered'), NOW).ok).toBe(false);
    const h = signPayload(SECRET, BODY, NOW).replace(`t=${NOW}`, `t=${NOW - 1}`);
    expect(verifySignature(SECRET, h, BODY, NOW).ok).toBe(false);
  });
  it('refuses missing and malformed headers', () => {
    expect(verifySignature(SECRET, undefined, BODY, NOW).ok).toBe(false);
    expect(verifySignature(SECRET, 'garbage', BODY, NOW).ok).toBe(false);
    expect(verifySignature(SECRET, `t=${NOW}`, BODY, NOW).ok).toBe(false);
    expect(verifySignature(SECRET, `t=${NOW},v1=zz`, BODY, NOW).ok).toBe(false);
  });
  it('accepts any of several v1 values (secret rotation)', () => {
    const good = signPayload(SECRET, BODY, NOW).split(',')[1]!;
    expect(verifySignature(SECRET, `t=${NOW},v1=${'0'.repeat(64)},${good}`, BODY, NOW).ok).toBe(true);
  });
});
