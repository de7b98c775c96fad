import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';

export function Wordmark() {
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon size={32} radius="md" aria-hidden>
        <IconRefresh size={20} stroke={2.4} />
      </ThemeIcon>
      <Text component="span" fw={800} fz={22} c="var(--mantine-color-text)" style={{ letterSpacing: '-0.02em' }}>
        Tradeloop
      </Text>
    </Group>
  );
}
