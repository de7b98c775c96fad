/**
 * Finds which tables a source file reads or writes, and who owns each table, so a test can hold
 * the rule "a module reads and writes only its own tables" (docs/architecture.md, Conventions).
 *
 * Owners come from the `*.tables.ts` files: the keys of the one `export interface …Tables`
 * each declares. A file under `src/server/modules/<m>/` belongs to module `<m>`; one under
 * `src/server/platform/` to the platform; anything else under `src/server/` (runtime.ts, app.ts,
 * main.ts) is the composition root, which wires and owns no table.
 */

export type Owner = string;

/** A table reference found in a source file: the table, how it was used, and the line. */
export interface TableRef {
  table: string;
  line: number;
  via: string;
}

const PLATFORM = 'platform';
const ROOT = 'composition root';

/** `src/server/modules/offers/x.ts` → 'offers'; `src/server/platform/…` → 'platform'; else the root. */
export function ownerOfPath(file: string): Owner {
  const m = /(?:^|\/)src\/server\/modules\/([^/]+)\//.exec(file);
  if (m) return m[1]!;
  if (/(?:^|\/)src\/server\/platform\//.test(file)) return PLATFORM;
  return ROOT;
}

/** The table names a `*.tables.ts` declares: the keys of its `export interface <X>Tables { … }`. */
export function declaredTables(source: string): string[] {
  const m = /export\s+interface\s+\w+Tables\s*(?:extends[^{]*)?\{([^}]*)\}/.exec(source);
  if (!m) return [];
  const names: string[] = [];
  for (const line of m[1]!.split('\n')) {
    const key = /^\s*['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?\s*:/.exec(line);
    if (key) names.push(key[1]!);
  }
  return names;
}

function lineAt(source: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

/** Source with comments blanked (same length, newlines kept), so a commented word is not a reference. */
function withoutComments(source: string): string {
  let out = '';
  let i = 0;
  let quote: string | null = null;
  while (i < source.length) {
    const c = source[i]!;
    const next = source[i + 1];
    if (quote) {
      out += c;
      if (c === '\\') {
        out += next ?? '';
        i += 2;
        continue;
      }
      if (c === quote) quote = null;
      i++;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      quote = c;
      out += c;
      i++;
      continue;
    }
    if (c === '/' && next === '/') {
      while (i < source.length && source[i] !== '\n') {
        out += ' ';
        i++;
      }
      continue;
    }
    if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? source.length : end + 2;
      for (; i < stop; i++) out += source[i] === '\n' ? '\n' : ' ';
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

// Kysely's builders that name a table: selectFrom('t'), selectFrom(['a', 'b as x']), joins, writes.
const KYSELY_CALL = /\b(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|innerJoin|leftJoin|rightJoin|fullJoin|innerJoinLateral|leftJoinLateral|using|table|id)\s*\(\s*(\[[^\]]*\]|['"][^'"]*['"])/g;
const QUOTED = /['"]([^'"]*)['"]/g;

/** The table a Kysely string names: 'public.trade_ins as t' → 'trade_ins'. */
function tableOfKyselyString(s: string): string | null {
  const first = s.trim().split(/\s+/)[0] ?? '';
  const name = first.replace(/^public\./, '');
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : null;
}

/**
 * Every string and template literal of a source (interpolations blanked, nested literals found
 * too), with its start offset: SQL hides in `sql` templates, in plain strings handed to
 * `pool.query`, and in templates interpolated into others.
 */
function literals(source: string): Array<{ text: string; start: number }> {
  const found: Array<{ text: string; start: number }> = [];
  // Code from i until an unmatched '}' (or the end); returns the index after it.
  function code(i: number): number {
    let depth = 0;
    while (i < source.length) {
      const c = source[i]!;
      if (c === "'" || c === '"' || c === '`') i = literal(i);
      else if (c === '{') (depth++, i++);
      else if (c === '}') {
        if (depth-- === 0) return i + 1;
        i++;
      } else i++;
    }
    return i;
  }
  // The literal opening at i; returns the index after its closing quote.
  function literal(i: number): number {
    const quote = source[i]!;
    const start = i + 1;
    let text = '';
    i++;
    while (i < source.length && source[i] !== quote) {
      if (source[i] === '\\') {
        text += '  ';
        i += 2;
      } else if (quote === '`' && source[i] === '$' && source[i + 1] === '{') {
        const end = code(i + 2);
        text += source.slice(i, end).replace(/[^\n]/g, ' ');
        i = end;
      } else if (quote !== '`' && source[i] === '\n') {
        break;
      } else {
        text += source[i];
        i++;
      }
    }
    found.push({ text, start });
    return i + 1;
  }
  code(0);
  return found;
}

// In SQL text: a table follows FROM, JOIN, INTO, UPDATE, USING, TABLE, or a comma in a FROM list.
const SQL_TABLE = /\b(from|join|into|update|using|table|truncate)\s+(?:only\s+)?(?:public\.)?("?)([A-Za-z_][A-Za-z0-9_]*)\2/gi;
const SQL_FROM_LIST = /\bfrom\s+([^;()]*?)(?=\b(?:where|join|left|right|inner|cross|group|order|limit|on|for|returning|union|having|window|set)\b|[;()]|$)/gi;

/** The tables among `known` that a source names, in Kysely calls or raw SQL (any string or template). */
export function tableRefs(rawSource: string, known: ReadonlySet<string>): TableRef[] {
  const source = withoutComments(rawSource);
  const refs: TableRef[] = [];
  for (const m of source.matchAll(KYSELY_CALL)) {
    const via = m[1]!;
    for (const q of m[2]!.matchAll(QUOTED)) {
      const table = tableOfKyselyString(q[1]!);
      // `.id('x')` and `.table('x')` count only as sql.id / sql.table; `using` only with a known table.
      if (table && known.has(table)) refs.push({ table, line: lineAt(source, m.index), via });
    }
  }
  for (const t of literals(source)) {
    for (const m of t.text.matchAll(SQL_TABLE)) {
      const table = m[3]!;
      if (known.has(table)) refs.push({ table, line: lineAt(source, t.start + m.index), via: `sql ${m[1]!.toLowerCase()}` });
    }
    for (const m of t.text.matchAll(SQL_FROM_LIST)) {
      // `from a x, b y`: the names after the commas.
      for (const part of m[1]!.split(',').slice(1)) {
        const table = /^\s*(?:public\.)?"?([A-Za-z_][A-Za-z0-9_]*)"?/.exec(part)?.[1];
        if (table && known.has(table)) refs.push({ table, line: lineAt(source, t.start + m.index), via: 'sql from' });
      }
    }
  }
  return refs;
}

/** A reference to a table its file's owner does not own. */
export interface Violation {
  file: string;
  table: string;
  owner: Owner;
  line: number;
  via: string;
}

export function violationsIn(file: string, source: string, owners: ReadonlyMap<string, Owner>): Violation[] {
  const me = ownerOfPath(file);
  return tableRefs(source, new Set(owners.keys()))
    .filter((r) => owners.get(r.table) !== me)
    .map((r) => ({ file, table: r.table, owner: owners.get(r.table)!, line: r.line, via: r.via }));
}
