import { Badge, Group, List, Stack, Text } from '@mantine/core';
import type { TCounteroffer, TLockHold } from '../../../shared/api/inspection.ts';
import { formatMoney } from '../../../shared/money.ts';
import { formatMarketDateTime } from '../quote/format.ts';

const COUNTEROFFER_STATE: Record<TCounteroffer['state'], { label: string; color: string }> = {
  open: { label: 'Waiting for the seller', color: 'orange' },
  accepted: { label: 'Accepted by the seller', color: 'teal' },
  rejected: { label: 'Rejected: return the device', color: 'red' },
  expired: { label: 'Expired unanswered: return the device', color: 'red' },
};

/** The counteroffer as the refurbisher follows it. */
export function CounterofferStatus({ counteroffer: c }: { counteroffer: TCounteroffer }) {
  const s = COUNTEROFFER_STATE[c.state];
  return (
    <Stack gap="xs" data-testid="counteroffer-status">
      <Group gap="sm">
        <Badge color={s.color} variant="light" size="lg">
          {s.label}
        </Badge>
      </Group>
      <Text size="sm">
        {formatMoney(c.price)} instead of {formatMoney(c.originalPrice)} ({c.verifiedGrade}, declared {c.declaredGrade}).
        {c.state === 'open' ? ` The seller answers by ${formatMarketDateTime(c.dueAt)}.` : c.answeredAt ? ` Answered ${formatMarketDateTime(c.answeredAt)}.` : ''}
      </Text>
      <List size="sm">
        {c.defects.map((d) => (
          <List.Item key={d.subject}>
            <strong>{d.label}:</strong> {d.reason}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

/** The lock hold as the refurbisher follows it: when the seller says the account is gone, check again. */
export function LockHoldStatus({ hold }: { hold: TLockHold }) {
  return (
    <Stack gap="xs" data-testid="lock-hold-status">
      <Text size="sm">
        Asked {formatMarketDateTime(hold.startedAt)}; the seller has until {formatMarketDateTime(hold.dueAt)} to remove the account.
      </Text>
      {hold.sellerClearedAt ? (
        <Text size="sm" fw={600}>
          The seller says the account was removed ({formatMarketDateTime(hold.sellerClearedAt)}): check the device again.
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          Not removed yet. Not removed in time, the device goes back to the seller.
        </Text>
      )}
    </Stack>
  );
}
