import { Alert, Button, Container, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError } from '../api.ts';
import { safeNext } from '../features/account/home.ts';
import { resetAccountData, useSession } from '../queries.ts';
import { usePageTitle } from '../usePageTitle.ts';

/** better-auth's reasons, as it appends them to the page's address (`?error=…`) when a link fails. */
const REASONS: Record<string, { title: string; text: string }> = {
  TOKEN_EXPIRED: { title: 'This link has expired', text: 'Confirmation links work for 24 hours. Ask for a new one below.' },
  INVALID_TOKEN: { title: 'This link is not valid', text: 'It may have been cut short by your mail program. Ask for a new one below.' },
};
const OTHER_REASON = { title: 'We could not confirm your e-mail address', text: 'Ask for a new link below.' };

/**
 * Where the link in the confirmation e-mail lands (better-auth's /verify-email redirects here):
 * "Your e-mail is confirmed" and the way on — back into the accept flow when that is where the
 * seller signed up — or why the link did not work and how to get a new one.
 */
export function EmailVerifiedPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next')) ?? '/';
  const error = params.get('error');
  const reason = error ? (REASONS[error] ?? OTHER_REASON) : null;
  usePageTitle(reason ? reason.title : 'E-mail confirmed');
  useEffect(() => {
    // The link may have signed this browser in, and the account is confirmed now: read both again.
    if (!reason) void resetAccountData();
  }, [reason]);

  return (
    <Container size="xs">
      <Paper withBorder p={{ base: 'md', sm: 'xl' }}>
        {reason ? (
          <Failed title={reason.title} text={reason.text} next={next} />
        ) : (
          <Stack gap="md" align="flex-start">
            <IconCircleCheck size={40} color="var(--mantine-color-green-7)" aria-hidden />
            <Title order={1} size="h2">
              Your e-mail is confirmed
            </Title>
            <Text>Thank you. We will send your shipping label and payout news to this address.</Text>
            <Button component={Link} to={next}>
              {next.startsWith('/offers/') ? 'Back to your offer' : 'Continue'}
            </Button>
          </Stack>
        )}
      </Paper>
    </Container>
  );
}

function Failed({ title, text, next }: { title: string; text: string; next: string }) {
  const session = useSession();
  const resend = useMutation({ mutationFn: () => api.resendVerification(next) });
  const signedIn = !!session.data;
  return (
    <Stack gap="md" align="flex-start">
      <Title order={1} size="h2">
        {title}
      </Title>
      <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert">
        {text}
      </Alert>
      {signedIn ? (
        <Button loading={resend.isPending} disabled={resend.isSuccess} onClick={() => resend.mutate()}>
          {resend.isSuccess ? 'Sent' : 'Send it again'}
        </Button>
      ) : (
        <Button component={Link} to={`/sign-in?next=${encodeURIComponent(next)}`}>
          Sign in to get a new link
        </Button>
      )}
      <div role="status" aria-live="polite">
        {resend.isSuccess && <Text size="sm">A new link is on its way.</Text>}
        {resend.isError && (
          <Text size="sm" c="red.8">
            {resend.error instanceof ApiError && resend.error.code === 'conflict' ? 'Your e-mail address is already confirmed.' : resend.error instanceof ApiError ? resend.error.message : 'Please try again.'}
          </Text>
        )}
      </div>
    </Stack>
  );
}
