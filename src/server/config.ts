import path from 'node:path';
import { z } from 'zod';
import { createKeyring, parseMasterKey, type Keyring, type MasterKey } from './platform/crypto.ts';
import { checkRoutingNumber } from '../shared/seller-details.ts';
import { estimatedEntropyBits, estimatedKeyEntropyBits, MIN_KEY_BITS, MIN_SECRET_BITS } from './platform/secret-strength.ts';

const ZEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  TRADELOOP_MODE: z.enum(['demo', 'production']).default('demo'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Public address people use to reach the site (links in e-mails, printed at start). */
  PUBLIC_URL: z.string().url().optional(),
  /** Signs session cookies. Required in production; demo mode keeps a generated one in DATA_DIR. */
  BETTER_AUTH_SECRET: z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -base64 32)').optional(),
  /** base64 of 32 bytes: wraps the keys of protected seller fields. Required in production. */
  TRADELOOP_MASTER_KEY: z.string().optional(),
  TRADELOOP_MASTER_KEY_ID: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be 1–32 letters, digits, _ or -').default('mk1'),
  /** Keys retired by a rotation, still needed to open old values until `npm run keys:rotate` ran: `id:base64,id:base64`. */
  TRADELOOP_PREVIOUS_KEYS: z.string().optional(),
  /** smtp(s)://user:pass@host:port — without it, e-mails are written to DATA_DIR/outbox as .eml files. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  MAIL_FROM: z.string().min(3).default('Tradeloop <no-reply@tradeloop.local>'),
  /** HMAC secret of the carrier's signed webhook. Required in production; demo mode uses DEMO_CARRIER_WEBHOOK_SECRET. */
  CARRIER_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /** How far a carrier event's time may lie ahead of now, or before its label was created (clock drift). */
  CARRIER_EVENT_MAX_SKEW_SECONDS: z.coerce.number().int().min(0).max(86_400).default(600),
  /** Anonymous quotes (POST /api/assessments) per client address and minute; 0 lifts the limit (benchmarks). */
  QUOTE_RATE_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(20),
  /** Quotes one address may make in a row before the per-minute rate applies. */
  QUOTE_RATE_BURST: z.coerce.number().int().min(1).max(1_000_000).default(40),
  /** Days an assessment nobody accepted is kept before the retention job removes it. */
  ASSESSMENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  // --- ACH payouts (docs/payouts.md). Demo mode has public sample values; production must set the first four. ---
  /** The originating bank's 9-digit ABA routing number (the file's immediate destination and the trace prefix). */
  ACH_ODFI_ROUTING: z.string().optional(),
  ACH_ODFI_NAME: z.string().optional(),
  /** Up to 16 characters, as the seller's bank statement shows it. */
  ACH_COMPANY_NAME: z.string().optional(),
  /** The 10-character company identification the bank assigned. */
  ACH_COMPANY_ID: z.string().optional(),
  ACH_ENTRY_DESCRIPTION: z.string().default('TRADE-IN'),
  /** Where batch files are written (the bank's SFTP drop in production). */
  ACH_OUTBOUND_DIR: z.string().optional(),
  /** The standard (next-day) batch's cutoff, HH:MM in the market's time zone. */
  ACH_CUTOFF: z.string().default('16:00'),
  /** Also send Same Day ACH batches at ACH_SAME_DAY_CUTOFFS (effective the same business day). */
  ACH_SAME_DAY: z.enum(['true', 'false']).default('false'),
  ACH_SAME_DAY_CUTOFFS: z.string().default('10:30,14:45'),
});

/** Documented, public, and accepted only in demo mode, so the demo carrier tools can sign events. */
export const DEMO_CARRIER_WEBHOOK_SECRET = 'tradeloop-demo-carrier-secret';

export type Role = 'all' | 'api' | 'worker';

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly mode: 'demo' | 'production';
  readonly logLevel: string;
  readonly publicUrl: string | undefined;
  readonly role: Role;
  /** From BETTER_AUTH_SECRET; undefined only in demo mode (a generated one is kept in DATA_DIR). */
  readonly authSecret: string | undefined;
  /** From TRADELOOP_MASTER_KEY (+ previous keys); undefined only in demo mode (generated into DATA_DIR). */
  readonly keyring: Keyring | undefined;
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  readonly carrierWebhookSecret: string;
  readonly carrierEventMaxSkewSeconds: number;
  /** Anonymous quotes per address: `perMinute` 0 means no limit. */
  readonly quoteRateLimit: { readonly perMinute: number; readonly burst: number };
  readonly assessmentRetentionDays: number;
  readonly ach: AchConfig;
}

/** The ACH origination settings every batch file is written with (docs/payouts.md). */
export interface AchConfig {
  readonly odfiRouting: string;
  readonly odfiName: string;
  readonly companyName: string;
  readonly companyId: string;
  readonly entryDescription: string;
  readonly outboundDir: string;
  /** HH:MM, America/New_York. */
  readonly cutoff: string;
  readonly sameDay: boolean;
  /** HH:MM each, ascending; used only when sameDay is on. */
  readonly sameDayCutoffs: readonly string[];
}

/** Public sample values, accepted only in demo mode (a real bank would reject them). */
export const DEMO_ACH = { odfiRouting: '021000021', odfiName: 'DEMO BANK', companyName: 'TRADELOOP DEMO', companyId: '1000000001' } as const;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Values that are public (in this README, in the auth library's source, demo passwords): a
 * production secret equal to one of them is known to anyone who reads the code.
 */
const KNOWN_PUBLIC_SECRETS = new Set([
  DEMO_CARRIER_WEBHOOK_SECRET,
  'tradeloop-demo',
  // better-auth's built-in development secret.
  'better-auth-secret-12345678901234567890',
]);

/** Parses the environment once; an invalid variable stops the process with every problem listed at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = process.argv): Config {
  const blankless = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')) as Record<string, string | undefined>;
  const problems: string[] = [];
  const parsed = ZEnv.safeParse(blankless);
  if (!parsed.success) problems.push(...parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`));
  // The checks below read the raw values, so one bad variable never hides another.
  const production = blankless.TRADELOOP_MODE === 'production';
  if (production) problems.push(...productionSecretProblems(blankless));
  problems.push(...achProblems(blankless, production));
  const keyring = collect(problems, () => parseKeyring(blankless.TRADELOOP_MASTER_KEY, blankless.TRADELOOP_MASTER_KEY_ID ?? 'mk1', blankless.TRADELOOP_PREVIOUS_KEYS, production));
  const role = collect(problems, () => parseRole(argv));
  if (problems.length || !parsed.success) throw new ConfigError(`Invalid configuration:\n${[...new Set(problems)].join('\n')}`);
  const e = parsed.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    mode: e.TRADELOOP_MODE,
    logLevel: e.LOG_LEVEL,
    publicUrl: e.PUBLIC_URL,
    role: role!,
    authSecret: e.BETTER_AUTH_SECRET,
    keyring,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    carrierWebhookSecret: e.CARRIER_WEBHOOK_SECRET ?? DEMO_CARRIER_WEBHOOK_SECRET,
    carrierEventMaxSkewSeconds: e.CARRIER_EVENT_MAX_SKEW_SECONDS,
    quoteRateLimit: Object.freeze({ perMinute: e.QUOTE_RATE_PER_MINUTE, burst: e.QUOTE_RATE_BURST }),
    assessmentRetentionDays: e.ASSESSMENT_RETENTION_DAYS,
    ach: Object.freeze({
      odfiRouting: e.ACH_ODFI_ROUTING?.trim() ?? DEMO_ACH.odfiRouting,
      odfiName: e.ACH_ODFI_NAME?.trim() ?? DEMO_ACH.odfiName,
      companyName: e.ACH_COMPANY_NAME?.trim() ?? DEMO_ACH.companyName,
      companyId: e.ACH_COMPANY_ID?.trim() ?? DEMO_ACH.companyId,
      entryDescription: e.ACH_ENTRY_DESCRIPTION.trim(),
      outboundDir: path.resolve(e.ACH_OUTBOUND_DIR ?? path.join(e.DATA_DIR, 'ach-outbound')),
      cutoff: e.ACH_CUTOFF.trim(),
      sameDay: e.ACH_SAME_DAY === 'true',
      sameDayCutoffs: Object.freeze(e.ACH_SAME_DAY_CUTOFFS.split(',').map((c) => c.trim())),
    }),
  });
}

/** Runs a parser that throws ConfigError; its lines join the list instead of stopping it. */
function collect<T>(problems: string[], parse: () => T): T | undefined {
  try {
    return parse();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.message.split('\n').filter((l) => l.trim() && l !== 'Invalid configuration:'));
    return undefined;
  }
}

/** Production needs each secret, none of them public, none of them guessable, no two the same. */
function productionSecretProblems(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  const secrets = [
    ['BETTER_AUTH_SECRET', 'at least 32 random characters, e.g. openssl rand -base64 32'],
    ['CARRIER_WEBHOOK_SECRET', 'the carrier webhook signing secret, at least 32 random characters'],
  ] as const;
  for (const [name, what] of secrets) {
    const value = env[name];
    if (!value) {
      problems.push(`  ${name}: required in production mode (${what})`);
    } else if (KNOWN_PUBLIC_SECRETS.has(value.trim())) {
      problems.push(`  ${name}: is a published demo value; anyone could use it. Generate one (openssl rand -base64 32)`);
    } else if (estimatedEntropyBits(value) < MIN_SECRET_BITS) {
      problems.push(`  ${name}: looks guessable (about ${Math.round(estimatedEntropyBits(value))} bits of randomness, at least ${MIN_SECRET_BITS} needed). Generate one (openssl rand -base64 32)`);
    }
  }
  if (!env.TRADELOOP_MASTER_KEY) problems.push('  TRADELOOP_MASTER_KEY: required in production mode (base64 of 32 random bytes)');
  if (env.BETTER_AUTH_SECRET && env.BETTER_AUTH_SECRET === env.CARRIER_WEBHOOK_SECRET) {
    problems.push('  CARRIER_WEBHOOK_SECRET: must differ from BETTER_AUTH_SECRET (a carrier would know the session-signing secret)');
  }
  return problems;
}

/** `current` from TRADELOOP_MASTER_KEY; `previous` from `id:base64,id:base64`. Key bytes never reach an error message. */
function parseKeyring(current: string | undefined, currentId: string, previous: string | undefined, production: boolean): Keyring | undefined {
  if (!current) {
    if (previous) throw new ConfigError('Invalid configuration:\n  TRADELOOP_PREVIOUS_KEYS: set only together with TRADELOOP_MASTER_KEY');
    return undefined;
  }
  const problems: string[] = [];
  const key = (name: string, b64: string): Buffer | undefined => {
    try {
      return parseMasterKey(b64);
    } catch (err) {
      problems.push(`  ${name}: ${(err as Error).message.replace('TRADELOOP_MASTER_KEY', 'the key')}`);
      return undefined;
    }
  };
  const cur = key('TRADELOOP_MASTER_KEY', current);
  if (cur && production && estimatedKeyEntropyBits(cur) < MIN_KEY_BITS) {
    problems.push('  TRADELOOP_MASTER_KEY: is not random (too many repeated bytes). Generate one (openssl rand -base64 32)');
  }
  const prev: MasterKey[] = [];
  for (const [i, item] of (previous ?? '').split(',').map((s) => s.trim()).filter(Boolean).entries()) {
    const at = item.indexOf(':');
    if (at <= 0) {
      problems.push(`  TRADELOOP_PREVIOUS_KEYS: entry ${i + 1} must be id:base64`);
      continue;
    }
    const k = key(`TRADELOOP_PREVIOUS_KEYS entry ${i + 1}`, item.slice(at + 1));
    if (k) prev.push({ id: item.slice(0, at), key: k });
  }
  if (problems.length || !cur) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  try {
    return createKeyring({ id: currentId, key: cur }, prev);
  } catch (err) {
    throw new ConfigError(`Invalid configuration:\n  TRADELOOP_PREVIOUS_KEYS: ${(err as Error).message}`);
  }
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * The ACH settings go into every NACHA file the bank receives (docs/payouts/nacha.md): a value
 * the file cannot carry, or a bank would reject, stops the start instead of the first batch.
 */
function achProblems(env: Record<string, string | undefined>, production: boolean): string[] {
  const problems: string[] = [];
  const routing = env.ACH_ODFI_ROUTING?.trim();
  if (routing !== undefined) {
    const check = checkRoutingNumber(routing);
    if (!check.ok) problems.push(`  ACH_ODFI_ROUTING: ${check.message} (the originating bank's 9-digit ABA routing number)`);
  }
  const texts = [
    ['ACH_ODFI_NAME', 1, 23, "the originating bank's name, up to 23 characters"],
    ['ACH_COMPANY_NAME', 1, 16, "the company name the seller's statement shows, up to 16 characters"],
    ['ACH_COMPANY_ID', 10, 10, 'the 10-character company identification the bank assigned'],
    ['ACH_ENTRY_DESCRIPTION', 1, 10, "the entry description the seller's statement shows, up to 10 characters"],
  ] as const;
  for (const [name, min, max, what] of texts) {
    const value = env[name]?.trim();
    if (value === undefined) continue;
    if (!PRINTABLE_ASCII.test(value)) problems.push(`  ${name}: must be plain ASCII letters, digits and punctuation (${what})`);
    else if (value.length < min || value.length > max) problems.push(`  ${name}: is ${value.length} characters; must be ${min === max ? `exactly ${max}` : `${min} to ${max}`} (${what})`);
  }
  const cutoff = env.ACH_CUTOFF?.trim() ?? '16:00';
  if (!HHMM.test(cutoff)) problems.push(`  ACH_CUTOFF: must be HH:MM from 00:00 to 23:59, New York time (got ${JSON.stringify(cutoff)})`);
  const sameDayCutoffs = (env.ACH_SAME_DAY_CUTOFFS ?? '10:30,14:45').split(',').map((c) => c.trim());
  const badCutoffs = sameDayCutoffs.filter((c) => !HHMM.test(c));
  if (badCutoffs.length) {
    problems.push(`  ACH_SAME_DAY_CUTOFFS: each must be HH:MM from 00:00 to 23:59, comma-separated (got ${badCutoffs.map((c) => JSON.stringify(c)).join(', ')})`);
  } else if (sameDayCutoffs.some((c, i) => i > 0 && c <= sameDayCutoffs[i - 1]!)) {
    problems.push(`  ACH_SAME_DAY_CUTOFFS: must be in ascending order, each once (got ${sameDayCutoffs.join(',')})`);
  } else if (sameDayCutoffs.length > 9) {
    problems.push(`  ACH_SAME_DAY_CUTOFFS: at most 9 same-day windows (got ${sameDayCutoffs.length})`);
  } else if (env.ACH_SAME_DAY === 'true' && HHMM.test(cutoff) && sameDayCutoffs[sameDayCutoffs.length - 1]! >= cutoff) {
    problems.push(`  ACH_SAME_DAY_CUTOFFS: every same-day cutoff must come before the standard cutoff ACH_CUTOFF=${cutoff} (got ${sameDayCutoffs.join(',')})`);
  }
  if (production) {
    const required = [
      ['ACH_ODFI_ROUTING', 'odfiRouting'],
      ['ACH_ODFI_NAME', 'odfiName'],
      ['ACH_COMPANY_NAME', 'companyName'],
      ['ACH_COMPANY_ID', 'companyId'],
    ] as const;
    for (const [name, key] of required) {
      const value = env[name]?.trim();
      if (!value) problems.push(`  ${name}: required in production mode (from the bank's ACH origination agreement)`);
      else if (value.toUpperCase() === DEMO_ACH[key].toUpperCase()) problems.push(`  ${name}: is the demo value ${JSON.stringify(DEMO_ACH[key])}; set the one from the bank's ACH origination agreement`);
    }
  }
  return problems;
}

function parseRole(argv: readonly string[]): Role {
  const i = argv.indexOf('--role');
  if (i === -1) return 'all';
  const role = argv[i + 1];
  if (role === 'all' || role === 'api' || role === 'worker') return role;
  throw new ConfigError(`  --role: must be one of all, api, worker (got ${role ?? 'nothing'})`);
}
