import { CATEGORY_IDS, type CategoryId } from '../../../shared/catalog-types.ts';
import { QUESTIONNAIRES } from '../../../shared/questionnaires.ts';

/** A category id from the server as the questionnaires know it (null: none of ours). */
export function categoryOf(id: string): CategoryId | null {
  return CATEGORY_IDS.find((c) => c === id) ?? null;
}

/** Answers (questionId → optionId) as the questions and options read, in questionnaire order. */
export function labelledAnswers(category: CategoryId | null, answers: Record<string, string>): { questionId: string; question: string; answer: string }[] {
  const questions = category ? QUESTIONNAIRES[category].questions : [];
  const known = questions
    .filter((q) => answers[q.id] !== undefined)
    .map((q) => ({ questionId: q.id, question: q.text, answer: q.options.find((o) => o.id === answers[q.id])?.label ?? answers[q.id]! }));
  // An answer to a question no longer asked still shows, by its ids.
  const other = Object.entries(answers)
    .filter(([id]) => !questions.some((q) => q.id === id))
    .map(([id, answer]) => ({ questionId: id, question: id, answer }));
  return [...known, ...other];
}
