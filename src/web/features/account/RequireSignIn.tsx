import { Container, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { SessionInfo } from '../../api.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useSession } from '../../queries.ts';
import { AuthPanel } from './AuthPanel.tsx';

/**
 * Screens that belong to a signed-in user. Signed out, the screen asks to sign in right where it is
 * (the address stays, so a shared or bookmarked link still works), then shows itself.
 */
export function RequireSignIn({ title, why, children }: { title: string; why: string; children: (session: SessionInfo) => ReactNode }) {
  const session = useSession();
  if (session.isError) {
    return (
      <Container size="xs">
        <LoadError error={session.error} onRetry={() => void session.refetch()} what="your account" />
      </Container>
    );
  }
  if (session.isPending) {
    return (
      <Container size="sm">
        <Stack gap="md" aria-busy="true" aria-label="Loading">
          <Skeleton height={36} width="50%" />
          <Skeleton height={120} />
        </Stack>
      </Container>
    );
  }
  if (!session.data) {
    return (
      <Container size="xs">
        <Paper withBorder p={{ base: 'md', sm: 'xl' }}>
          <Title order={1} size="h2">
            {title}
          </Title>
          <Text c="dimmed" mt={4} mb="lg">
            {why}
          </Text>
          <AuthPanel defaultTab="sign-in" />
        </Paper>
      </Container>
    );
  }
  return <>{children(session.data)}</>;
}
