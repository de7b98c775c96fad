import type { AchCorrectedField } from '../payouts.tables.ts';

/**
 * The bank's reasons, from the Nacha Operating Rules (Appendix Four: return reason codes;
 * Appendix Five: change codes). `reason` is what the seller reads; `sellerCanFix` says whether
 * giving corrected bank details can get the payment through (a new payout follows them).
 */
export interface ReturnCode {
  readonly title: string;
  readonly reason: string;
  readonly sellerCanFix: boolean;
}

const FIX_DETAILS = 'Please check your bank details, correct them in your account, and we will send the payment again.';
const CONTACT_US = 'Your bank sent the payment back for a reason that new bank details will not fix. We will contact you; you can also reply to this e-mail.';
const OURS = 'Your bank sent the payment back because of a problem on our side. We are fixing it and will send the payment again; you do not need to do anything.';

function fixable(title: string, reason: string): ReturnCode {
  return { title, reason: `${reason} ${FIX_DETAILS}`, sellerCanFix: true };
}

function notFixable(title: string, reason: string = CONTACT_US): ReturnCode {
  return { title, reason, sellerCanFix: false };
}

export const RETURN_CODES: Readonly<Record<string, ReturnCode>> = Object.freeze({
  R01: notFixable('Insufficient funds', 'Your bank reported insufficient funds on a payment to you, which should not happen for a deposit. We will contact you; you can also reply to this e-mail.'),
  R02: fixable('Account closed', 'Your bank says the account you gave us is closed.'),
  R03: fixable('No account / unable to locate account', 'Your bank could not find an account with the number and name you gave us.'),
  R04: fixable('Invalid account number structure', 'Your bank says the account number you gave us is not a valid account number.'),
  R05: notFixable('Unauthorized debit to consumer account using corporate SEC code'),
  R06: notFixable('Returned per ODFI request', OURS),
  R07: notFixable('Authorization revoked by customer'),
  R08: notFixable('Payment stopped'),
  R09: notFixable('Uncollected funds'),
  R10: notFixable('Customer advises originator is not known to receiver and/or not authorized'),
  R11: notFixable('Customer advises entry not in accordance with the terms of the authorization'),
  R12: fixable('Account sold to another DFI', 'Your bank says your account has moved to another bank.'),
  R13: fixable('Invalid ACH routing number', 'Your bank says the routing number you gave us is not one that can receive ACH payments.'),
  R14: notFixable('Representative payee deceased or unable to continue in that capacity'),
  R15: notFixable('Beneficiary or account holder (other than a representative payee) deceased'),
  R16: notFixable('Account frozen / entry returned per OFAC instruction', 'Your bank says the account is frozen. Please contact your bank; once it is resolved, or if you want the payment to go to another account, update your bank details.'),
  R17: fixable('File record edit criteria / entry with invalid account number initiated under questionable circumstances', 'Your bank could not process the payment with the details you gave us.'),
  R18: notFixable('Improper effective entry date', OURS),
  R19: notFixable('Amount field error', OURS),
  R20: fixable('Non-transaction account', 'Your bank says the account you gave us cannot receive deposits of this kind (for example a savings account with withdrawal limits or a loan account). Please give a checking account.'),
  R21: notFixable('Invalid company identification', OURS),
  R22: notFixable('Invalid individual ID number', OURS),
  R23: fixable('Credit entry refused by receiver', 'Your bank says the account holder refused the payment. If this was a mistake, check your bank details.'),
  R24: notFixable('Duplicate entry', OURS),
  R25: notFixable('Addenda error', OURS),
  R26: notFixable('Mandatory field error', OURS),
  R27: notFixable('Trace number error', OURS),
  R28: fixable('Routing number check digit error', 'Your bank says the routing number you gave us is not valid.'),
  R29: notFixable('Corporate customer advises not authorized'),
  R30: notFixable('RDFI not participant in check truncation program'),
  R31: notFixable('Permissible return entry (CCD and CTX only)'),
  R32: notFixable('RDFI non-settlement', 'Your bank could not settle the payment. We will send it again; if it happens again we will contact you.'),
  R33: notFixable('Return of XCK entry'),
  R34: fixable('Limited participation DFI', 'Your bank cannot receive this kind of payment into the account you gave us.'),
  R35: notFixable('Return of improper debit entry'),
  R36: notFixable('Return of improper credit entry', OURS),
  R37: notFixable('Source document presented for payment'),
  R38: notFixable('Stop payment on source document'),
  R39: notFixable('Improper source document / source document presented for payment'),
  R40: notFixable('Return of ENR entry by federal government agency'),
  R41: notFixable('Invalid transaction code (ENR)'),
  R42: notFixable('Routing number / check digit error (ENR)'),
  R43: notFixable('Invalid DFI account number (ENR)'),
  R44: notFixable('Invalid individual ID number / identification number (ENR)'),
  R45: notFixable('Invalid individual name / company name (ENR)'),
  R46: notFixable('Invalid representative payee indicator (ENR)'),
  R47: notFixable('Duplicate enrollment (ENR)'),
  R50: notFixable('State law affecting RCK acceptance'),
  R51: notFixable('Item related to RCK entry is ineligible or RCK entry is improper'),
  R52: notFixable('Stop payment on item related to RCK entry'),
  R53: notFixable('Item and RCK entry presented for payment'),
  R61: notFixable('Misrouted return', OURS),
  R62: notFixable('Return of erroneous or reversing debit', OURS),
  R67: notFixable('Duplicate return', OURS),
  R68: notFixable('Untimely return', OURS),
  R69: notFixable('Field error(s)', OURS),
  R70: notFixable('Permissible return entry not accepted / return not requested by ODFI', OURS),
  R71: notFixable('Misrouted dishonored return', OURS),
  R72: notFixable('Untimely dishonored return', OURS),
  R73: notFixable('Timely original return', OURS),
  R74: notFixable('Corrected return', OURS),
  R75: notFixable('Return not a duplicate', OURS),
  R76: notFixable('No errors found', OURS),
  R77: notFixable('Non-acceptance of R62 dishonored return', OURS),
  R80: notFixable('IAT entry coding error', OURS),
  R81: notFixable('Non-participant in IAT program'),
  R82: notFixable('Invalid foreign receiving DFI identification'),
  R83: notFixable('Foreign receiving DFI unable to settle'),
  R84: notFixable('Entry not processed by gateway'),
  R85: notFixable('Incorrectly coded outbound international payment', OURS),
});

/**
 * A notification of change: which field the bank corrects. `field` is null for corrections a
 * seller cannot confirm (our own company data, IAT-only codes, a refused change): a file that
 * carries one is refused and the operator takes it up with the bank.
 */
export interface ChangeCode {
  readonly title: string;
  readonly field: AchCorrectedField | null;
}

export const CHANGE_CODES: Readonly<Record<string, ChangeCode>> = Object.freeze({
  C01: { title: 'Incorrect DFI account number', field: 'account_number' },
  C02: { title: 'Incorrect routing number', field: 'routing_number' },
  C03: { title: 'Incorrect routing number and incorrect DFI account number', field: 'routing_and_account' },
  C04: { title: 'Incorrect individual name / receiving company name', field: 'holder_name' },
  C05: { title: 'Incorrect transaction code', field: 'account_type' },
  C06: { title: 'Incorrect DFI account number and incorrect transaction code', field: 'account_and_type' },
  // Routing, account and type: stored as routing_and_account with the account type alongside.
  C07: { title: 'Incorrect routing number, incorrect DFI account number, and incorrect transaction code', field: 'routing_and_account' },
  C08: { title: 'Incorrect receiving DFI identification (IAT only)', field: null },
  C09: { title: 'Incorrect individual identification number', field: null },
  C10: { title: 'Incorrect company name', field: null },
  C11: { title: 'Incorrect company identification', field: null },
  C12: { title: 'Incorrect company name and company identification', field: null },
  C13: { title: 'Addenda format error', field: null },
  C14: { title: 'Incorrect SEC code for outbound international payment', field: null },
});
