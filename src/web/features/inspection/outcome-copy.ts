import type { InspectionOutcome } from '../../../shared/api/inspection.ts';

export const OUTCOME_LABEL: Record<InspectionOutcome, string> = {
  match: 'Approved: matches the assessment',
  counteroffer: 'Counteroffer',
  lock_hold: 'Lock hold: still linked to an account',
  refused: 'Refused and returned',
};

/** The submit button says what it will do. */
export const OUTCOME_ACTION: Record<InspectionOutcome, string> = {
  match: 'Approve',
  counteroffer: 'Send the counteroffer',
  lock_hold: 'Ask the seller to remove the account',
  refused: 'Refuse and return the device',
};
