import { Alert, Button, Text } from '@mantine/core';
import { IconBuildingBank } from '@tabler/icons-react';
import { Link } from 'react-router';

/** docs/product.md §3: bank details may come later, but no payment is sent until they do. */
export function PayoutBanner() {
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconBuildingBank aria-hidden />}
      title="Your payment will wait for your bank details"
      // Mantine's orange-9 on orange-1 is under 4.5:1; the tint and the icon carry the warning.
      styles={{ title: { color: 'var(--mantine-color-text)' } }}
      data-testid="payout-banner"
    >
      <Text size="sm" mb="xs">
        We can’t send the money until we know where to send it. Add your bank account any time before the refurbisher
        approves your device.
      </Text>
      <Button component={Link} to="/settings?edit=payout" size="sm" variant="white" color="dark">
        Add bank details
      </Button>
    </Alert>
  );
}
