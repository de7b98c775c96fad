import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useRef } from 'react';
import type { TTradeIn } from '../../../shared/api/trade-ins.ts';
import { api, ApiError, newIdempotencyKey } from '../../api.ts';
import { keys, queryClient } from '../../queries.ts';

/** Until the first carrier scan the seller may change their mind; the label is voided. */
export function CancelTradeIn({ tradeIn }: { tradeIn: TTradeIn }) {
  const [opened, { open, close }] = useDisclosure(false);
  // One key per cancel attempt, reused if that attempt is retried after a network failure.
  const attemptKey = useRef<string | null>(null);
  const cancel = useMutation({
    mutationFn: (key: string) => api.cancelTradeIn(tradeIn.id, key),
    onSuccess: (t) => {
      attemptKey.current = null;
      queryClient.setQueryData(keys.tradeIn(t.id), t);
      void queryClient.invalidateQueries({ queryKey: keys.tradeIns, exact: true });
      close();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status > 0 && error.status < 500) {
        attemptKey.current = null;
        // E.g. the carrier scanned it meanwhile: show what is true now.
        void queryClient.invalidateQueries({ queryKey: keys.tradeIn(tradeIn.id) });
      }
    },
  });
  const confirm = () => {
    attemptKey.current ??= newIdempotencyKey();
    cancel.mutate(attemptKey.current);
  };

  return (
    <>
      <Button variant="outline" color="red.9" onClick={open} fullWidth>
        Cancel this trade-in
      </Button>
      <Modal opened={opened} onClose={close} title="Cancel this trade-in?" centered>
        <Stack gap="md">
          <Text size="sm">
            The offer of {tradeIn.refurbisher.name} is given up and the shipping label stops working. Don’t send the device
            after cancelling. To sell it later, you’ll need a new offer, which may be lower.
          </Text>
          {cancel.isError && (
            <Alert color="red" variant="light" role="alert" p="sm">
              <Text size="sm">{cancel.error.message}</Text>
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} data-autofocus>
              Keep it
            </Button>
            <Button color="red.9" onClick={confirm} loading={cancel.isPending}>
              Yes, cancel
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
