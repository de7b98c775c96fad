import { Button, Group, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import type { TReturnShipment } from '../../../shared/api/inspection.ts';
import { formatTrackingNumber } from '../../../shared/tracking-number.ts';
import { formatMarketDateTime, formatMarketShortDate } from '../quote/format.ts';

/**
 * The free return: ship-by date, tracking, shipped and delivered back. The refurbisher also gets
 * the prepaid label (`labelUrl`); the seller's copy has none.
 */
export function ReturnShipmentView({ shipment: r, labelUrl, who }: { shipment: Omit<TReturnShipment, 'labelUrl'>; labelUrl?: string | null; who: 'seller' | 'refurbisher' }) {
  const state = r.deliveredAt ? 'Delivered back to the seller' : r.shippedAt ? 'On its way back' : 'Waiting to be shipped';
  return (
    <Stack gap="xs" data-testid="return-shipment">
      <Text fw={700} data-testid="return-state">
        {state}
      </Text>
      <Text size="sm">{r.reason}</Text>
      <Text size="sm">
        {who === 'refurbisher' ? 'Ship it by' : 'The refurbisher ships it by'} <strong>{formatMarketShortDate(r.shipBy)}</strong>, free of charge
        {who === 'seller' ? ' to you' : ''}.
      </Text>
      {r.trackingNumber && <Text size="sm">Tracking number {formatTrackingNumber(r.trackingNumber)}</Text>}
      {r.shippedAt && <Text size="sm">Shipped {formatMarketDateTime(r.shippedAt)}</Text>}
      {r.deliveredAt && <Text size="sm">Delivered {formatMarketDateTime(r.deliveredAt)}</Text>}
      {who === 'refurbisher' &&
        !r.shippedAt &&
        (labelUrl ? (
          <Group>
            <Button component="a" href={labelUrl} download leftSection={<IconDownload size={18} aria-hidden />}>
              Download the return label (PDF)
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            The prepaid return label is being issued; it appears here in a moment.
          </Text>
        ))}
    </Stack>
  );
}
