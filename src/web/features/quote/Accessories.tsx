import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconPackage } from '@tabler/icons-react';

/** Missing mandatory accessories lead to a counteroffer (docs/product.md §5), so say it before accepting. */
export function Accessories({ items }: { items: string[] }) {
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      <ThemeIcon variant="light" size={36} radius="md" aria-hidden style={{ flex: 'none' }}>
        <IconPackage size={20} />
      </ThemeIcon>
      <div>
        <Text fw={700}>{items.length ? 'Include in the box' : 'No accessories required'}</Text>
        <Text size="sm" c="dimmed">
          {items.length
            ? `${joinList(items)}. Without ${items.length === 1 ? 'it' : 'them'} the refurbisher may lower the price.`
            : 'Just the device itself. Keep your charger and cables.'}
        </Text>
      </div>
    </Group>
  );
}

function joinList(items: string[]): string {
  const text = new Intl.ListFormat('en-US', { style: 'long', type: 'conjunction' }).format(items);
  return text.charAt(0).toUpperCase() + text.slice(1);
}
