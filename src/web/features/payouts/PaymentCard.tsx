import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { TArrival, TSellerPayout } from '../../../shared/api/payouts.ts';
import { formatMoney } from '../../../shared/money.ts';
import { formatMarketDate, formatMarketDateTime } from '../quote/format.ts';

/** A market calendar date ('YYYY-MM-DD') in the long form; 17:00 UTC is that day in New York. */
const day = (d: string) => formatMarketDate(`${d}T17:00:00Z`);
const arrival = (a: TArrival) => (a.from === a.to ? `on ${day(a.from)}` : `between ${day(a.from)} and ${day(a.to)}`);

const BADGE: Record<TSellerPayout['status'], { label: string; color: string }> = {
  waiting_for_details: { label: 'Waiting for your bank details', color: 'orange' },
  ready: { label: 'Scheduled', color: 'blue' },
  sent: { label: 'Sent', color: 'teal' },
  returned: { label: 'Returned by your bank', color: 'red' },
};

/**
 * The seller's payment after approval (docs/payouts/payouts.md): waiting for bank details, scheduled
 * (when it leaves and the dates it should arrive), sent, or returned by the bank (why, and where
 * to correct the details). The account is only ever shown masked.
 */
export function PaymentCard({ payout: p }: { payout: TSellerPayout }) {
  const badge = BADGE[p.status];
  return (
    <Stack gap="sm" data-testid="payment-card" data-status={p.status}>
      <Group gap="sm">
        <Text fw={800} fz={24} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="payment-amount">
          {formatMoney(p.amount)}
        </Text>
        <Badge variant="light" color={badge.color}>
          {badge.label}
        </Badge>
      </Group>
      {p.accountMasked && (
        <Text size="sm" c="dimmed" data-testid="payment-account">
          To your account {p.accountMasked}
          {p.attempt > 1 ? ` (attempt ${p.attempt})` : ''}
        </Text>
      )}
      {p.status === 'waiting_for_details' && (
        <>
          <Text>We can’t send it until we know where to send it. Add your bank account and the payment leaves with the next bank transfer.</Text>
          <Group>
            <Button component={Link} to="/settings?edit=payout" size="sm">
              Add bank details
            </Button>
          </Group>
        </>
      )}
      {p.status === 'ready' && (
        <Text data-testid="payment-schedule">
          {p.sendsAt ? `It leaves with the bank transfer of ${formatMarketDateTime(p.sendsAt)}` : 'It leaves with the next bank transfer'}
          {p.expectedArrival ? ` and should reach your bank ${arrival(p.expectedArrival)}.` : '.'}
        </Text>
      )}
      {p.status === 'sent' && (
        <Text data-testid="payment-schedule">
          {p.sentAt ? `Sent on ${formatMarketDate(p.sentAt)}` : 'Sent'}
          {p.expectedArrival ? `; arriving ${arrival(p.expectedArrival)}.` : '.'}
        </Text>
      )}
      {p.status === 'returned' && p.returned && (
        <Alert color="red" variant="light" title="Your bank sent the payment back" styles={{ title: { color: 'var(--mantine-color-text)' } }}>
          <Stack gap="xs">
            <Text size="sm" data-testid="payment-return-reason">
              {p.returned.reason}
            </Text>
            {p.returned.code && (
              <Text size="xs" c="dimmed">
                Bank code {p.returned.code}, {formatMarketDate(p.returned.at)}
              </Text>
            )}
            <Group>
              <Button component={Link} to="/settings?edit=payout" size="sm" variant="white" color="dark">
                Correct your details
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
