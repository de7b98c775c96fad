import { describe, expect, it } from 'vitest';
import { layoutEmail } from './layout.ts';
import { PermanentJobError } from '../jobs/index.ts';
import { assertNoProtectedData, MIN_GUARDED_LENGTH, ProtectedDataError } from './protected.ts';

const clean = { subject: 'Payment sent', text: 'We sent $123.00 to the account ending in 6789.', html: '<p>We sent $123.00</p>' };

describe('assertNoProtectedData', () => {
  it('passes a message without the values, and skips empty ones', () => {
    expect(() => assertNoProtectedData(clean, ['000123456789', '021000021', null, undefined, '  '])).not.toThrow();
  });

  it.each([
    ['subject', { ...clean, subject: 'Account 000123456789' }],
    ['text', { ...clean, text: 'routing: 021000021.' }],
    ['html', { ...clean, html: '<td>021000021</td>' }],
  ] as const)('finds a value in the %s, and does not repeat it in the error', (part, message) => {
    let error: unknown;
    try {
      assertNoProtectedData(message, ['000123456789', '021000021']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProtectedDataError);
    expect((error as ProtectedDataError).part).toBe(part);
    expect((error as Error).message).not.toMatch(/000123456789|021000021/);
  });

  it('compares letters case-insensitively and finds the escaped form in HTML', () => {
    expect(() => assertNoProtectedData({ ...clean, text: 'licence d1234567' }, ['D1234567'])).toThrow(ProtectedDataError);
    const body = layoutEmail({ title: 'Hi', paragraphs: ["Name on licence: O'Neil & Co"] });
    expect(() => assertNoProtectedData({ subject: 's', text: '', html: body.html }, ["O'Neil & Co"])).toThrow(ProtectedDataError);
  });

  it('matches a digits-only value as a whole number, not inside a tracking number', () => {
    const tracking = { ...clean, text: 'Tracking 1Z999AA10123456784' };
    expect(() => assertNoProtectedData(tracking, ['0123456784'])).not.toThrow();
    expect(() => assertNoProtectedData({ ...clean, text: 'Your routing number 021000021, thanks' }, ['021000021'])).toThrow(ProtectedDataError);
  });

  it(`does not search for values shorter than ${MIN_GUARDED_LENGTH} characters: a year is not an SSN`, () => {
    const shipBy = { ...clean, subject: 'Ship by Thursday, December 17, 2026', text: 'Ship by Thursday, December 17, 2026.' };
    expect(() => assertNoProtectedData(shipBy, ['2026', 'K123'])).not.toThrow();
  });

  it('finds a date of birth in the long form e-mails print dates in', () => {
    const message = { ...clean, text: 'Born Thursday, May 17, 1990.' };
    expect(() => assertNoProtectedData(message, ['1990-05-17', '05/17/1990', 'May 17, 1990'])).toThrow(ProtectedDataError);
  });

  it('is a permanent job failure, naming the message and not the value', () => {
    const error = new ProtectedDataError('text', 2, 'trade-in:tin_1:accepted');
    expect(error).toBeInstanceOf(PermanentJobError);
    expect(error.message).toContain('trade-in:tin_1:accepted');
  });
});
