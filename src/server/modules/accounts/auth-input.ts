import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';

/**
 * Checks of our own on better-auth request bodies, where its own let a value through that the
 * database then refuses (a 500): e.g. `update-user` with `"name": null` breaks the NOT NULL
 * column. Unknown keys pass on untouched; better-auth validates the rest.
 */
const AUTH_BODY_RULES: Record<string, z.ZodType> = {
  '/api/auth/update-user': z.looseObject({
    name: z.string('Name must be text').trim().min(1, 'Enter a name').max(200, 'Name must be at most 200 characters').optional(),
    image: z.string('Image must be a URL').max(2048, 'Image URL is too long').nullable().optional(),
  }),
};

/** Throws a 400 naming the fields when `body` (JSON already checked by the parser) breaks a rule of `pathname`. */
export function checkAuthBody(pathname: string, body: Buffer | undefined): void {
  const rule = AUTH_BODY_RULES[pathname];
  if (!rule || !body) return;
  const parsed = rule.safeParse(JSON.parse(body.toString('utf8')));
  if (parsed.success) return;
  const fields = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.') || 'body', i.message]));
  throw new AppError('validation_failed', 'Some fields need fixing', { fields });
}
