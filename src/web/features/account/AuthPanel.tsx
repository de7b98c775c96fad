import { Button, PasswordInput, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api.ts';
import { resetAccountData } from '../../queries.ts';
import { FormProblem } from './FormProblem.tsx';
import { useFieldForm } from './useFieldForm.ts';

// The server's password rules (better-auth + our common-password list); the length is checked here
// too so the message comes before the round trip.
const PASSWORD_MIN = 8;
const PASSWORD_MAX = 128;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

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
  const form = useFieldForm({ name: '', email: '', password: '' }, (v) => {
    const e: Record<string, string> = {};
    if (!v.name.trim()) e.name = 'Your name is required';
    if (!EMAIL.test(v.email.trim())) e.email = 'Enter an e-mail address like name@example.com';
    if (v.password.length < PASSWORD_MIN) e.password = `Password must be at least ${PASSWORD_MIN} characters`;
    else if (v.password.length > PASSWORD_MAX) e.password = `Password must be at most ${PASSWORD_MAX} characters`;
    return e;
  });
  const [other, setOther] = useState<Record<string, string>>({});
  const signUp = useMutation({
    mutationFn: api.signUp,
    onSuccess: async () => {
      await resetAccountData();
      onDone?.();
    },
    onError: (error) => setOther(form.applyServerError(error, ['name', 'email', 'password'])),
  });
  return (
    <form
      ref={form.formRef}
      noValidate
      onSubmit={form.onSubmit(() => signUp.mutate({ name: form.values.name.trim(), email: form.values.email.trim(), password: form.values.password }))}
    >
      <Stack gap="md">
        <TextInput label="Your name" autoComplete="name" required {...form.field('name')} />
        <TextInput label="E-mail" type="email" autoComplete="email" required {...form.field('email')} />
        <PasswordInput
          label="Choose a password"
          description={`${PASSWORD_MIN} to ${PASSWORD_MAX} characters. A few unrelated words make a strong one.`}
          autoComplete="new-password"
          required
          {...form.field('password')}
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
  const form = useFieldForm({ email: '', password: '' }, (v) => {
    const e: Record<string, string> = {};
    if (!EMAIL.test(v.email.trim())) e.email = 'Enter the e-mail address you signed up with';
    if (!v.password) e.password = 'Enter your password';
    return e;
  });
  const [other, setOther] = useState<Record<string, string>>({});
  const signIn = useMutation({
    mutationFn: api.signIn,
    onSuccess: async () => {
      await resetAccountData();
      onDone?.();
    },
    onError: (error) => setOther(form.applyServerError(error, ['email', 'password'])),
  });
  return (
    <form
      ref={form.formRef}
      noValidate
      onSubmit={form.onSubmit(() => signIn.mutate({ email: form.values.email.trim(), password: form.values.password }))}
    >
      <Stack gap="md">
        <TextInput label="E-mail" type="email" autoComplete="username" required {...form.field('email')} />
        <PasswordInput label="Password" autoComplete="current-password" required {...form.field('password')} />
        {signIn.isError && <FormProblem error={signIn.error} other={other} title="We could not sign you in" />}
        <Button type="submit" loading={signIn.isPending} fullWidth>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
