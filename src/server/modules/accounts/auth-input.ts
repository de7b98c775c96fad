import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { ZPersonName } from '../../../shared/person-name.ts';

/**
 * Checks of our own on better-auth request bodies, where its own let a value through that the
 * database then refuses (a 500: `update-user` with `"name": null` breaks the NOT NULL column) or
 * that the product does not want (a name breaking the shared rule, `shared/person-name.ts`, on
 * every route that sets one). Unknown keys pass on untouched; better-auth validates the rest.
 * The name is stored normalised by auth.ts's user hooks.
 */
const AUTH_BODY_RULES: Record<string, z.ZodType> = {
  '/api/auth/sign-up/email': z.looseObject({ name: ZPersonName }),
  '/api/auth/update-user': z.looseObject({
    name: ZPersonName.optional(),
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
