import type { TMe } from '../../../shared/api/accounts.ts';

/** The steps the seller sees in the progress bar, in order. */
export const STEPS = ['Account', 'Details', 'Identity', 'Payout', 'Accept'] as const;
export type Step = (typeof STEPS)[number];

/** Where the flow is: one of the steps, or a state that is not a step (waiting, refused). */
export type StepState = Step | 'loading' | 'underage' | 'not-seller' | 'confirm-email';

/**
 * Steps already complete (GET /api/me readiness) are skipped, so a returning seller goes
 * straight to "Accept"; a step being edited from the review comes first.
 */
export function currentStep(s: { signedIn: boolean; sessionPending: boolean; me: TMe | undefined; editing: Step | null; payoutLater: boolean }): StepState {
  if (s.sessionPending) return 'loading';
  if (!s.signedIn) return 'Account';
  if (!s.me) return 'loading';
  if (s.me.user.role !== 'seller') return 'not-seller';
  if (s.editing) return s.editing;
  const r = s.me.readiness;
  if (!r.profileComplete) return 'Details';
  if (!r.isAdult) return 'underage';
  if (!r.identityComplete) return 'Identity';
  if (!r.payoutComplete && !s.payoutLater) return 'Payout';
  // The server refuses the accept until the address is confirmed (email_unverified).
  if (!r.emailVerified) return 'confirm-email';
  return 'Accept';
}

/** The progress bar's step for any state: the refusals sit at "Details", where they are found; the e-mail check at "Accept". */
export function progressOf(step: StepState): Step {
  if (step === 'confirm-email') return 'Accept';
  return (STEPS as readonly string[]).includes(step) ? (step as Step) : 'Details';
}
