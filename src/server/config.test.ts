import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEMO_CARRIER_WEBHOOK_SECRET, loadConfig } from './config.ts';

const PROD = {
  TRADELOOP_MODE: 'production',
  BETTER_AUTH_SECRET: randomBytes(32).toString('base64'),
  TRADELOOP_MASTER_KEY: randomBytes(32).toString('base64'),
  CARRIER_WEBHOOK_SECRET: randomBytes(32).toString('hex'),
};

function problemsOf(env: Record<string, string>, argv: string[] = []): string {
  try {
    loadConfig(env, argv);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected the configuration to be refused');
}

describe('configuration', () => {
  it('production refuses to start without each of its secrets, naming the variable', () => {
    for (const name of ['BETTER_AUTH_SECRET', 'TRADELOOP_MASTER_KEY', 'CARRIER_WEBHOOK_SECRET'] as const) {
      const env: Record<string, string> = { ...PROD };
      delete env[name];
      expect(() => loadConfig(env, [])).toThrow(ConfigError);
      expect(() => loadConfig(env, [])).toThrow(name);
    }
    expect(loadConfig(PROD, []).carrierWebhookSecret).toBe(PROD.CARRIER_WEBHOOK_SECRET);
  });

  it('demo mode falls back to the documented carrier secret', () => {
    expect(loadConfig({}, []).carrierWebhookSecret).toBe(DEMO_CARRIER_WEBHOOK_SECRET);
  });

  it('lists every invalid variable at once', () => {
    try {
      loadConfig({ PORT: 'ninety', TRADELOOP_MODE: 'staging', SMTP_URL: 'http://mail' }, []);
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toMatch(/PORT/);
      expect((err as Error).message).toMatch(/TRADELOOP_MODE/);
      expect((err as Error).message).toMatch(/SMTP_URL/);
    }
  });

  it('reads --role and refuses an unknown one', () => {
    expect(loadConfig({}, ['node', 'main.ts', '--role', 'worker']).role).toBe('worker');
    expect(() => loadConfig({}, ['node', 'main.ts', '--role', 'boss'])).toThrow(ConfigError);
  });

  it('production refuses the published demo carrier secret and other public values', () => {
    expect(problemsOf({ ...PROD, CARRIER_WEBHOOK_SECRET: DEMO_CARRIER_WEBHOOK_SECRET })).toMatch(/CARRIER_WEBHOOK_SECRET: is a published demo value/);
    expect(problemsOf({ ...PROD, BETTER_AUTH_SECRET: 'better-auth-secret-12345678901234567890' })).toMatch(/BETTER_AUTH_SECRET: is a published/);
    // Demo mode keeps accepting it: the demo tools sign carrier events with it.
    expect(loadConfig({ CARRIER_WEBHOOK_SECRET: DEMO_CARRIER_WEBHOOK_SECRET }, []).carrierWebhookSecret).toBe(DEMO_CARRIER_WEBHOOK_SECRET);
  });

  it('production refuses low-entropy secrets and keys', () => {
    expect(problemsOf({ ...PROD, BETTER_AUTH_SECRET: 'a'.repeat(36) })).toMatch(/BETTER_AUTH_SECRET: looks guessable/);
    expect(problemsOf({ ...PROD, BETTER_AUTH_SECRET: 'abc123'.repeat(8) })).toMatch(/BETTER_AUTH_SECRET: looks guessable/);
    expect(problemsOf({ ...PROD, CARRIER_WEBHOOK_SECRET: 'x'.repeat(40) })).toMatch(/CARRIER_WEBHOOK_SECRET: looks guessable/);
    expect(problemsOf({ ...PROD, TRADELOOP_MASTER_KEY: Buffer.alloc(32, 7).toString('base64') })).toMatch(/TRADELOOP_MASTER_KEY: is not random/);
    expect(problemsOf({ ...PROD, CARRIER_WEBHOOK_SECRET: PROD.BETTER_AUTH_SECRET })).toMatch(/must differ from BETTER_AUTH_SECRET/);
    // Random values of the usual generators pass.
    for (let i = 0; i < 50; i++) {
      const env = { ...PROD, BETTER_AUTH_SECRET: randomBytes(32).toString('base64url'), CARRIER_WEBHOOK_SECRET: randomBytes(32).toString('hex'), TRADELOOP_MASTER_KEY: randomBytes(32).toString('base64') };
      expect(loadConfig(env, []).mode).toBe('production');
    }
  });

  it('lists every configuration problem at once, a bad master key and a bad role included', () => {
    const message = problemsOf(
      { TRADELOOP_MODE: 'production', PORT: 'ninety', BETTER_AUTH_SECRET: 'a'.repeat(36), CARRIER_WEBHOOK_SECRET: DEMO_CARRIER_WEBHOOK_SECRET, TRADELOOP_MASTER_KEY: 'not-base64!' },
      ['node', 'main.ts', '--role', 'boss'],
    );
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/BETTER_AUTH_SECRET: looks guessable/);
    expect(message).toMatch(/CARRIER_WEBHOOK_SECRET: is a published demo value/);
    expect(message).toMatch(/TRADELOOP_MASTER_KEY: the key must be base64/);
    expect(message).toMatch(/--role/);
    expect(message).not.toContain('not-base64!');
  });
});
