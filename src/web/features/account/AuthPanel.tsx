import { Button, PasswordInput, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, ZSignInInput, ZSignUpInput } from '../../../shared/api/auth.ts';
import { api } from '../../api.ts';
import { resetAccountData } from '../../queries.ts';
import { FormProblem } from './FormProblem.tsx';
import { accountFormOptions, applyServerFields, useFocusFirstInvalid, zodValidator } from './form-behaviour.ts';

interface SignUpValues {
  name: string;
  email: string;
  password: string;
}
interface SignInValues {
  email: string;
  password: string;
}
// What is sent: the shared schemas trim the name and the e-mail, as the server reads them.
const signUpBody = (v: SignUpValues) => ({ name: v.name.trim(), email: v.email.trim(), password: v.password });
// The confirmation link leads back to the page the account was made on (the accept flow, most often).
const hereAndNow = () => `${window.location.pathname}${window.location.search}`;
const signInBody = (v: SignInValues) => ({ email: v.email.trim(), password: v.password });
const validateSignUp = zodValidator(() => ZSignUpInput, signUpBody);
const validateSignIn = zodValidator(() => ZSignInInput, signInBody);

type Tab = 'sign-up' | 'sign-in';

/** Create an account or sign in, as two tabs; `onDone` runs once the new session is in place. */
export function AuthPanel({ defaultTab = 'sign-up', onDone }: { defaultTab?: Tab; onDone?: () => void }) {
  const [tab, setTab] = useState<Tab>(defaultTab);
  return (
    <Tabs value={tab} onChange={(v) => setTab(v === 'sign-in' ? 'sign-in' : 'sign-up')} keepMounted={false}>
      <Tabs.List grow mb="lg">
        <Tabs.Tab value="sign-up">Create an account</Tabs.Tab>
        <Tabs.Tab value="sign-in">Sign in</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="sign-up">
        <SignUpForm onDone={onDone} />
      </Tabs.Panel>
      <Tabs.Panel value="sign-in">
        <SignInForm onDone={onDone} />
      </Tabs.Panel>
    </Tabs>
  );
}

function SignUpForm({ onDone }: { onDone: (() => void) | undefined }) {
  const { formRef, focusFirstInvalid } = useFocusFirstInvalid();
  const form = useForm<SignUpValues>({
    ...accountFormOptions<SignUpValues>(),
    initialValues: { name: '', email: '', password: '' },
    validate: validateSignUp,
  });
  const [other, setOther] = useState<Record<string, string>>({});
  const signUp = useMutation({
    mutationFn: (body: ReturnType<typeof signUpBody>) => api.signUp({ ...body, callbackURL: hereAndNow() }),
    onSuccess: async () => {
      await resetAccountData();
      onDone?.();
    },
    onError: (error) => setOther(applyServerFields(form, error, ['name', 'email', 'password'], focusFirstInvalid)),
  });
  return (
    <form ref={formRef} noValidate onSubmit={form.onSubmit((v) => signUp.mutate(signUpBody(v)), focusFirstInvalid)}>
      <Stack gap="md">
        <TextInput label="Your name" autoComplete="name" required {...form.getInputProps('name')} />
        <TextInput label="E-mail" type="email" autoComplete="email" required {...form.getInputProps('email')} />
        <PasswordInput
          label="Choose a password"
          description={`${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters. A few unrelated words make a strong one.`}
          autoComplete="new-password"
          required
          {...form.getInputProps('password')}
        />
        {signUp.isError && <FormProblem error={signUp.error} other={other} title="We could not create your account" />}
        <Button type="submit" loading={signUp.isPending} fullWidth>
          Create account
        </Button>
        <Text size="xs" c="dimmed" ta="center">
          Creating an account is free. You only sell when you accept an offer.
        </Text>
      </Stack>
    </form>
  );
}

function SignInForm({ onDone }: { onDone: (() => void) | undefined }) {
  const { formRef, focusFirstInvalid } = useFocusFirstInvalid();
  const form = useForm<SignInValues>({
    ...accountFormOptions<SignInValues>(),
    initialValues: { email: '', password: '' },
    validate: validateSignIn,
  });
  const [other, setOther] = useState<Record<string, string>>({});
  const signIn = useMutation({
    mutationFn: api.signIn,
    onSuccess: async () => {
      await resetAccountData();
      onDone?.();
    },
    onError: (error) => setOther(applyServerFields(form, error, ['email', 'password'], focusFirstInvalid)),
  });
  return (
    <form ref={formRef} noValidate onSubmit={form.onSubmit((v) => signIn.mutate(signInBody(v)), focusFirstInvalid)}>
      <Stack gap="md">
        <TextInput label="E-mail" type="email" autoComplete="username" required {...form.getInputProps('email')} />
        <PasswordInput label="Password" autoComplete="current-password" required {...form.getInputProps('password')} />
        {signIn.isError && <FormProblem error={signIn.error} other={other} title="We could not sign you in" />}
        <Button type="submit" loading={signIn.isPending} fullWidth>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
