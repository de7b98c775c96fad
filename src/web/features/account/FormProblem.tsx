import { Alert, List, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { ApiError } from '../../api.ts';

/**
 * The summary above a form's button when the server refused it: its message, and any field
 * message that has no input on screen (it must not vanish). Field messages that do have an input
 * are shown there, next to it.
 */
export function FormProblem({ error, other = {}, title }: { error: unknown; other?: Record<string, string>; title: string }) {
  const message =
    error instanceof ApiError
      ? error.code === 'validation_failed' && Object.keys(error.fields).length > 0
        ? 'Please correct the fields marked in red.'
        : error.message
      : 'Something went wrong. Please try again.';
  const rest = Object.values(other);
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title={title} role="alert">
      <Text size="sm">{message}</Text>
      {rest.length > 0 && (
        <List size="sm" mt={4}>
          {rest.map((m) => (
            <List.Item key={m}>{m}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
