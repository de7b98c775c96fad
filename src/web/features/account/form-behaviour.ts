import type { useForm } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useCallback, useEffect, useRef, useState, type FocusEvent, type ReactNode } from 'react';
import type { z } from 'zod';
import { ApiError } from '../../api.ts';

// The package's type barrel does not resolve under this project's module settings; the same
// types, taken from useForm itself.
type FormErrors = Record<string, ReactNode>;
// @mantine/form's own constraint on form values.
type Values = Record<string, any>;
type FormOptions<V extends Values> = NonNullable<Parameters<typeof useForm<V>>[0]>;

/**
 * A shared Zod schema (the one the server parses the request with) as the form's validator. The
 * form's values have the request body's shape, so an issue's path ('address.zip',
 * 'holderNames.0') names the same input as the server's `fields`; the first message per field
 * wins, as on the server.
 */
export function zodValidator<V, B extends object>(schema: () => z.ZodType, toBody: (values: V) => B): (values: V) => FormErrors {
  return (values) => zod4Resolver(schema(), { errorPriority: 'first' })(toBody(values) as Record<string, unknown>);
}

/**
 * How the account forms use @mantine/form:
 * - a field's message shows once the field is left with something typed in it (tabbing through
 *   empty fields is allowed) or on submit, and goes as soon as the input changes (a server's
 *   message too);
 * - leaving a field for the form's own submit button does not validate it: submitting shows every
 *   message anyway, and a message appearing between press and release would push the button
 *   down and swallow the click;
 * - every input carries its field path as `name` and says `aria-invalid` (Mantine marks a
 *   TextInput by itself but not PasswordInput's inner input).
 */
export function accountFormOptions<V extends Values>(): Pick<FormOptions<V>, 'mode' | 'clearInputErrorOnChange' | 'enhanceGetInputProps'> {
  return {
    mode: 'controlled',
    clearInputErrorOnChange: true,
    enhanceGetInputProps: ({ field, form }) => ({
      name: field,
      'aria-invalid': form.errors[field] ? true : undefined,
      onBlur: (e: FocusEvent<HTMLElement>) => {
        const next = e.relatedTarget as HTMLElement | null;
        if (next?.getAttribute('type') === 'submit' && next.closest('form') === e.currentTarget.closest('form')) return;
        if ((e.currentTarget as HTMLInputElement).value === '' && !form.isTouched(field)) return;
        form.validateField(field);
      },
    }),
  };
}

/**
 * Focus on the first input that needs fixing, once its message is on screen: after a failed
 * check on submit, or a server answer naming fields.
 */
export function useFocusFirstInvalid() {
  const formRef = useRef<HTMLFormElement>(null);
  const [request, setRequest] = useState(0);
  useEffect(() => {
    if (request === 0) return;
    const el = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (!el) return;
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'center' });
  }, [request]);
  const focusFirstInvalid = useCallback(() => setRequest((n) => n + 1), []);
  return { formRef, focusFirstInvalid };
}

/**
 * Puts a failed request's field messages (the product's `{error:{code,message,fields}}`) on the
 * form's inputs; returns the ones no input on screen shows, for the form's problem box.
 */
export function applyServerFields(
  form: { setErrors: (errors: FormErrors) => void },
  error: unknown,
  onScreen: readonly string[],
  focusFirstInvalid: () => void,
): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const shown = Object.entries(error.fields).filter(([k]) => onScreen.includes(k));
  form.setErrors(Object.fromEntries(shown));
  if (shown.length) focusFirstInvalid();
  return Object.fromEntries(Object.entries(error.fields).filter(([k]) => !onScreen.includes(k)));
}
