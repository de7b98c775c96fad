import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { IconBuildingStore, IconCalendarEvent } from '@tabler/icons-react';
import type { TQuote } from '../../../shared/api/quotes.ts';
import { formatMoney } from '../../../shared/money.ts';
import { formatMarketDate } from '../quote/format.ts';

export type Offer = NonNullable<TQuote['offer']>;

/** What is being accepted: device, buyer, ship-by date, price and grade. */
export function OfferSummary({ quote, offer }: { quote: TQuote; offer: Offer }) {
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} bg="brand.0" data-testid="offer-summary">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Stack gap={4} miw={0}>
          <Text fw={700}>
            {quote.device.brand} {quote.device.modelName}, {quote.device.variantLabel}
          </Text>
          <Group gap={6} wrap="nowrap">
            <IconBuildingStore size={16} aria-hidden style={{ flex: 'none' }} />
            <Text size="sm">Bought by {offer.refurbisher.name}</Text>
          </Group>
          <Group gap={6} wrap="nowrap">
            <IconCalendarEvent size={16} aria-hidden style={{ flex: 'none' }} />
            <Text size="sm">Ship by {formatMarketDate(offer.shipBy)}</Text>
          </Group>
        </Stack>
        <Stack gap={4} align="flex-end" style={{ flex: 'none' }}>
          <Text fw={800} fz={{ base: 24, sm: 32 }} lh={1} c="brand.9" style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="accept-price">
            {formatMoney(offer.price)}
          </Text>
          <Badge variant="white" color="brand.9">
            {quote.grade}
          </Badge>
        </Stack>
      </Group>
    </Paper>
  );
}
