import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { useRouteError } from 'react-router';
import { Wordmark } from '../components/Wordmark.tsx';

/** Last resort when a screen throws while rendering: keep the brand, say so, offer a way out. */
export function CrashPage() {
  const error = useRouteError();
  console.error(error);
  return (
    <Container size="sm" py="xl">
      <Stack gap="md" align="flex-start">
        <a href="/" aria-label="Tradeloop home">
          <Wordmark />
        </a>
        <Title order={1} size="h2">
          Something went wrong on this page
        </Title>
        <Text c="dimmed">Reloading usually fixes it. Your answers are not lost if you already saw an offer.</Text>
        <Button onClick={() => window.location.reload()}>Reload</Button>
      </Stack>
    </Container>
  );
}
