import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../accounts/index.ts';
import { canReadMail, recipientsOf } from './dev.policy.ts';

const user = (email: string, role: SessionUser['role'] = 'seller'): SessionUser => ({ id: 'usr_x', email, name: 'X', role, refurbisherId: null });

describe('who reads which demo e-mail', () => {
  it('finds the addresses of a To header, ignoring display names', () => {
    expect(recipientsOf('ada@example.com')).toEqual(['ada@example.com']);
    expect(recipientsOf('Ada Lovelace <Ada@Example.com>')).toEqual(['ada@example.com']);
    expect(recipientsOf('"Lovelace, Ada" <ada@example.com>, bob@example.com')).toEqual(['ada@example.com', 'bob@example.com']);
    expect(recipientsOf('"ada@example.com" <mallory@example.com>')).toEqual(['mallory@example.com']);
  });

  it('a user reads mail addressed to them; an operator reads all', () => {
    expect(canReadMail(user('ada@example.com'), 'Ada <ADA@example.com>')).toBe(true);
    expect(canReadMail(user('ada@example.com'), 'bob@example.com')).toBe(false);
    expect(canReadMail(user('ada@example.com'), '"ada@example.com" <bob@example.com>')).toBe(false);
    expect(canReadMail(user('ops@example.com', 'operator'), 'bob@example.com')).toBe(true);
  });
});
