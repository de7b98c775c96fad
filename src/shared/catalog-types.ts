import type { Grade } from './grade.ts';

export const CATEGORY_IDS = ['smartphones', 'tablets', 'laptops', 'consoles', 'smartwatches', 'headphones'] as const;
export type CategoryId = (typeof CATEGORY_IDS)[number];

/** One single-choice question. `caps` is the best grade a device can still have with that answer. */
export interface QuestionOption {
  id: string;
  label: string;
}
export interface Question {
  id: string;
  text: string;
  help?: string;
  options: QuestionOption[];
}
export interface Questionnaire {
  category: CategoryId;
  questions: Question[];
}

/** The grading rule for one option: the best grade still possible, and why (shown to the seller). */
export interface OptionRule {
  cap: Grade;
  reason?: string;
}
/** questionId → optionId → rule. Every option of every question has a rule. */
export type GradingRules = Record<string, Record<string, OptionRule>>;

export type Answers = Record<string, string>;

export interface GradeReason {
  questionId: string;
  question: string;
  answer: string;
  cap: Grade;
  reason: string;
}
export interface GradeResult {
  grade: Grade;
  /** Answers that pulled the grade below Flawless, worst first. Empty for Flawless. */
  reasons: GradeReason[];
}
