import { Group, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A one-line form under a table (create a key, invite a member): its fields and button in a
 * row, the server's message under it when it refused (unless a field shows it already).
 */
export function InlineForm({ onSubmit, problem, children, after }: { onSubmit: () => void; problem?: string | null | undefined; children: ReactNode; after?: ReactNode }) {
  return (
    <Paper withBorder p="md" maw={560}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <Group align="flex-end" gap="sm">
          {children}
        </Group>
        {problem && (
          <Text size="sm" c="red" role="alert" mt={4}>
            {problem}
          </Text>
        )}
        {after}
      </form>
    </Paper>
  );
}
