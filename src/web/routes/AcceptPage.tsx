import { Button, Container, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconUserCircle } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { usePageTitle } from '../usePageTitle.ts';

// Placeholder until accounts ship: accepting needs an account with identity and payout details
// (PRODUCT.md §3). It says plainly that nothing was accepted, so no one ships a device in vain.
export function AcceptPage() {
  const { offerId = '' } = useParams();
  usePageTitle('Accept your offer');
  return (
    <Container size="sm">
      <Paper withBorder p={{ base: 'lg', sm: 'xl' }}>
        <Stack gap="md" align="flex-start">
          <ThemeIcon size={48} radius="md" variant="light" aria-hidden>
            <IconUserCircle size={28} />
          </ThemeIcon>
          <Title order={1} size="h2">
            Accepting offers arrives with accounts
          </Title>
          <Text>
            To accept, you will create an account and give your payout and identity details. Accounts arrive in the
            next release of Tradeloop.
          </Text>
          <Text>
            Nothing has been accepted and nothing needs to be shipped. Please don’t send your device yet.
          </Text>
          <Group gap="xs">
            <Button component={Link} to={`/offers/${offerId}`}>
              Back to the offer
            </Button>
            <Button component={Link} to="/" variant="default">
              Start over
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Container>
  );
}
