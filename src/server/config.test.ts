import { describe, expect, it } from 'vitest';
import { ConfigError, DEMO_CARRIER_WEBHOOK_SECRET, loadConfig } from './config.ts';

const PROD = {
  TRADELOOP_MODE: 'production',
  BETTER_AUTH_SECRET: 'x'.repeat(40),
  TRADELOOP_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
  CARRIER_WEBHOOK_SECRET: 'carrier-secret-of-enough-length',
};

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
});
