import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconMoodEmpty } from '@tabler/icons-react';
import { Link } from 'react-router';
import { isNotFound } from '../api.ts';

/**
 * What a screen shows when its data did not load: a 404 says the thing is gone and offers the way
 * home; anything else says what happened and offers to try again.
 */
export function LoadError({ error, onRetry, what }: { error: unknown; onRetry: () => void; what: string }) {
  if (isNotFound(error)) return <NotFoundMessage what={what} />;
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title={`We could not load ${what}`} role="alert">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{message}</Text>
        <Button variant="white" color="red" size="sm" onClick={onRetry}>
          Try again
        </Button>
      </Stack>
    </Alert>
  );
}

export function NotFoundMessage({ what }: { what: string }) {
  return (
    <Stack align="center" gap="sm" py="xl" ta="center">
      <IconMoodEmpty size={48} stroke={1.4} color="var(--mantine-color-gray-6)" aria-hidden />
      <Title order={2}>We could not find {what}</Title>
      <Text c="dimmed">The link may be old or mistyped.</Text>
      <Group>
        <Button component={Link} to="/">
          Start from the beginning
        </Button>
      </Group>
    </Stack>
  );
}
