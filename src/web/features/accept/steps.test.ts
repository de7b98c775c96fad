import { describe, expect, it } from 'vitest';
import type { TMe } from '../../../shared/api/accounts.ts';
import { currentStep, progressOf } from './steps.ts';

const ready = { profileComplete: true, isAdult: true, identityComplete: true, payoutComplete: true, emailVerified: true };
function me(readiness: Partial<TMe['readiness']> = {}, role: TMe['user']['role'] = 'seller'): TMe {
  return {
    user: { id: 'u1', email: 'a@example.com', name: 'A', role, refurbisherId: null },
    profile: null,
    identity: null,
    payoutMethod: null,
    readiness: { ...ready, ...readiness },
  } as TMe;
}
const at = (over: Partial<Parameters<typeof currentStep>[0]>) =>
  currentStep({ signedIn: true, sessionPending: false, me: me(), editing: null, payoutLater: false, ...over });

describe('the accept flow’s step', () => {
  it('waits for the session, then asks for an account, then for the seller’s details', () => {
    expect(at({ sessionPending: true })).toBe('loading');
    expect(at({ signedIn: false, me: undefined })).toBe('Account');
    expect(at({ me: undefined })).toBe('loading');
  });

  it('skips what is complete and stops at the first thing missing', () => {
    expect(at({ me: me({ profileComplete: false, isAdult: false, identityComplete: false, payoutComplete: false }) })).toBe('Details');
    expect(at({ me: me({ isAdult: false, identityComplete: false }) })).toBe('underage');
    expect(at({ me: me({ identityComplete: false, payoutComplete: false }) })).toBe('Identity');
    expect(at({ me: me({ payoutComplete: false }) })).toBe('Payout');
    expect(at({ me: me({ payoutComplete: false }), payoutLater: true })).toBe('Accept');
    expect(at({})).toBe('Accept');
  });

  it('asks to confirm the e-mail address after the details, before the review', () => {
    expect(at({ me: me({ emailVerified: false }) })).toBe('confirm-email');
    expect(at({ me: me({ emailVerified: false, payoutComplete: false }) })).toBe('Payout');
    expect(at({ me: me({ emailVerified: false, payoutComplete: false }), payoutLater: true })).toBe('confirm-email');
    expect(at({ me: me({ emailVerified: false, identityComplete: false }) })).toBe('Identity');
    expect(progressOf('confirm-email')).toBe('Accept');
  });

  it('refuses accounts that are not sellers, and puts an edited step first', () => {
    expect(at({ me: me({}, 'refurbisher') })).toBe('not-seller');
    expect(at({ editing: 'Identity' })).toBe('Identity');
  });

  it('shows refusals at "Details" in the progress bar', () => {
    expect(progressOf('underage')).toBe('Details');
    expect(progressOf('Payout')).toBe('Payout');
  });
});
