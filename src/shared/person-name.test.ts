import { describe, expect, it } from 'vitest';
import { normalizePersonName, PERSON_NAME_MAX_LENGTH, ZPersonName } from './person-name.ts';

describe('the name rule', () => {
  it.each([
    ['  José  ', 'José'],
    ['Jose\u0301 Garci\u0301a', 'José García'], // decomposed accents → NFC
    ['Ada    Lovelace', 'Ada Lovelace'],
    ['Zoë\u00A0\u3000\u2009Smith', 'Zoë Smith'], // any run of Unicode spaces → one space
    ['محمد\u200Cرضا', 'محمد\u200Cرضا'], // a zero-width non-joiner between letters, as Persian spells it
    ['क्\u200Dष', 'क्\u200Dष'], // a joiner after a virama (a mark) and before a letter
    ['a'.repeat(PERSON_NAME_MAX_LENGTH), 'a'.repeat(PERSON_NAME_MAX_LENGTH)],
  ])('accepts %j as %j', (raw, stored) => {
    expect(ZPersonName.parse(raw)).toBe(stored);
    expect(normalizePersonName(raw)).toBe(stored);
  });

  it.each([
    ['empty', ''],
    ['only spaces', ' \u00A0 \u3000 '],
    ['too long', 'a'.repeat(PERSON_NAME_MAX_LENGTH + 1)],
    ['200,000 characters', 'a'.repeat(200_000)],
    ['right-to-left override', 'Bob\u202Egnp.exe'],
    ['each bidi embedding and override', '\u202AA\u202BB\u202CC\u202DD'],
    ['bidi isolates', 'A\u2066B\u2069'],
    ['first strong isolate', 'A\u2068B'],
    ['left-to-right mark', 'A\u200EB'],
    ['right-to-left mark', 'A\u200FB'],
    ['Arabic letter mark', 'A\u061CB'],
    ['zero-width space', 'Ad\u200Ba'],
    ['word joiner', 'Ad\u2060a'],
    ['a byte-order mark inside', 'Ad\uFEFFa'],
    ['soft hyphen', 'Ad\u00ADa'],
    ['a tag character', 'Ada\u{E0041}'],
    ['a joiner not between letters', 'Ada \u200DLovelace'],
    ['a tab inside', 'Ada\tLovelace'],
    ['a line break inside', 'Ada\nLovelace'],
    ['NUL', 'Ada\u0000'],
    ['DEL', 'Ada\u007F'],
    ['a C1 control', 'Ada\u0085Lovelace'],
    ['a line separator', 'Ada\u2028Lovelace'],
    ['not text', 42],
    ['null', null],
  ])('refuses %s', (_what, raw) => {
    expect(ZPersonName.safeParse(raw).success).toBe(false);
  });
});
