import { Alert, Button, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { TLockHold } from '../../../shared/api/inspection.ts';
import { LOCK_REMOVAL_STEPS } from '../../../shared/lock-removal.ts';
import { formatMarketDateTime } from '../quote/format.ts';
import { aftercareApi } from './aftercare-api.ts';
import { useSellerAction } from './useSellerAction.ts';

/**
 * The device arrived still linked to the seller's account: what to do, step by step, by when, and
 * the "I removed it" button that asks the refurbisher to check again.
 */
export function LockHoldCard({ tradeInId, hold, active }: { tradeInId: string; hold: TLockHold; active: boolean }) {
  const removed = useSellerAction(tradeInId, aftercareApi.lockRemoved);
  return (
    <Stack gap="md" data-testid="lock-hold">
      <Text>
        The refurbisher cannot use the device while it is linked to your account. Remove the account remotely by{' '}
        <strong data-testid="lock-hold-due">{formatMarketDateTime(hold.dueAt)}</strong>. If it is still linked then, the device is sent back to you, free of
        charge.
      </Text>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
        {/* The same steps as the lock-hold e-mail. The device is with the refurbisher: everything is done remotely. */}
        {LOCK_REMOVAL_STEPS.map((p) => (
          <div key={p.provider}>
            <Title order={3} size="h5" mb={6}>
              {p.provider}
            </Title>
            <List type="ordered" size="sm" spacing={4}>
              {p.steps.map((step) => (
                <List.Item key={step}>{step}</List.Item>
              ))}
            </List>
          </div>
        ))}
      </SimpleGrid>
      {hold.sellerClearedAt ? (
        <Alert color="teal" variant="light" role="status" data-testid="lock-removed-note">
          <Text size="sm">
            You told us you removed it ({formatMarketDateTime(hold.sellerClearedAt)}). The refurbisher checks the device again and you hear from us by e-mail.
          </Text>
        </Alert>
      ) : (
        active && (
          <Stack gap={6} align="flex-start">
            <Button onClick={removed.run} loading={removed.mutation.isPending}>
              I removed it
            </Button>
            <Text size="xs" c="dimmed">
              The refurbisher is told to check the device again.
            </Text>
            {removed.mutation.isError && (
              <Text size="sm" c="red.8" role="alert">
                {removed.mutation.error.message}
              </Text>
            )}
          </Stack>
        )
      )}
    </Stack>
  );
}
