import { Alert, Button, Code, Container, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { MEMBER_ROLE_MEANING } from '../../shared/api/refurbishers.ts';
import { api } from '../api.ts';
import { LoadError } from '../components/LoadError.tsx';
import { AuthPanel } from '../features/account/AuthPanel.tsx';
import { FormProblem } from '../features/account/FormProblem.tsx';
import { portalApi } from '../features/refurbisher/portal-api.ts';
import { resetAccountData, useSession } from '../queries.ts';
import { usePageTitle } from '../usePageTitle.ts';

const STATUS_TEXT = {
  accepted: 'This invitation has been used already.',
  rejected: 'This invitation was declined.',
  canceled: 'This invitation was withdrawn. Ask the person who sent it for a new one.',
  expired: 'This invitation has expired. Ask the person who sent it for a new one.',
} as const;

/** The link in an invitation e-mail: sign up or sign in with the invited address, then join. */
export function InvitationPage() {
  const { invitationId = '' } = useParams();
  const invitation = useQuery({ queryKey: ['invitation', invitationId], queryFn: () => portalApi.invitation(invitationId), staleTime: 0 });
  const session = useSession();
  const navigate = useNavigate();
  const acceptInvitation = useMutation({
    mutationFn: () => portalApi.acceptInvitation(invitationId),
    onSuccess: async () => {
      await resetAccountData();
      void navigate('/portal');
    },
  });
  const signOut = useMutation({ mutationFn: api.signOut, onSettled: () => resetAccountData() });
  const inv = invitation.data;
  usePageTitle(inv ? `Join ${inv.refurbisherName}` : 'Invitation');

  if (invitation.isError) {
    return (
      <Container size="xs">
        <LoadError error={invitation.error} onRetry={() => void invitation.refetch()} what="this invitation" />
      </Container>
    );
  }
  if (!inv || session.isPending) {
    return (
      <Container size="xs">
        <Skeleton height={240} aria-busy="true" aria-label="Loading" />
      </Container>
    );
  }
  const user = session.data?.user;
  const sameAddress = user && user.email.toLowerCase() === inv.email.toLowerCase();
  return (
    <Container size="xs">
      <Paper withBorder p={{ base: 'md', sm: 'xl' }}>
        <Stack gap="md">
          <Title order={1} size="h2">
            Join {inv.refurbisherName} on Tradeloop
          </Title>
          <Text>
            You are invited as <strong>{inv.role}</strong> ({MEMBER_ROLE_MEANING[inv.role].toLowerCase()}), with the address <Code>{inv.email}</Code>.
          </Text>
          {inv.status !== 'pending' ? (
            <Alert color="yellow" role="alert">
              {STATUS_TEXT[inv.status]}
            </Alert>
          ) : !user ? (
            <>
              <Text c="dimmed" size="sm">
                Create your account with {inv.email}, or sign in if you have one. Then join.
              </Text>
              <AuthPanel defaultTab="sign-up" />
            </>
          ) : sameAddress ? (
            <>
              {acceptInvitation.isError && <FormProblem error={acceptInvitation.error} other={{}} title="We could not add you" />}
              <Button onClick={() => acceptInvitation.mutate()} loading={acceptInvitation.isPending}>
                Join {inv.refurbisherName}
              </Button>
            </>
          ) : (
            <Alert color="yellow" role="alert" title="Another account is signed in">
              <Stack gap="xs" align="flex-start">
                <Text size="sm">
                  You are signed in as {user.email}; this invitation is for {inv.email}.
                </Text>
                <Button size="xs" variant="white" onClick={() => signOut.mutate()} loading={signOut.isPending}>
                  Sign out
                </Button>
              </Stack>
            </Alert>
          )}
        </Stack>
      </Paper>
    </Container>
  );
}
