import { describe, expect, it } from 'vitest';
import { findUnsafeText, isUnsafeText, jsonNestsDeeperThan } from './safe-input.ts';

describe('unsafe text', () => {
  it('is U+0000 or an unpaired surrogate; pairs, bidi controls and other controls are text', () => {
    expect(['a\u0000', '\uD800', 'x\uDC00', '\uDBFF\uDBFF\uDC00', '\uDC00\uD800'].map(isUnsafeText)).toEqual([true, true, true, true, true]);
    expect(['😀', '\u202Eabc', '\u0001', 'plain', ''].map(isUnsafeText)).toEqual([false, false, false, false, false]);
  });

  it('is found in nested values and keys, with its path', () => {
    expect(findUnsafeText({ a: [1, { b: 'x\u0000' }] })).toBe('a.1.b');
    expect(findUnsafeText({ ['k\u0000']: 1 })).toBe('k\uFFFD');
    expect(findUnsafeText('\uD800', '')).toBe('');
    expect(findUnsafeText({ a: ['ok', 2, null, true] })).toBeUndefined();
  });
});

describe('JSON depth', () => {
  it('counts arrays and objects, not brackets inside strings or escaped quotes', () => {
    expect(jsonNestsDeeperThan('[[[1]]]', 3)).toBe(false);
    expect(jsonNestsDeeperThan('[[[[1]]]]', 3)).toBe(true);
    expect(jsonNestsDeeperThan('{"a":{"b":{"c":{}}}}', 3)).toBe(true);
    expect(jsonNestsDeeperThan(JSON.stringify({ s: '[[[[[[\\"{{{{' }), 3)).toBe(false);
    expect(jsonNestsDeeperThan('[' + '[]'.repeat(1000) + ']', 3)).toBe(false);
    expect(jsonNestsDeeperThan('['.repeat(1_000_000), 32)).toBe(true);
  });
});
