import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.ts';
import { as, GOOD_PASSWORD, nextAddress, signUp, TEST_ORIGIN, uniqueEmail } from '../../../../test/accounts.ts';

/** A user's name follows the shared rule (shared/person-name.ts) on every route that sets it. */
const ctx = useTestApp();

async function signUpWith(name: unknown, email = uniqueEmail('name')) {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/sign-up/email',
    headers: { origin: TEST_ORIGIN },
    remoteAddress: nextAddress(),
    payload: { email, password: GOOD_PASSWORD, name },
  });
  return { res, email };
}

const storedUser = (email: string) => ctx.database.db.selectFrom('user').select(['id', 'name']).where('email', '=', email).executeTakeFirst();

const HOSTILE_NAMES: [string, unknown][] = [
  ['200,000 characters', 'a'.repeat(200_000)],
  ['101 characters', 'a'.repeat(101)],
  ['empty', ''],
  ['only spaces', '   \u3000 '],
  ['a right-to-left override', 'Invoice \u202Efdp.exe'],
  ['a bidi isolate', 'Ada \u2067Lovelace\u2069'],
  ['a left-to-right mark', 'Ada\u200E'],
  ['an Arabic letter mark', 'Ada\u061C Lovelace'],
  ['a zero-width space', 'Ad\u200Ba'],
  ['a byte-order mark inside', 'Ad\uFEFFa'],
  ['a tab', 'Ada\tLovelace'],
  ['a line break', 'Ada\r\nLovelace'],
  ['a C1 control', 'Ada\u009BLovelace'],
  ['not text', 42],
  ['null', null],
];

describe('sign-up names', () => {
  it.each(HOSTILE_NAMES)('refuses a name with %s: 400 validation_failed naming the field, nothing stored', async (_what, name) => {
    const { res, email } = await signUpWith(name);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.fields).toEqual({ name: expect.any(String) });
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(await storedUser(email)).toBeUndefined();
  });

  it('refuses a missing name the same way', async () => {
    const email = uniqueEmail('name');
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/sign-up/email', headers: { origin: TEST_ORIGIN }, remoteAddress: nextAddress(), payload: { email, password: GOOD_PASSWORD } });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.fields).toEqual({ name: expect.any(String) });
    expect(await storedUser(email)).toBeUndefined();
  });

  it('stores a name trimmed, NFC-normalised and with its inner spaces collapsed, and answers with that', async () => {
    const { res, email } = await signUpWith('  Jose\u0301 \u00A0 Garci\u0301a\u3000 ');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user.name).toBe('José García');
    expect((await storedUser(email))?.name).toBe('Jos\u00E9 Garc\u00EDa');
  });

  it('keeps a zero-width non-joiner between letters, as Persian names need', async () => {
    const { res, email } = await signUpWith('محمد\u200Cرضا');
    expect(res.statusCode, res.body).toBe(200);
    expect((await storedUser(email))?.name).toBe('محمد\u200Cرضا');
  });
});

describe('renaming through better-auth (update-user)', () => {
  it.each(HOSTILE_NAMES)('refuses a name with %s and keeps the old one', async (_what, name) => {
    const user = await signUp(ctx.app, { name: 'Ada Lovelace' });
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/update-user', headers: as(user), payload: { name } });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.fields).toEqual({ name: expect.any(String) });
    expect((await storedUser(user.email))?.name).toBe('Ada Lovelace');
  });

  it('stores the new name normalised', async () => {
    const user = await signUp(ctx.app, { name: 'Ada' });
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/update-user', headers: as(user), payload: { name: ' Ade\u0300le   Dupont ' } });
    expect(res.statusCode, res.body).toBe(200);
    expect((await storedUser(user.email))?.name).toBe('Ad\u00E8le Dupont');
  });
});
