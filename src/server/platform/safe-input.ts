/**
 * What the edge refuses before anything reaches a handler (and through it PostgreSQL): text with
 * U+0000 (PostgreSQL's text and jsonb cannot hold it) or an unpaired UTF-16 surrogate (not a
 * character; it cannot be stored or sent as UTF-8), and JSON nested deeper than any of our
 * bodies is (every recursive walk over it — hashing, logging, validation — stays shallow).
 */

export const MAX_JSON_DEPTH = 32;

// A NUL, a high surrogate not followed by a low one, or a low one not preceded by a high one.
const UNSAFE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isUnsafeText(s: string): boolean {
  return UNSAFE.test(s);
}

/**
 * The path (`a.b.0`) of the first string or key holding unsafe text, or undefined. Iterative,
 * so a deep value cannot overflow the stack; `root` names a top-level string.
 */
export function findUnsafeText(value: unknown, root = ''): string | undefined {
  const stack: { v: unknown; path: string }[] = [{ v: value, path: root }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (isUnsafeText(v)) return path;
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push({ v: item, path: join(path, String(i)) }));
    } else if (v !== null && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        const at = join(path, k);
        if (isUnsafeText(k)) return join(path, safeLabel(k));
        stack.push({ v: item, path: at });
      }
    }
  }
  return undefined;
}

// Field names are echoed back in `fields`: a hostile key is cut short there.
const join = (path: string, key: string) => {
  const k = key.length > 64 ? `${key.slice(0, 64)}…` : key;
  return path ? `${path}.${k}` : k;
};
// A key that is itself unsafe cannot be echoed back as a field name.
const safeLabel = (k: string) => k.replace(new RegExp(UNSAFE.source, 'g'), '\uFFFD');

/** True when JSON text opens more than `max` arrays/objects inside one another. One pass, no recursion. */
export function jsonNestsDeeperThan(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}
