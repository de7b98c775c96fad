import type { z } from 'zod';

/**
 * Zod issues → `{ 'address.zip': message }`, the first message per field, every field at once:
 * the `fields` of a 400, and the keys the web forms put messages on. An issue about the whole
 * input lands on `whole` ('body' for a request body).
 */
export function fieldsOf(error: z.ZodError, whole = 'body'): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || whole;
    fields[key] ??= issue.message;
  }
  return fields;
}
