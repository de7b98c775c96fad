/**
 * Answers → grade. Pure and deterministic: the same answers always give the same grade, on the
 * server and in the browser.
 */
import { GRADE_MEANING, gradeRank, worseGrade } from './grade.ts';
import type { Grade } from './grade.ts';
import type { Answers, CategoryId, GradeReason, GradeResult } from './catalog-types.ts';
import { GRADING_RULES, QUESTIONNAIRES } from './questionnaires.ts';

/**
 * The grade is the worst cap over all answers; the reasons are the answers whose cap is below
 * Flawless, worst first (ties keep question order).
 * Expects validated answers (see `validateAnswers`): throws a plain Error on a missing or unknown answer.
 */
export function gradeAnswers(category: CategoryId, answers: Answers): GradeResult {
  const questionnaire = QUESTIONNAIRES[category];
  const rules = GRADING_RULES[category];
  if (!questionnaire || !rules) throw new Error(`Unknown category '${String(category)}'`);

  let grade: Grade = 'Flawless';
  const reasons: GradeReason[] = [];
  for (const question of questionnaire.questions) {
    const optionId = Object.hasOwn(answers, question.id) ? answers[question.id] : undefined;
    if (optionId === undefined) throw new Error(`Missing answer for ${category} question '${question.id}'`);
    const option = question.options.find((o) => o.id === optionId);
    const rule = option && Object.hasOwn(rules, question.id) ? rules[question.id]?.[option.id] : undefined;
    if (!option || !rule) throw new Error(`Unknown option '${String(optionId)}' for ${category} question '${question.id}'`);

    grade = worseGrade(grade, rule.cap);
    if (rule.cap !== 'Flawless') {
      reasons.push({
        questionId: question.id,
        question: question.text,
        answer: option.label,
        cap: rule.cap,
        reason: rule.reason ?? GRADE_MEANING[rule.cap],
      });
    }
  }
  // Array.prototype.sort is stable, so equal caps stay in question order.
  reasons.sort((a, b) => gradeRank(b.cap) - gradeRank(a.cap));
  return { grade, reasons };
}

export type ValidateAnswersResult = { ok: true; answers: Answers } | { ok: false; fields: Record<string, string> };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Checks untrusted answers against the category's questionnaire and reports every problem, keyed
 * by field path (`answers.<questionId>`). On success returns a clean copy holding only known keys.
 */
export function validateAnswers(category: CategoryId, answers: unknown): ValidateAnswersResult {
  const questionnaire = QUESTIONNAIRES[category];
  if (!questionnaire) return { ok: false, fields: { category: `Unknown category '${String(category)}'` } };
  if (!isPlainObject(answers)) return { ok: false, fields: { answers: 'Answers must be an object of questionId → optionId' } };

  const fields: Record<string, string> = {};
  const clean: Answers = {};
  const known = new Set(questionnaire.questions.map((q) => q.id));

  for (const key of Object.keys(answers)) {
    if (!known.has(key)) fields[`answers.${key}`] = `Unknown question for ${category}`;
  }
  for (const question of questionnaire.questions) {
    const field = `answers.${question.id}`;
    const expected = question.options.map((o) => o.id).join(', ');
    if (!Object.hasOwn(answers, question.id) || answers[question.id] === undefined || answers[question.id] === null) {
      fields[field] = 'Answer required';
      continue;
    }
    const value = answers[question.id];
    if (typeof value !== 'string') {
      fields[field] = `Answer must be a string; expected one of: ${expected}`;
    } else if (!question.options.some((o) => o.id === value)) {
      fields[field] = `Unknown option '${value}'; expected one of: ${expected}`;
    } else {
      clean[question.id] = value;
    }
  }
  return Object.keys(fields).length > 0 ? { ok: false, fields } : { ok: true, answers: clean };
}
