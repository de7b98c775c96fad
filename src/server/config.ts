import path from 'node:path';
import { z } from 'zod';
import { createKeyring, parseMasterKey, type Keyring, type MasterKey } from './platform/crypto.ts';

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
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment once; an invalid variable stops the process with every problem listed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = process.argv): Config {
  const blankless = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = ZEnv.safeParse(blankless);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.TRADELOOP_MODE === 'production') {
    const missing = [
      e.BETTER_AUTH_SECRET ? undefined : '  BETTER_AUTH_SECRET: required in production mode (at least 32 random characters)',
      e.TRADELOOP_MASTER_KEY ? undefined : '  TRADELOOP_MASTER_KEY: required in production mode (base64 of 32 random bytes)',
      e.CARRIER_WEBHOOK_SECRET ? undefined : '  CARRIER_WEBHOOK_SECRET: required in production mode (the carrier webhook signing secret)',
    ].filter((l): l is string => l !== undefined);
    if (missing.length) throw new ConfigError(`Invalid configuration:\n${missing.join('\n')}`);
  }
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    mode: e.TRADELOOP_MODE,
    logLevel: e.LOG_LEVEL,
    publicUrl: e.PUBLIC_URL,
    role: parseRole(argv),
    authSecret: e.BETTER_AUTH_SECRET,
    keyring: parseKeyring(e.TRADELOOP_MASTER_KEY, e.TRADELOOP_MASTER_KEY_ID, e.TRADELOOP_PREVIOUS_KEYS),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    carrierWebhookSecret: e.CARRIER_WEBHOOK_SECRET ?? DEMO_CARRIER_WEBHOOK_SECRET,
  });
}

/** `current` from TRADELOOP_MASTER_KEY; `previous` from `id:base64,id:base64`. Key bytes never reach an error message. */
function parseKeyring(current: string | undefined, currentId: string, previous: string | undefined): Keyring | undefined {
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

function parseRole(argv: readonly string[]): Role {
  const i = argv.indexOf('--role');
  if (i === -1) return 'all';
  const role = argv[i + 1];
  if (role === 'all' || role === 'api' || role === 'worker') return role;
  throw new ConfigError(`--role must be one of all, api, worker (got ${role ?? 'nothing'})`);
}
