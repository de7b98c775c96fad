import { z } from 'zod';
import { ZPersonName } from '../person-name.ts';

/** The password rules the server's sign-up applies (and the common-password list, server-side only). */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

// A plausible address; the server's auth library makes the final call.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Body of `POST /api/auth/sign-up/email`. */
export const ZSignUpInput = z.object({
  name: ZPersonName,
  email: z.string().trim().regex(EMAIL, 'Enter an e-mail address like name@example.com'),
  password: z
    .string()
    .min(PASSWORD_MIN_LENGTH, `Password must be at least ${PASSWORD_MIN_LENGTH} characters`)
    .max(PASSWORD_MAX_LENGTH, `Password must be at most ${PASSWORD_MAX_LENGTH} characters`),
});

/** Body of `POST /api/auth/sign-in/email`. */
export const ZSignInInput = z.object({
  email: z.string().trim().regex(EMAIL, 'Enter the e-mail address you signed up with'),
  password: z.string().min(1, 'Enter your password'),
});
