import { List, Text, ThemeIcon } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { PREP_CHECKLIST } from '../../../shared/shipping-copy.ts';

/** Before packing (docs/product.md §4), in the words the e-mail uses too; the model's accessories named. */
export function PrepChecklist({ accessories }: { accessories: string[] }) {
  return (
    <List
      spacing="sm"
      icon={
        <ThemeIcon size={22} radius="xl" variant="light" aria-hidden>
          <IconCheck size={14} stroke={2.5} />
        </ThemeIcon>
      }
    >
      {PREP_CHECKLIST.map((item) => (
        <List.Item key={item.title}>
          <Text fw={600} size="sm">
            {item.title}
          </Text>
          <Text size="sm" c="dimmed">
            {item.detail}
            {/accessor/i.test(item.title) && (accessories.length ? ` For your device: ${accessories.join(', ')}.` : ' Your device needs none.')}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}
