import { List, Text, ThemeIcon } from '@mantine/core';
import { PREP_CHECKLIST } from '../../../shared/shipping-copy.ts';

/**
 * Before packing (docs/product.md §4), in the words the e-mail uses too; the model's accessories
 * named. Numbered steps still to do, not ticks: a tick reads as "already done".
 */
export function PrepChecklist({ accessories }: { accessories: string[] }) {
  return (
    <List type="ordered" spacing="sm" listStyleType="none">
      {PREP_CHECKLIST.map((item, i) => (
        <List.Item
          key={item.title}
          icon={
            <ThemeIcon size={22} radius="xl" variant="light" aria-hidden>
              <Text span size="xs" fw={700}>
                {i + 1}
              </Text>
            </ThemeIcon>
          }
        >
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
