import { useCallback, useEffect, useRef, useState, type FocusEvent, type FormEvent } from 'react';
import type { z } from 'zod';
import { fieldsOf } from '../../../shared/zod-fields.ts';
import { ApiError } from '../../api.ts';

/** Zod issues → `{ 'address.zip': message }`, first message per field: the server's own keys. */
export function zodFieldErrors(schema: z.ZodType, input: unknown): Record<string, string> {
  const parsed = schema.safeParse(input);
  return parsed.success ? {} : fieldsOf(parsed.error);
}

export type FormValues = Record<string, string>;

/**
 * A small form state for the seller-detail forms. Keys are the server's field paths
 * ('legalName.first', 'address.zip', 'holderNames.0'), so the shared validators' messages and the
 * server's 400 `fields` land on the same inputs.
 *
 * A field's message shows once it was left (blur) or the form was submitted, then follows every
 * keystroke, so it disappears as soon as the input is right. A server message stays until that
 * input changes.
 */
export function useFieldForm<V extends FormValues>(initial: V, validate: (values: V) => Record<string, string>) {
  const [values, setValues] = useState<V>(initial);
  const [shown, setShown] = useState<ReadonlySet<string>>(new Set());
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const formRef = useRef<HTMLFormElement>(null);
  // Bumped to move focus to the first field that needs fixing, once its message is on screen.
  const [focusRequest, setFocusRequest] = useState(0);
  useEffect(() => {
    if (focusRequest === 0) return;
    const el = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (!el) return;
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'center' });
  }, [focusRequest]);

  const clientErrors = validate(values);
  const errorOf = (name: string): string | undefined =>
    serverErrors[name] ?? (shown.has(name) ? (clientErrors[name] ?? clientErrorForGroup(clientErrors, name)) : undefined);

  const setValue = useCallback((name: keyof V & string, value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    setServerErrors(({ [name]: _, ...rest }) => rest);
  }, []);

  const show = (name: string) => setShown((s) => (s.has(name) ? s : new Set(s).add(name)));

  /** Props for a Mantine text input bound to one field. */
  const field = (name: keyof V & string) => ({
    name,
    value: values[name] ?? '',
    onChange: (e: { currentTarget: { value: string } }) => setValue(name, e.currentTarget.value),
    onBlur: (e: FocusEvent<HTMLElement>) => {
      // Going to the submit button: submitting shows every message anyway, and a message appearing
      // now would push the button down between press and release, swallowing the click.
      const next = e.relatedTarget as HTMLElement | null;
      if (next?.getAttribute('type') === 'submit' && next.closest('form') === formRef.current) return;
      // Leaving an empty field untouched is not an error yet: tabbing through is allowed.
      if ((e.currentTarget as HTMLInputElement).value !== '' || shown.has(name)) show(name);
    },
    error: errorOf(name),
    // Mantine marks a TextInput invalid by itself but not PasswordInput's inner input: say it for both.
    'aria-invalid': errorOf(name) ? true : undefined,
  });

  /**
   * Runs the checks; on failure shows every message and moves focus to the first field that
   * needs fixing (in the order of the page). Returns whether the form may be sent.
   */
  const check = (): boolean => {
    const errors = validate(values);
    setShown(new Set([...Object.keys(values), ...Object.keys(errors)]));
    if (Object.keys(errors).length === 0) return true;
    setFocusRequest((n) => n + 1);
    return false;
  };

  /** Puts a failed request's field messages on their inputs; returns the ones no input shows. */
  const applyServerError = (error: unknown, onScreen: readonly string[]): Record<string, string> => {
    if (!(error instanceof ApiError)) return {};
    setServerErrors(error.fields);
    const other = Object.fromEntries(Object.entries(error.fields).filter(([k]) => !onScreen.includes(k)));
    if (Object.keys(error.fields).some((k) => onScreen.includes(k))) setFocusRequest((n) => n + 1);
    return other;
  };

  const onSubmit = (send: () => void) => (e: FormEvent) => {
    e.preventDefault();
    if (check()) send();
  };

  return { values, setValue, field, errorOf, check, applyServerError, onSubmit, formRef, setShown: show, reset: () => setValues(initial) };
}

/** A message about a group ('holderNames') shows on its first member ('holderNames.0'). */
function clientErrorForGroup(errors: Record<string, string>, name: string): string | undefined {
  const dot = name.lastIndexOf('.');
  if (dot < 0 || name.slice(dot + 1) !== '0') return undefined;
  return errors[name.slice(0, dot)];
}
