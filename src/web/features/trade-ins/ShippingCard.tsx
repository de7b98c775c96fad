import { Alert, Box, Button, Group, Loader, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconInfoCircle, IconQrcodeOff } from '@tabler/icons-react';
import { useState } from 'react';
import type { TTradeIn } from '../../../shared/api/trade-ins.ts';
import { QR_DROP_OFF_RULE } from '../../../shared/shipping-copy.ts';
import { formatTrackingNumber } from '../../../shared/tracking-number.ts';
import { formatMarketDate } from '../quote/format.ts';
import classes from './ShippingCard.module.css';

/**
 * The prepaid label two ways: the QR code to show at The UPS Store (with the rule of where it is
 * accepted, docs/product.md §4) and the 4×6 PDF to print.
 */
export function ShippingCard({ tradeIn, headingLevel = 2, showShipBy = true }: { tradeIn: TTradeIn; headingLevel?: 2 | 3 | 4; showShipBy?: boolean }) {
  const shipping = tradeIn.shipping;
  const shipBy = tradeIn.deadlines.shipBy ?? tradeIn.shipBy;
  const [qr, setQr] = useState<'loading' | 'loaded' | 'failed'>('loading');

  if (!shipping && tradeIn.labelStatus === 'delayed') {
    return (
      <Alert role="status" color="yellow" icon={<IconInfoCircle aria-hidden />} title="Your label is taking longer than usual">
        The carrier has not issued your prepaid label yet. Our team has been told and is on it; the label appears here, and
        in an e-mail, as soon as it exists.
      </Alert>
    );
  }
  if (!shipping) {
    return (
      <Group gap="sm" role="status">
        <Loader size="sm" aria-hidden />
        <Text>Your prepaid label is being prepared. It appears here in a moment.</Text>
      </Group>
    );
  }

  return (
    <Stack gap="md">
      {showShipBy && (
        <Text>
          Ship by <strong data-testid="ship-by">{formatMarketDate(shipBy)}</strong>. Shipping is free.
        </Text>
      )}
      <div className={classes.layout}>
        <Box className={classes.qr}>
          {qr === 'failed' ? (
            <Stack align="center" justify="center" gap={6} className={classes.qrFallback}>
              <IconQrcodeOff size={32} aria-hidden />
              <Text size="sm" ta="center">
                The QR code did not load. Download the label instead, or reload the page.
              </Text>
            </Stack>
          ) : (
            <>
              {qr === 'loading' && <Skeleton className={classes.qrLoading} aria-hidden />}
              <img
                src={shipping.qrUrl}
                alt={`QR code for dropping off the package at The UPS Store (tracking ${shipping.trackingNumber})`}
                width={200}
                height={200}
                className={classes.qrImage}
                data-testid="qr-code"
                onLoad={() => setQr('loaded')}
                onError={() => setQr('failed')}
              />
            </>
          )}
        </Box>
        <Stack gap="md" miw={0}>
          <div>
            <Title order={headingLevel} size={headingLevel === 4 ? 'h4' : 'h3'}>
              Drop off with the QR code
            </Title>
            <Text size="sm" mt={4}>
              {QR_DROP_OFF_RULE}
            </Text>
          </div>
          <div>
            <Title order={headingLevel} size={headingLevel === 4 ? 'h4' : 'h3'}>
              Or print the label
            </Title>
            <Text size="sm" mt={4} mb="xs">
              A 4×6 inch label: tape it flat on the box, over any old labels.
            </Text>
            <Button
              component="a"
              href={shipping.labelUrl}
              download={`tradeloop-label-${shipping.trackingNumber}.pdf`}
              leftSection={<IconDownload size={18} aria-hidden />}
            >
              Download label (PDF)
            </Button>
          </div>
          <Text size="sm" c="dimmed">
            {shipping.service} · tracking number <span className={classes.tracking}>{formatTrackingNumber(shipping.trackingNumber)}</span>
          </Text>
        </Stack>
      </div>
      <Alert variant="light" color="blue" icon={<IconInfoCircle aria-hidden />} p="sm">
        <Text size="sm">Not shipped by the date above, the trade-in expires and the offer is gone; you can always ask for a new one.</Text>
      </Alert>
    </Stack>
  );
}
