import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { GRADES, gradeRank } from './grade.ts';
import type { Grade } from './grade.ts';
import { CATEGORY_IDS } from './catalog-types.ts';
import type { Answers, CategoryId } from './catalog-types.ts';
import { GRADING_RULES, QUESTIONNAIRES } from './questionnaires.ts';
import { gradeAnswers, validateAnswers } from './grading.ts';

function cap(category: CategoryId, questionId: string, optionId: string): Grade {
  const rule = GRADING_RULES[category][questionId]?.[optionId];
  if (!rule) throw new Error(`no rule for ${category}.${questionId}.${optionId}`);
  return rule.cap;
}

/** The best answer to every question (the first Flawless option), with some answers replaced. */
function answers(category: CategoryId, overrides: Answers = {}): Answers {
  const out: Answers = {};
  for (const q of QUESTIONNAIRES[category].questions) {
    const best = q.options.find((o) => cap(category, q.id, o.id) === 'Flawless');
    if (!best) throw new Error(`${category}.${q.id} has no Flawless option`);
    out[q.id] = best.id;
  }
  return { ...out, ...overrides };
}

type Case = [name: string, overrides: Answers, grade: Grade, reasonIds: string[]];

const CASES: Record<CategoryId, Case[]> = {
  smartphones: [
    ['all best answers', {}, 'Flawless', []],
    ['fine scratches on screen', { screen: 'light' }, 'Good', ['screen']],
    ['light wear on body', { body: 'light' }, 'Good', ['body']],
    ['battery 80–84%', { battery: 'medium' }, 'Good', ['battery']],
    ['visible scratch on body', { body: 'worn' }, 'Fair', ['body']],
    ['visible scratch on screen', { screen: 'scratched' }, 'Fair', ['screen']],
    ['battery below 80%', { battery: 'low' }, 'Fair', ['battery']],
    ['cracked screen', { screen: 'cracked' }, 'Broken', ['screen']],
    ['cracked back', { body: 'damaged' }, 'Broken', ['body']],
    ['does not power on', { powers_on: 'no' }, 'Broken', ['powers_on']],
    ['Face ID fault', { functions: 'fault' }, 'Broken', ['functions']],
    ['battery service', { battery: 'service' }, 'Broken', ['battery']],
    ['still linked to iCloud', { account_lock: 'still_linked' }, 'Broken', ['account_lock']],
    ['light screen + worn body', { screen: 'light', body: 'worn' }, 'Fair', ['body', 'screen']],
    [
      'light, fair and broken together',
      { screen: 'light', body: 'worn', battery: 'medium', functions: 'fault' },
      'Broken',
      ['functions', 'body', 'screen', 'battery'],
    ],
  ],
  tablets: [
    ['all best answers', {}, 'Flawless', []],
    ['light wear on body', { body: 'light' }, 'Good', ['body']],
    ['visible scratch on screen', { screen: 'scratched' }, 'Fair', ['screen']],
    ['cracked screen', { screen: 'cracked' }, 'Broken', ['screen']],
    ['does not power on', { powers_on: 'no' }, 'Broken', ['powers_on']],
    ['camera fault', { functions: 'fault' }, 'Broken', ['functions']],
    ['still linked', { account_lock: 'still_linked' }, 'Broken', ['account_lock']],
    ['good battery + fair body', { battery: 'medium', body: 'worn' }, 'Fair', ['body', 'battery']],
  ],
  laptops: [
    ['all best answers', {}, 'Flawless', []],
    ['fine scratches on lid', { body: 'light' }, 'Good', ['body']],
    ['battery 80–84%', { battery: 'medium' }, 'Good', ['battery']],
    ['dent in case', { body: 'worn' }, 'Fair', ['body']],
    ['cracked screen', { screen: 'cracked' }, 'Broken', ['screen']],
    ['sticky keys', { keyboard_trackpad: 'fault' }, 'Broken', ['keyboard_trackpad']],
    ['dead USB-C port', { ports_functions: 'fault' }, 'Broken', ['ports_functions']],
    ['firmware password', { account_lock: 'still_linked' }, 'Broken', ['account_lock']],
    [
      'two faults keep question order',
      { ports_functions: 'fault', keyboard_trackpad: 'fault', screen: 'light' },
      'Broken',
      ['keyboard_trackpad', 'ports_functions', 'screen'],
    ],
  ],
  consoles: [
    ['all best answers (home console)', {}, 'Flawless', []],
    ['handheld with a perfect screen', { screen: 'flawless', disc_drive: 'no_drive' }, 'Flawless', []],
    ['light scuffs on housing', { body: 'light' }, 'Good', ['body']],
    ['handheld screen fine scratches', { screen: 'light' }, 'Good', ['screen']],
    ['visible scratches on housing', { body: 'worn' }, 'Fair', ['body']],
    ['stick drift', { controllers: 'fault' }, 'Broken', ['controllers']],
    ['disc drive fault', { disc_drive: 'fault' }, 'Broken', ['disc_drive']],
    ['does not power on', { powers_on: 'no' }, 'Broken', ['powers_on']],
    ['still linked to PSN', { account_lock: 'still_linked' }, 'Broken', ['account_lock']],
  ],
  smartwatches: [
    ['all best answers', {}, 'Flawless', []],
    ['fine scratches on screen', { screen: 'light' }, 'Good', ['screen']],
    ['dented case', { body: 'worn' }, 'Fair', ['body']],
    ['battery below 80%', { battery: 'low' }, 'Fair', ['battery']],
    ['cracked screen', { screen: 'cracked' }, 'Broken', ['screen']],
    ['heart-rate sensor fault', { functions: 'fault' }, 'Broken', ['functions']],
    ['still paired', { account_lock: 'still_linked' }, 'Broken', ['account_lock']],
    ['mixed', { screen: 'scratched', body: 'light', battery: 'low' }, 'Fair', ['screen', 'battery', 'body']],
  ],
  headphones: [
    ['all best answers', {}, 'Flawless', []],
    ['over-ear, no case', { charging_case: 'not_applicable' }, 'Flawless', []],
    ['light scuffs', { body: 'light' }, 'Good', ['body']],
    ['slightly shorter battery', { battery: 'medium' }, 'Good', ['battery']],
    ['worn cushions', { body: 'worn' }, 'Fair', ['body']],
    ['one side silent', { sound: 'fault' }, 'Broken', ['sound']],
    ['case missing', { charging_case: 'fault' }, 'Broken', ['charging_case']],
    ['still in Find My', { account_lock: 'still_linked' }, 'Broken', ['account_lock']],
    ['does not power on', { powers_on: 'no' }, 'Broken', ['powers_on']],
  ],
};

describe('gradeAnswers', () => {
  for (const category of CATEGORY_IDS) {
    describe(category, () => {
      it.each(CASES[category])('%s', (_name, overrides, grade, reasonIds) => {
        const result = gradeAnswers(category, answers(category, overrides));
        expect(result.grade).toBe(grade);
        expect(result.reasons.map((r) => r.questionId)).toEqual(reasonIds);
      });
    });
  }

  it('reasons carry the question, the chosen label, the cap and the rule’s reason, worst first', () => {
    const result = gradeAnswers('smartphones', answers('smartphones', { screen: 'light', body: 'damaged' }));
    expect(result.grade).toBe('Broken');
    const screenQ = QUESTIONNAIRES.smartphones.questions.find((q) => q.id === 'screen')!;
    const bodyQ = QUESTIONNAIRES.smartphones.questions.find((q) => q.id === 'body')!;
    expect(result.reasons).toEqual([
      {
        questionId: 'body',
        question: bodyQ.text,
        answer: bodyQ.options.find((o) => o.id === 'damaged')!.label,
        cap: 'Broken',
        reason: GRADING_RULES.smartphones.body!.damaged!.reason,
      },
      {
        questionId: 'screen',
        question: screenQ.text,
        answer: screenQ.options.find((o) => o.id === 'light')!.label,
        cap: 'Good',
        reason: GRADING_RULES.smartphones.screen!.light!.reason,
      },
    ]);
  });

  it('account lock gives a reason telling the seller to remove it before shipping', () => {
    for (const category of CATEGORY_IDS) {
      const result = gradeAnswers(category, answers(category, { account_lock: 'still_linked' }));
      expect(result.grade).toBe('Broken');
      expect(result.reasons[0]?.reason).toMatch(/before shipping/);
    }
  });

  it('throws a plain Error on a missing or unknown answer', () => {
    const { screen: _omit, ...missing } = answers('smartphones');
    expect(() => gradeAnswers('smartphones', missing)).toThrow(Error);
    expect(() => gradeAnswers('smartphones', answers('smartphones', { screen: 'shattered' }))).toThrow(/Unknown option/);
  });

  it('ignores nothing: the same answers always give the same result', () => {
    const a = answers('laptops', { body: 'worn', battery: 'medium' });
    expect(gradeAnswers('laptops', a)).toEqual(gradeAnswers('laptops', { ...a }));
  });
});

describe('questionnaires and rules are consistent', () => {
  it('has one questionnaire with 4–7 questions per category', () => {
    expect(Object.keys(QUESTIONNAIRES).sort()).toEqual([...CATEGORY_IDS].sort());
    for (const category of CATEGORY_IDS) {
      const q = QUESTIONNAIRES[category];
      expect(q.category).toBe(category);
      expect(q.questions.length).toBeGreaterThanOrEqual(4);
      expect(q.questions.length).toBeLessThanOrEqual(7);
    }
  });

  it('uses unique snake_case ids and non-empty texts', () => {
    const snake = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
    for (const category of CATEGORY_IDS) {
      const questions = QUESTIONNAIRES[category].questions;
      expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
      for (const q of questions) {
        expect(q.id).toMatch(snake);
        expect(q.text.trim()).not.toBe('');
        expect(q.options.length).toBeGreaterThanOrEqual(2);
        expect(new Set(q.options.map((o) => o.id)).size).toBe(q.options.length);
        for (const o of q.options) {
          expect(o.id).toMatch(snake);
          expect(o.label.trim()).not.toBe('');
        }
      }
    }
  });

  it('every option of every question has a rule, and there are no rules for unknown questions or options', () => {
    for (const category of CATEGORY_IDS) {
      const rules = GRADING_RULES[category];
      const questions = QUESTIONNAIRES[category].questions;
      expect(Object.keys(rules).sort()).toEqual(questions.map((q) => q.id).sort());
      for (const q of questions) {
        const byOption = rules[q.id];
        expect(byOption, `${category}.${q.id}`).toBeDefined();
        expect(Object.keys(byOption!).sort()).toEqual(q.options.map((o) => o.id).sort());
        for (const o of q.options) {
          const rule = byOption![o.id];
          expect(rule, `${category}.${q.id}.${o.id}`).toBeDefined();
          expect(GRADES).toContain(rule!.cap);
          if (rule!.cap !== 'Flawless') expect(rule!.reason?.trim(), `${category}.${q.id}.${o.id} reason`).toBeTruthy();
        }
      }
    }
  });

  it('every question can be answered Flawless and every grade is reachable', () => {
    for (const category of CATEGORY_IDS) {
      const caps = new Set<Grade>();
      for (const q of QUESTIONNAIRES[category].questions) {
        const qcaps = q.options.map((o) => cap(category, q.id, o.id));
        expect(qcaps, `${category}.${q.id}`).toContain('Flawless');
        qcaps.forEach((c) => caps.add(c));
      }
      expect([...caps].sort()).toEqual([...GRADES].sort());
    }
  });

  it('asks the essentials everywhere: powers on, condition, and account lock', () => {
    for (const category of CATEGORY_IDS) {
      const ids = QUESTIONNAIRES[category].questions.map((q) => q.id);
      expect(ids).toContain('powers_on');
      expect(ids).toContain('body');
      expect(ids).toContain('account_lock');
      expect(cap(category, 'powers_on', 'no')).toBe('Broken');
      expect(cap(category, 'account_lock', 'still_linked')).toBe('Broken');
    }
  });
});

describe('validateAnswers', () => {
  it('accepts a complete answer set and returns a clean copy', () => {
    const a = answers('smartphones');
    const result = validateAnswers('smartphones', a);
    expect(result).toEqual({ ok: true, answers: a });
    if (result.ok) expect(result.answers).not.toBe(a);
  });

  it('reports every missing answer', () => {
    const { screen: _s, battery: _b, ...rest } = answers('smartphones');
    expect(validateAnswers('smartphones', rest)).toEqual({
      ok: false,
      fields: { 'answers.screen': 'Answer required', 'answers.battery': 'Answer required' },
    });
  });

  it('reports an empty object as every question missing', () => {
    const result = validateAnswers('headphones', {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.fields).sort()).toEqual(
        QUESTIONNAIRES.headphones.questions.map((q) => `answers.${q.id}`).sort(),
      );
      expect(new Set(Object.values(result.fields))).toEqual(new Set(['Answer required']));
    }
  });

  it('reports unknown questions', () => {
    expect(validateAnswers('smartphones', { ...answers('smartphones'), colour: 'blue' })).toEqual({
      ok: false,
      fields: { 'answers.colour': 'Unknown question for smartphones' },
    });
  });

  it('reports unknown options with the expected list', () => {
    expect(validateAnswers('smartphones', answers('smartphones', { screen: 'shattered' }))).toEqual({
      ok: false,
      fields: { 'answers.screen': "Unknown option 'shattered'; expected one of: flawless, light, scratched, cracked" },
    });
  });

  it('reports non-string values', () => {
    const result = validateAnswers('smartphones', { ...answers('smartphones'), powers_on: true });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fields['answers.powers_on']).toMatch(/expected one of: yes, no/);
  });

  it('reports every problem at once', () => {
    const { battery: _b, ...rest } = answers('smartphones', { screen: 'shattered' });
    const result = validateAnswers('smartphones', { ...rest, colour: 'blue' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.fields).sort()).toEqual(['answers.battery', 'answers.colour', 'answers.screen']);
  });

  it('rejects another category’s answers', () => {
    const result = validateAnswers('smartphones', answers('laptops'));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.fields['answers.keyboard_trackpad']).toBe('Unknown question for smartphones');
      expect(result.fields['answers.ports_functions']).toBe('Unknown question for smartphones');
      expect(result.fields['answers.functions']).toBe('Answer required');
    }
    const consoles = validateAnswers('headphones', answers('consoles'));
    expect(consoles.ok).toBe(false);
    if (!consoles.ok) expect(consoles.fields['answers.disc_drive']).toBe('Unknown question for headphones');
  });

  it.each([null, undefined, 'yes', 42, [], ['yes'], new Date(), new Map()])('rejects non-object input %#', (input) => {
    const result = validateAnswers('smartphones', input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.fields)).toEqual(['answers']);
  });

  it('does not treat prototype keys as questions or answers', () => {
    const parsed: unknown = JSON.parse('{"__proto__": "x", "constructor": "y"}');
    const result = validateAnswers('smartphones', parsed);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.fields['answers.__proto__']).toBe('Unknown question for smartphones');
      expect(result.fields['answers.constructor']).toBe('Unknown question for smartphones');
      expect(result.fields['answers.powers_on']).toBe('Answer required');
    }
  });
});

describe('grading properties', () => {
  const validAnswerSet = fc.constantFrom(...CATEGORY_IDS).chain((category) =>
    fc
      .tuple(...QUESTIONNAIRES[category].questions.map((q) => fc.constantFrom(...q.options.map((o) => o.id))))
      .map((optionIds) => {
        const a: Answers = {};
        QUESTIONNAIRES[category].questions.forEach((q, i) => (a[q.id] = optionIds[i]!));
        return { category, answers: a };
      }),
  );

  it('the grade is the worst cap over all answers, and reasons are exactly the below-Flawless answers, worst first', () => {
    fc.assert(
      fc.property(validAnswerSet, ({ category, answers: a }) => {
        expect(validateAnswers(category, a).ok).toBe(true);
        const caps = Object.entries(a).map(([q, o]) => cap(category, q, o));
        const worst = GRADES[Math.max(...caps.map(gradeRank))]!;
        const result = gradeAnswers(category, a);
        expect(result.grade).toBe(worst);
        expect(result.reasons.length).toBe(caps.filter((c) => c !== 'Flawless').length);
        const ranks = result.reasons.map((r) => gradeRank(r.cap));
        expect(ranks).toEqual([...ranks].sort((x, y) => y - x));
        if (result.reasons.length > 0) expect(result.reasons[0]!.cap).toBe(worst);
      }),
    );
  });

  it('changing one answer to a worse-capped option never improves the grade', () => {
    fc.assert(
      fc.property(validAnswerSet, fc.nat(), fc.nat(), ({ category, answers: a }, qPick, oPick) => {
        const questions = QUESTIONNAIRES[category].questions;
        const q = questions[qPick % questions.length]!;
        const current = gradeRank(cap(category, q.id, a[q.id]!));
        const worse = q.options.filter((o) => gradeRank(cap(category, q.id, o.id)) >= current);
        const next = worse[oPick % worse.length]!;
        const before = gradeAnswers(category, a).grade;
        const after = gradeAnswers(category, { ...a, [q.id]: next.id }).grade;
        expect(gradeRank(after)).toBeGreaterThanOrEqual(gradeRank(before));
      }),
    );
  });
});
