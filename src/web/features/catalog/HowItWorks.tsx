import { SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCash, IconClipboardCheck, IconCircleCheck, IconTruckDelivery } from '@tabler/icons-react';
import { INSPECTION_BUSINESS_DAYS, SHIP_WITHIN_DAYS } from '../../../shared/deadlines.ts';

// The promises of docs/product.md §4–6, in the order the seller meets them.
const STEPS = [
  { icon: IconClipboardCheck, title: 'Describe it', text: 'Answer a few questions about its condition and see the highest offer right away.' },
  { icon: IconCircleCheck, title: 'Accept', text: 'Accept the offer you like. Saying no costs nothing.' },
  {
    icon: IconTruckDelivery,
    title: 'Ship it free',
    text: `Send it within ${SHIP_WITHIN_DAYS} days with the prepaid label we give you.`,
  },
  {
    icon: IconCash,
    title: 'Get paid',
    text: `The refurbisher checks it within ${INSPECTION_BUSINESS_DAYS} business days; the money reaches your bank 3–6 business days later.`,
  },
];

export function HowItWorks() {
  return (
    <Stack gap="md" id="how-it-works" style={{ scrollMarginTop: 80 }}>
      <Title order={2}>How it works</Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="lg" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
        {STEPS.map((s, i) => (
          <Stack component="li" key={s.title} gap={6}>
            <ThemeIcon size={40} radius="xl" variant="light" aria-hidden>
              <s.icon size={22} stroke={1.7} />
            </ThemeIcon>
            <Text fw={700}>
              {i + 1}. {s.title}
            </Text>
            <Text size="sm" c="dimmed">
              {s.text}
            </Text>
          </Stack>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
