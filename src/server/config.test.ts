import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEMO_ACH, DEMO_CARRIER_WEBHOOK_SECRET, loadConfig } from './config.ts';

const PROD = {
  TRADELOOP_MODE: 'production',
  BETTER_AUTH_SECRET: randomBytes(32).toString('base64'),
  TRADELOOP_MASTER_KEY: randomBytes(32).toString('base64'),
  CARRIER_WEBHOOK_SECRET: randomBytes(32).toString('hex'),
  ACH_ODFI_ROUTING: '011000015',
  ACH_ODFI_NAME: 'FIRST TEST BANK',
  ACH_COMPANY_NAME: 'TRADELOOP INC',
  ACH_COMPANY_ID: '1234567890',
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

  describe('ACH settings', () => {
    it('demo mode runs on the documented sample values', () => {
      const { ach } = loadConfig({}, []);
      expect(ach).toMatchObject({ ...DEMO_ACH, entryDescription: 'TRADE-IN', cutoff: '16:00', sameDay: false, sameDayCutoffs: ['10:30', '14:45'] });
    });

    it('an invalid ODFI routing number refuses to start and says why', () => {
      expect(problemsOf({ ACH_ODFI_ROUTING: '021000022' })).toMatch(/ACH_ODFI_ROUTING: Routing number is not valid \(check digit does not match\)/);
      expect(problemsOf({ ACH_ODFI_ROUTING: '02100002' })).toMatch(/ACH_ODFI_ROUTING: Routing number must be exactly 9 digits/);
      expect(problemsOf({ ACH_ODFI_ROUTING: 'O21OOOO21' })).toMatch(/ACH_ODFI_ROUTING: .*9 digits/);
      expect(problemsOf({ ...PROD, ACH_ODFI_ROUTING: '800000000' })).toMatch(/ACH_ODFI_ROUTING: Routing number is not a US bank routing number/);
      expect(loadConfig({ ACH_ODFI_ROUTING: ' 011000015 ' }, []).ach.odfiRouting).toBe('011000015');
    });

    it('checks the lengths the NACHA fields allow', () => {
      expect(problemsOf({ ACH_COMPANY_ID: '123456789' })).toMatch(/ACH_COMPANY_ID: is 9 characters; must be exactly 10/);
      expect(problemsOf({ ACH_COMPANY_ID: '12345678901' })).toMatch(/ACH_COMPANY_ID: is 11 characters/);
      expect(problemsOf({ ACH_COMPANY_NAME: 'TRADELOOP MARKETS' })).toMatch(/ACH_COMPANY_NAME: is 17 characters; must be 1 to 16/);
      expect(problemsOf({ ACH_COMPANY_NAME: 'Trädeloop' })).toMatch(/ACH_COMPANY_NAME: must be plain ASCII/);
      expect(problemsOf({ ACH_ENTRY_DESCRIPTION: 'TRADE-IN PAY' })).toMatch(/ACH_ENTRY_DESCRIPTION: is 12 characters; must be 1 to 10/);
      expect(problemsOf({ ACH_ODFI_NAME: 'A'.repeat(24) })).toMatch(/ACH_ODFI_NAME: is 24 characters; must be 1 to 23/);
      expect(loadConfig({ ACH_COMPANY_NAME: 'A'.repeat(16), ACH_ODFI_NAME: 'B'.repeat(23), ACH_ENTRY_DESCRIPTION: 'C'.repeat(10), ACH_COMPANY_ID: '1234567890' }, []).ach.companyName).toBe('A'.repeat(16));
    });

    it('checks the cutoffs: HH:MM, same-day ones ascending and before the standard one', () => {
      for (const bad of ['24:00', '4pm', '16:60', '9:30']) expect(problemsOf({ ACH_CUTOFF: bad }), bad).toMatch(/ACH_CUTOFF: must be HH:MM from 00:00 to 23:59/);
      expect(loadConfig({ ACH_CUTOFF: '23:59' }, []).ach.cutoff).toBe('23:59');
      expect(loadConfig({ ACH_CUTOFF: '00:00' }, []).ach.cutoff).toBe('00:00');
      expect(problemsOf({ ACH_SAME_DAY_CUTOFFS: '10:30,25:00' })).toMatch(/ACH_SAME_DAY_CUTOFFS: each must be HH:MM .*"25:00"/);
      expect(problemsOf({ ACH_SAME_DAY_CUTOFFS: '14:45,10:30' })).toMatch(/ACH_SAME_DAY_CUTOFFS: must be in ascending order/);
      expect(problemsOf({ ACH_SAME_DAY_CUTOFFS: '10:30,10:30' })).toMatch(/ACH_SAME_DAY_CUTOFFS: must be in ascending order/);
      expect(problemsOf({ ACH_SAME_DAY: 'true', ACH_CUTOFF: '14:00' })).toMatch(/ACH_SAME_DAY_CUTOFFS: every same-day cutoff must come before the standard cutoff ACH_CUTOFF=14:00/);
      expect(problemsOf({ ACH_SAME_DAY: 'true', ACH_CUTOFF: '14:45' })).toMatch(/before the standard cutoff/);
      // With Same Day ACH off, the same-day cutoffs are not used, so a late one does not stop the start.
      expect(loadConfig({ ACH_CUTOFF: '14:00' }, []).ach.sameDay).toBe(false);
      const on = loadConfig({ ACH_SAME_DAY: 'true', ACH_SAME_DAY_CUTOFFS: ' 09:00, 12:15 ,15:30' }, []).ach;
      expect(on).toMatchObject({ sameDay: true, sameDayCutoffs: ['09:00', '12:15', '15:30'], cutoff: '16:00' });
    });

    it('production requires the bank settings and refuses the demo values', () => {
      for (const name of ['ACH_ODFI_ROUTING', 'ACH_ODFI_NAME', 'ACH_COMPANY_NAME', 'ACH_COMPANY_ID'] as const) {
        const env: Record<string, string> = { ...PROD };
        delete env[name];
        expect(problemsOf(env)).toMatch(new RegExp(`${name}: required in production mode`));
      }
      expect(problemsOf({ ...PROD, ACH_ODFI_ROUTING: DEMO_ACH.odfiRouting })).toMatch(/ACH_ODFI_ROUTING: is the demo value "021000021"/);
      expect(problemsOf({ ...PROD, ACH_COMPANY_ID: DEMO_ACH.companyId })).toMatch(/ACH_COMPANY_ID: is the demo value/);
      expect(problemsOf({ ...PROD, ACH_COMPANY_NAME: 'tradeloop demo' })).toMatch(/ACH_COMPANY_NAME: is the demo value/);
      expect(problemsOf({ ...PROD, ACH_ODFI_NAME: DEMO_ACH.odfiName })).toMatch(/ACH_ODFI_NAME: is the demo value/);
      expect(loadConfig(PROD, []).ach).toMatchObject({ odfiRouting: '011000015', odfiName: 'FIRST TEST BANK', companyName: 'TRADELOOP INC', companyId: '1234567890' });
    });

    it('lists every ACH problem at once', () => {
      const message = problemsOf({ ACH_ODFI_ROUTING: '123', ACH_COMPANY_ID: 'x', ACH_CUTOFF: 'noon' });
      expect(message).toMatch(/ACH_ODFI_ROUTING/);
      expect(message).toMatch(/ACH_COMPANY_ID/);
      expect(message).toMatch(/ACH_CUTOFF/);
    });
  });
});
