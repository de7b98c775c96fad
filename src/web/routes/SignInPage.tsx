import { Code, Container, Paper, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { AuthPanel } from '../features/account/AuthPanel.tsx';
import { homeOf, safeNext } from '../features/account/home.ts';
import { useIsDemo, useSession } from '../queries.ts';
import { usePageTitle } from '../usePageTitle.ts';


export function SignInPage() {
  usePageTitle('Sign in');
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const session = useSession();
  const demo = useIsDemo();
  const user = session.data?.user;
  useEffect(() => {
    // Without a page to go back to, each role lands on its own home.
    if (user) void navigate(next ?? homeOf(user).path, { replace: true });
  }, [user, next, navigate]);

  return (
    <Container size="xs">
      <Paper withBorder p={{ base: 'md', sm: 'xl' }}>
        <Title order={1} size="h2">
          Welcome to Tradeloop
        </Title>
        <Text c="dimmed" mt={4} mb="lg">
          Sign in to follow your trade-ins, or create an account to accept an offer.
        </Text>
        <AuthPanel defaultTab="sign-in" />
        {demo && (
          <Text size="sm" c="dimmed" mt="lg" data-testid="demo-logins">
            Demo mode: sign in as <Code>seller@example.com</Code> with the password <Code>tradeloop-demo</Code> (complete
            seller details), or create your own account.
          </Text>
        )}
      </Paper>
    </Container>
  );
}
