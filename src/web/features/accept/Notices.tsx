import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconHandStop } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { TQuote } from '../../../shared/api/quotes.ts';
import { SHIP_WITHIN_DAYS } from '../../../shared/deadlines.ts';

export function UnderageNotice({ heading }: { heading?: ReactNode }) {
  return (
    <Alert color="red" variant="light" icon={<IconHandStop aria-hidden />} title={heading ? undefined : 'You must be 18 or older to sell'} role="alert">
      <Stack gap="sm" align="flex-start">
        {heading}
        <Text size="sm">
          Tradeloop can only buy devices from adults, so this offer cannot be accepted from this account. A parent or guardian
          can sell the device from their own account.
        </Text>
        <Button component={Link} to="/" size="sm" variant="white" color="red.9">
          Back to the home page
        </Button>
      </Stack>
    </Alert>
  );
}

/** The offer is past its ship-by date: the server said so (`offer.expired`), by its clock. */
export function ExpiredNotice({ quote }: { quote: TQuote }) {
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title="This offer has expired" role="alert">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">Offers last {SHIP_WITHIN_DAYS} days. Run the assessment again to see what your device is worth today.</Text>
        <Button component={Link} to={`/models/${quote.device.modelId}/${quote.device.variantId}/assess`} size="sm" variant="white" color="red.9">
          Get a new offer
        </Button>
      </Stack>
    </Alert>
  );
}
