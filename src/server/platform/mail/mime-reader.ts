/**
 * A small reader for the MIME messages nodemailer writes (the outbox, and what a test SMTP
 * server receives): headers with RFC 2047 words, nested multiparts, base64 and
 * quoted-printable bodies, UTF-8 text. Not a general mail parser: no other charsets, no
 * malformed-message recovery. The outbox holds only messages this application wrote.
 */

export interface MimePart {
  /** Header names lower-cased; values unfolded, RFC 2047 words left encoded (see headerText). */
  readonly headers: ReadonlyMap<string, string>;
  /** 'text/plain', 'multipart/alternative', … lower-cased. */
  readonly contentType: string;
  readonly params: Readonly<Record<string, string>>;
  /** 'inline' | 'attachment' | undefined */
  readonly disposition: string | undefined;
  readonly filename: string | undefined;
  /** Without the angle brackets. */
  readonly contentId: string | undefined;
  /** The decoded body of a leaf part; empty for a multipart. */
  readonly body: Buffer;
  readonly parts: readonly MimePart[];
}

const CRLF_RE = /\r?\n/;

export function parseMime(raw: Buffer | string): MimePart {
  const text = typeof raw === 'string' ? raw : raw.toString('latin1');
  // latin1 maps bytes 1:1 to code units, so base64/QP bodies decode back to the exact bytes
  // and 8bit UTF-8 text is re-decoded below.
  return parsePart(text);
}

function parsePart(text: string): MimePart {
  const split = /\r?\n\r?\n/.exec(text);
  const headerBlock = split ? text.slice(0, split.index) : text;
  const bodyText = split ? text.slice(split.index + split[0].length) : '';
  const headers = parseHeaders(headerBlock);

  const [contentType, params] = parseParams(headers.get('content-type') ?? 'text/plain; charset=us-ascii');
  const [disposition, dispositionParams] = headers.has('content-disposition')
    ? parseParams(headers.get('content-disposition')!)
    : [undefined, {} as Record<string, string>];
  const filename = dispositionParams['filename'] ?? params['name'];
  const contentId = headers.get('content-id')?.trim().replace(/^<|>$/g, '');

  if (contentType.startsWith('multipart/')) {
    const boundary = params['boundary'];
    if (!boundary) throw new Error('multipart without a boundary');
    return { headers, contentType, params, disposition, filename, contentId, body: Buffer.alloc(0), parts: splitMultipart(bodyText, boundary).map(parsePart) };
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').trim().toLowerCase();
  return {
    headers,
    contentType,
    params,
    disposition,
    filename: filename === undefined ? undefined : decodeWords(filename),
    contentId,
    body: decodeBody(bodyText, encoding),
    parts: [],
  };
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  let current: string | undefined;
  for (const line of block.split(CRLF_RE)) {
    if (/^[ \t]/.test(line) && current) {
      headers.set(current, `${headers.get(current)!} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    current = line.slice(0, colon).trim().toLowerCase();
    // A repeated header (Received) keeps its first value; the ones read here appear once.
    if (!headers.has(current)) headers.set(current, line.slice(colon + 1).trim());
  }
  return headers;
}

/** 'text/plain; charset=utf-8; name="a b.pdf"' → ['text/plain', {charset, name}], RFC 2231 included. */
function parseParams(value: string): [string, Record<string, string>] {
  const [head, ...rest] = splitOutsideQuotes(value, ';');
  const params: Record<string, string> = {};
  const continued = new Map<string, { parts: string[]; encoded: boolean }>();
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    let key = p.slice(0, eq).trim().toLowerCase();
    let val = p.slice(eq + 1).trim();
    if (val.startsWith('"') && val.endsWith('"')) val = val.slice(1, -1).replace(/\\(.)/g, '$1');
    const m = /^([^*]+)\*(\d+)?(\*)?$/.exec(key);
    if (m) {
      // RFC 2231: name*=utf-8''a%20b or name*0*=…; name*1*=…
      key = m[1]!;
      const entry = continued.get(key) ?? { parts: [], encoded: false };
      entry.parts[m[2] === undefined ? 0 : Number(m[2])] = val;
      entry.encoded ||= m[3] !== undefined || m[2] === undefined;
      continued.set(key, entry);
      continue;
    }
    params[key] = val;
  }
  for (const [key, { parts, encoded }] of continued) {
    let joined = parts.join('');
    if (encoded) {
      const q = /^([^']*)'[^']*'(.*)$/.exec(joined);
      // Percent-escapes to latin1 code units, one per byte, like every other raw header value
      // here; decodeWords turns the whole into UTF-8 text.
      joined = (q ? q[2]! : joined).replace(/%([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    }
    params[key] = joined;
  }
  return [(head ?? '').trim().toLowerCase(), params];
}

function splitOutsideQuotes(value: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && quoted) {
      cur += c + (value[++i] ?? '');
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === sep && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function splitMultipart(body: string, boundary: string): string[] {
  const lines = body.split(CRLF_RE);
  const parts: string[] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    if (line === `--${boundary}--`) {
      if (current) parts.push(current.join('\r\n'));
      return parts;
    }
    if (line === `--${boundary}`) {
      if (current) parts.push(current.join('\r\n'));
      current = [];
      continue;
    }
    current?.push(line);
  }
  if (current) parts.push(current.join('\r\n'));
  return parts;
}

function decodeBody(text: string, encoding: string): Buffer {
  if (encoding === 'base64') return Buffer.from(text.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (encoding === 'quoted-printable') {
    const unfolded = text.replace(/=\r?\n/g, '');
    const bytes: number[] = [];
    for (let i = 0; i < unfolded.length; i++) {
      const c = unfolded[i]!;
      if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(unfolded.slice(i + 1, i + 3))) {
        bytes.push(parseInt(unfolded.slice(i + 1, i + 3), 16));
        i += 2;
      } else bytes.push(c.charCodeAt(0) & 0xff);
    }
    return Buffer.from(bytes);
  }
  return Buffer.from(text, 'latin1');
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=) to text; the raw header is latin1. */
export function decodeWords(value: string): string {
  // Whitespace between two adjacent encoded words is not part of the text.
  const joined = value.replace(/(\?=)\s+(=\?)/g, '$1$2');
  const decoded = joined.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _charset: string, enc: string, data: string) => {
    const bytes =
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64')
        : decodeBody(data.replace(/_/g, ' '), 'quoted-printable');
    return bytes.toString('latin1');
  });
  // Everything is now latin1-encoded UTF-8 (8bit header bytes and decoded words alike).
  return Buffer.from(decoded, 'latin1').toString('utf8');
}

/** A header's value as text: unfolded and RFC 2047-decoded. */
export function headerText(part: MimePart, name: string): string | undefined {
  const v = part.headers.get(name.toLowerCase());
  return v === undefined ? undefined : decodeWords(v);
}

/** Every leaf part, depth first. */
export function leafParts(part: MimePart): MimePart[] {
  return part.parts.length === 0 ? [part] : part.parts.flatMap(leafParts);
}

/** The first leaf text part of a type ('text/plain', 'text/html') that is not an attachment, as UTF-8. */
export function textPart(part: MimePart, type: string): string | undefined {
  const leaf = leafParts(part).find((p) => p.contentType === type && p.disposition !== 'attachment');
  return leaf?.body.toString('utf8');
}
