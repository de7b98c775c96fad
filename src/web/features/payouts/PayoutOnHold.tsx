import { Alert, Button, List, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { TSellerPayout } from '../../../shared/api/payouts.ts';
import { useTradeIns } from '../../queries.ts';

/**
 * docs/payouts/returns.md: the seller's bank sent the payment back, the trade-in is on hold, and
 * the seller is told why (the bank's reason) and what to do: correct the bank details in Settings
 * (password asked again); the payment then leaves again with the next bank transfer.
 */
export function PayoutOnHold({ returned }: { returned: TSellerPayout['returned'] }) {
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle aria-hidden />}
      title="Action needed: your bank sent the payment back"
      styles={{ title: { color: 'var(--mantine-color-text)' } }}
      data-testid="payout-on-hold"
    >
      {returned && (
        <Text size="sm" mb="xs" data-testid="payout-on-hold-reason">
          {returned.reason} (bank code {returned.code})
        </Text>
      )}
      <List size="sm" mb="sm" type="ordered">
        <List.Item>Check your bank details in Settings and correct them (your password is asked again).</List.Item>
        <List.Item>We send the payment again with the next bank transfer; this page shows when it should arrive.</List.Item>
      </List>
      <Button component={Link} to="/settings?edit=payout" size="sm" variant="white" color="dark">
        Correct your bank details
      </Button>
    </Alert>
  );
}

/** On Settings: a payment came back, so the bank details below need a look. */
export function OnHoldSettingsBanner() {
  const tradeIns = useTradeIns();
  const held = (tradeIns.data ?? []).filter((t) => t.status === 'payout_on_hold');
  if (held.length === 0) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title="A payment came back from your bank" styles={{ title: { color: 'var(--mantine-color-text)' } }} data-testid="payout-on-hold-banner">
      <Text size="sm">
        {held.length === 1 ? 'One payment is' : `${held.length} payments are`} on hold. Correct your bank account below (“Change bank account”) and we send{' '}
        {held.length === 1 ? 'it' : 'them'} again with the next bank transfer.
      </Text>
    </Alert>
  );
}
