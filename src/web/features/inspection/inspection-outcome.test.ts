import { describe, expect, it } from 'vitest';
import { QUESTIONNAIRES } from '../../../shared/questionnaires.ts';
import { answersToSend, defectSubjects, previewOutcome, questionsToAnswer, verifiedGradeOf, type InspectionDraft } from './inspection-outcome.ts';

// The seller's best answers for a phone: every question's first option (Flawless).
const declared = Object.fromEntries(QUESTIONNAIRES.smartphones.questions.map((q) => [q.id, q.options[0]!.id]));
const { account_lock: _lock, ...asDeclared } = declared;
const draft = (over: Partial<InspectionDraft> = {}): InspectionDraft => ({
  answers: { ...asDeclared },
  accessories: { 'USB-C cable': true },
  stillLinked: false,
  refusal: null,
  ...over,
});

describe('the inspection form’s preview', () => {
  it('leaves the account question to the "still linked" choice', () => {
    expect(questionsToAnswer('smartphones').map((q) => q.id)).not.toContain('account_lock');
    expect(answersToSend('smartphones', draft()).account_lock).toBe('signed_out');
    expect(answersToSend('smartphones', draft({ stillLinked: true })).account_lock).toBe('still_linked');
  });

  it('has no grade until every question is answered', () => {
    const { screen: _s, ...partial } = asDeclared;
    expect(verifiedGradeOf('smartphones', draft({ answers: partial }))).toBeNull();
    expect(previewOutcome('smartphones', 'Flawless', draft({ answers: partial }))).toBeNull();
  });

  it('approves a match, and a device better than declared at the offer price', () => {
    expect(previewOutcome('smartphones', 'Flawless', draft())).toBe('match');
    expect(previewOutcome('smartphones', 'Good', draft())).toBe('match');
    expect(defectSubjects('smartphones', { ...declared, screen: 'light' }, draft())).toEqual([]);
  });

  it('counteroffers a worse grade, naming each worse answer with the rule’s reason', () => {
    const d = draft({ answers: { ...asDeclared, screen: 'scratched' } });
    expect(verifiedGradeOf('smartphones', d)).toBe('Fair');
    expect(previewOutcome('smartphones', 'Flawless', d)).toBe('counteroffer');
    expect(defectSubjects('smartphones', declared, d)).toEqual([
      { subject: 'screen', label: 'What condition is the screen in?', suggestedReason: 'The screen has visible scratches.' },
    ]);
  });

  it('counteroffers a missing mandatory accessory at the same grade', () => {
    const d = draft({ accessories: { 'USB-C cable': false } });
    expect(previewOutcome('smartphones', 'Flawless', d)).toBe('counteroffer');
    expect(defectSubjects('smartphones', declared, d).map((x) => x.subject)).toEqual(['accessory:USB-C cable']);
  });

  it('puts a refusal before a lock hold, and a lock hold before a counteroffer', () => {
    const worse = { ...asDeclared, screen: 'cracked' };
    expect(previewOutcome('smartphones', 'Flawless', draft({ answers: worse, stillLinked: true, refusal: 'counterfeit' }))).toBe('refused');
    expect(previewOutcome('smartphones', 'Flawless', draft({ answers: worse, stillLinked: true }))).toBe('lock_hold');
  });
});
