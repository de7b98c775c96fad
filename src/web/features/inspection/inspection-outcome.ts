import type { InspectionOutcome, RefusalReason } from '../../../shared/api/inspection.ts';
import type { CategoryId, Question } from '../../../shared/catalog-types.ts';
import { gradeRank, type Grade } from '../../../shared/grade.ts';
import { gradeAnswers } from '../../../shared/grading.ts';
import { GRADING_RULES, QUESTIONNAIRES } from '../../../shared/questionnaires.ts';

/**
 * The questionnaire's own "signed out of every account?" question: on the inspection form it is
 * answered by the "still linked to an account" choice, so the two can never disagree.
 */
export const ACCOUNT_LOCK_QUESTION = 'account_lock';
const LINKED = 'still_linked';
const SIGNED_OUT = 'signed_out';

export interface InspectionDraft {
  /** questionId → optionId, as the inspector answered (the account question excluded). */
  answers: Record<string, string>;
  /** Mandatory accessory → present. */
  accessories: Record<string, boolean>;
  stillLinked: boolean;
  refusal: RefusalReason | null;
}

/** The questions the inspector answers by hand (everything but the account question). */
export function questionsToAnswer(category: CategoryId): Question[] {
  return QUESTIONNAIRES[category].questions.filter((q) => q.id !== ACCOUNT_LOCK_QUESTION);
}

/** The answers as the server grades them: the account question filled from "still linked". */
export function answersToSend(category: CategoryId, draft: Pick<InspectionDraft, 'answers' | 'stillLinked'>): Record<string, string> {
  const hasLockQuestion = QUESTIONNAIRES[category].questions.some((q) => q.id === ACCOUNT_LOCK_QUESTION);
  return hasLockQuestion ? { ...draft.answers, [ACCOUNT_LOCK_QUESTION]: draft.stillLinked ? LINKED : SIGNED_OUT } : { ...draft.answers };
}

/** The verified grade by the same code as the quote, or null while a question is unanswered. */
export function verifiedGradeOf(category: CategoryId, draft: Pick<InspectionDraft, 'answers' | 'stillLinked'>): Grade | null {
  const answers = answersToSend(category, draft);
  if (QUESTIONNAIRES[category].questions.some((q) => !answers[q.id])) return null;
  return gradeAnswers(category, answers).grade;
}

/** A reason the counteroffer has to give: a question answered worse than declared, or a missing accessory. */
export interface DefectSubject {
  subject: string;
  label: string;
  /** What the grading rules say about the verified answer: a starting point for the inspector's words. */
  suggestedReason: string;
}

export function defectSubjects(category: CategoryId, declared: Record<string, string>, draft: InspectionDraft): DefectSubject[] {
  const rules = GRADING_RULES[category];
  const answers = answersToSend(category, draft);
  const out: DefectSubject[] = [];
  for (const q of QUESTIONNAIRES[category].questions) {
    const was = declared[q.id];
    const now = answers[q.id];
    if (!now || now === was) continue;
    const before = was ? rules[q.id]?.[was]?.cap : undefined;
    const after = rules[q.id]?.[now];
    // A better answer than declared is no defect: the offer price stands (docs/product.md §2).
    if (!after || (before && gradeRank(after.cap) <= gradeRank(before))) continue;
    const option = q.options.find((o) => o.id === now);
    out.push({ subject: q.id, label: q.text, suggestedReason: after.reason ?? option?.label ?? '' });
  }
  for (const [name, present] of Object.entries(draft.accessories)) {
    if (!present) out.push({ subject: `accessory:${name}`, label: `Missing: ${name}`, suggestedReason: `The ${name} was not in the box.` });
  }
  return out;
}

/** The outcome the server will decide from the same facts, in its order of precedence. */
export function previewOutcome(category: CategoryId, declaredGrade: Grade, draft: InspectionDraft): InspectionOutcome | null {
  if (draft.refusal) return 'refused';
  if (draft.stillLinked) return 'lock_hold';
  const grade = verifiedGradeOf(category, draft);
  if (!grade) return null;
  // A better grade than declared keeps the offer price: only a worse one, or a missing accessory, changes it.
  const worse = gradeRank(grade) > gradeRank(declaredGrade);
  const missing = Object.values(draft.accessories).some((present) => !present);
  return worse || missing ? 'counteroffer' : 'match';
}
