import { expect } from 'vitest';

/**
 * The one error shape of every response under /api/: `{ error: { code, message, fields?, details? } }`,
 * nothing else inside `error`. Checked by hand (not with the server's own schema), so a test
 * cannot pass because the server and the test share a mistake.
 */
export function expectErrorShape(body: string, context = ''): { code: string; message: string; fields?: Record<string, string>; details?: Record<string, unknown> } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new Error(`${context}: the error body is not JSON: ${JSON.stringify(body.slice(0, 200))}`);
  }
  const error = (parsed as { error?: unknown } | null)?.error as Record<string, unknown> | undefined;
  expect(error, `${context}: no "error" object in ${body.slice(0, 300)}`).toBeTypeOf('object');
  expect(error, context).not.toBeNull();
  expect(typeof error!.code, `${context}: error.code in ${body.slice(0, 300)}`).toBe('string');
  expect(error!.code as string, context).toMatch(/^[a-z_]+$/);
  expect(typeof error!.message, `${context}: error.message`).toBe('string');
  expect((error!.message as string).length, `${context}: an empty message`).toBeGreaterThan(0);
  const extra = Object.keys(error!).filter((k) => !['code', 'message', 'fields', 'details'].includes(k));
  expect(extra, `${context}: unexpected keys inside "error"`).toEqual([]);
  if ('fields' in error!) {
    expect(error!.fields, `${context}: fields`).toBeTypeOf('object');
    for (const v of Object.values(error!.fields as object)) expect(typeof v, `${context}: a field message`).toBe('string');
  }
  if ('details' in error!) {
    expect(error!.details, `${context}: details`).toBeTypeOf('object');
    expect(Array.isArray(error!.details), `${context}: details is an array`).toBe(false);
  }
  return error as ReturnType<typeof expectErrorShape>;
}
