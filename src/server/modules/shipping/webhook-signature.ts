import { createHmac, timingSafeEqual } from 'node:crypto';

/** How old a signed carrier event may be: older ones are refused as possible replays. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** `Tradeloop-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">` */
export function signPayload(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/**
 * Checks the header against the raw body. Several v1 values are accepted (secret rotation);
 * comparison is constant-time; the timestamp must be within the tolerance either way.
 */
export function verifySignature(secret: string, header: string | undefined, rawBody: string, nowUnixSeconds: number): SignatureCheck {
  if (!header) return { ok: false, reason: 'missing Tradeloop-Signature header' };
  let t: number | undefined;
  const macs: string[] = [];
  for (const part of header.split(',')) {
    const [k, v] = part.trim().split('=', 2);
    if (k === 't' && v && /^\d{1,12}$/.test(v)) t = Number(v);
    else if (k === 'v1' && v && /^[0-9a-f]{64}$/.test(v)) macs.push(v);
  }
  if (t === undefined || macs.length === 0) return { ok: false, reason: 'malformed Tradeloop-Signature header' };
  if (Math.abs(nowUnixSeconds - t) > SIGNATURE_TOLERANCE_SECONDS) return { ok: false, reason: 'signature timestamp outside the 300 s tolerance' };
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex'), 'hex');
  const match = macs.some((m) => {
    const got = Buffer.from(m, 'hex');
    return got.length === expected.length && timingSafeEqual(got, expected);
  });
  return match ? { ok: true } : { ok: false, reason: 'signature does not match' };
}
