import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { api, ApiError } from '../../api.ts';
import { keys, queryClient, useIsDemo } from '../../queries.ts';

/**
 * "Check your e-mail": where the confirmation link went, "Send it again" (the server allows one a
 * minute and says how long to wait), "I have confirmed it" (reads the account again), and in demo
 * mode the way to the demo mailbox, where the message lands.
 */
export function ConfirmEmail({ email, next }: { email: string; next: string }) {
  const demo = useIsDemo();
  const resend = useMutation({ mutationFn: () => api.resendVerification(next) });
  const check = useMutation({ mutationFn: () => queryClient.invalidateQueries({ queryKey: keys.me }) });
  // The link is often opened in another tab or on the phone: look again now and then, and on return to this tab.
  useEffect(() => {
    const look = () => void queryClient.invalidateQueries({ queryKey: keys.me });
    const timer = setInterval(look, 5_000);
    window.addEventListener('focus', look);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', look);
    };
  }, []);
  const refusal =
    resend.error instanceof ApiError
      ? resend.error.code === 'rate_limited'
        ? 'We sent you a link a moment ago. Give it a minute, then try again.'
        : resend.error.message
      : resend.isError
        ? 'The link could not be sent. Please try again.'
        : null;
  return (
    <Stack gap="sm" data-testid="confirm-email">
      <Text>
        We sent a link to <strong>{email}</strong>. Open it to confirm your e-mail address; this page moves on by itself once
        you have.
      </Text>
      <Text size="sm" c="dimmed">
        No message? Look in your spam folder, or send it again. The link works for 24 hours.
      </Text>
      {demo && (
        <Text size="sm">
          Demo mode: the message is in the{' '}
          <Anchor component={Link} to="/dev/mailbox">
            demo mailbox
          </Anchor>
          .
        </Text>
      )}
      <Group gap="sm">
        <Button variant="light" loading={resend.isPending} disabled={resend.isSuccess} onClick={() => resend.mutate()}>
          {resend.isSuccess ? 'Sent' : 'Send it again'}
        </Button>
        <Button variant="subtle" loading={check.isPending} onClick={() => check.mutate()}>
          I have confirmed it
        </Button>
      </Group>
      <div role="status" aria-live="polite">
        {resend.isSuccess && <Text size="sm">A new link is on its way to {email}.</Text>}
        {refusal && (
          <Text size="sm" c="red.8">
            {refusal}
          </Text>
        )}
      </div>
    </Stack>
  );
}
