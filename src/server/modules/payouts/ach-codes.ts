import { CHANGE_CODES, RETURN_CODES, type AchFileItem } from './nacha/index.ts';

/** One entry of the bank's returns file, as the reader gives it. */
export type ReturnItem = AchFileItem;

export interface AchCodeInfo {
  /** The code's name (R03 "No account / unable to locate account"). */
  title: string;
  /** What the seller is told (for a return: whether new bank details will fix it). */
  reason: string;
  /** Whether corrected bank details can get the payment through (always, for a notification of change). */
  sellerCanFix: boolean;
  known: boolean;
}

/** The meaning of a return (R…) or change (C…) code, from the reader's tables (Nacha Appendix Four and Five). */
export function achCodeInfo(code: string): AchCodeInfo {
  if (code.startsWith('C')) {
    const change = CHANGE_CODES[code];
    return change
      ? { title: change.title, reason: `Your bank reports: ${change.title.toLowerCase()}`, sellerCanFix: true, known: true }
      : { title: code, reason: 'Your bank reports a change to your account details', sellerCanFix: true, known: false };
  }
  const ret = RETURN_CODES[code];
  return ret
    ? { title: ret.title, reason: ret.reason, sellerCanFix: ret.sellerCanFix, known: true }
    : { title: code, reason: 'Your bank sent the payment back.', sellerCanFix: false, known: false };
}
