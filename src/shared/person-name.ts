import { z } from 'zod';

/**
 * A person's name on their account (what sign-up and better-auth's update-user set, and what
 * e-mails, the operator pages and the refurbisher portal show). One rule, used by the web form
 * and by the server:
 * - NFC-normalised (a decomposed "é" is stored as the one character), trimmed, and every run of
 *   spaces (any Unicode space separator) inside it made one ordinary space;
 * - 1 to PERSON_NAME_MAX_LENGTH characters after that. 100 holds long multi-part names with
 *   room to spare, and keeps a name from filling a page, an e-mail or a log line;
 * - no control character (C0, DEL, C1: tabs and line breaks too), no line or paragraph separator,
 *   and no format character (Unicode category Cf): bidi controls (U+202A–U+202E,
 *   U+2066–U+2069, U+200E/U+200F, U+061C) can make a name read backwards or hide what follows it,
 *   and zero-width characters (U+200B, U+2060, U+FEFF, soft hyphen…) make two names that look the
 *   same differ. The zero-width (non-)joiners U+200C/U+200D stay allowed between two letters,
 *   where Persian and Indic names need them to be spelt right.
 */
export const PERSON_NAME_MAX_LENGTH = 100;

const SPACES = /\p{Zs}+/gu;
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const JOINER_BETWEEN_LETTERS = /(?<=[\p{L}\p{M}])[\u200C\u200D](?=[\p{L}\p{M}])/gu;

/** The stored form of a name: NFC, trimmed, inner spaces collapsed. Says nothing about validity. */
export function normalizePersonName(raw: string): string {
  return raw.normalize('NFC').trim().replace(SPACES, ' ');
}

/** True when the (normalised) name holds a character the rule refuses. */
function hasForbiddenCharacter(name: string): boolean {
  return FORBIDDEN.test(name.replace(JOINER_BETWEEN_LETTERS, ''));
}

/** A name as the rule above reads it: parsing gives the normalised form. */
export const ZPersonName = z
  .string('Enter your name')
  .overwrite(normalizePersonName)
  .min(1, 'Enter your name')
  .max(PERSON_NAME_MAX_LENGTH, `Your name must be at most ${PERSON_NAME_MAX_LENGTH} characters`)
  .refine((name) => !hasForbiddenCharacter(name), 'Your name contains an invisible or control character; type it again without it');
