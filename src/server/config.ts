import path from 'node:path';
import { z } from 'zod';

const ZEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  TRADELOOP_MODE: z.enum(['demo', 'production']).default('demo'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Public address people use to reach the site (links in e-mails, printed at start). */
  PUBLIC_URL: z.string().url().optional(),
});

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
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    mode: e.TRADELOOP_MODE,
    logLevel: e.LOG_LEVEL,
    publicUrl: e.PUBLIC_URL,
    role: parseRole(argv),
  });
}

function parseRole(argv: readonly string[]): Role {
  const i = argv.indexOf('--role');
  if (i === -1) return 'all';
  const role = argv[i + 1];
  if (role === 'all' || role === 'api' || role === 'worker') return role;
  throw new ConfigError(`--role must be one of all, api, worker (got ${role ?? 'nothing'})`);
}
