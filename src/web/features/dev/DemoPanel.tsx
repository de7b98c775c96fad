import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconFlask } from '@tabler/icons-react';
import { Link } from 'react-router';
import { api, isUnauthenticated, type CarrierEventType } from '../../api.ts';
import { formatMarketDateTime } from '../quote/format.ts';
import { keys, queryClient } from '../../queries.ts';
import classes from './DemoPanel.module.css';

const CARRIER_BUTTONS: { type: CarrierEventType; label: string }[] = [
  { type: 'picked_up', label: 'Picked up' },
  { type: 'in_transit', label: 'In transit' },
  { type: 'out_for_delivery', label: 'Out for delivery' },
  { type: 'delivered', label: 'Delivered' },
];

const OUTCOME: Record<string, string> = {
  applied: 'the trade-in moved on',
  recorded: 'recorded on the timeline, status unchanged',
  inbound_label_voided: 'ignored, the label was voided',
  unknown_tracking: 'ignored, unknown tracking number',
};

const CLOCK_BUTTONS = [
  { advance: 'P1D', label: '+1 day' },
  { advance: 'P7D', label: '+7 days' },
  { advance: 'P21D', label: '+21 days' },
];

/** The demo tools need a signed-in user: a session that ended asks to sign in again, not for a retry. */
function problem(error: Error): string {
  return isUnauthenticated(error) ? 'Your session has ended: sign in to use the demo tools.' : error.message;
}

/**
 * Demo mode only: walk a trade-in through its journey by hand. Carrier events go through the real
 * signed webhook; the clock moves the product's time (deadlines, not sessions) and runs whatever
 * fell due.
 */
export function DemoPanel({ tradeInId }: { tradeInId: string }) {
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.tradeIns });
  // On a 401, asking who is signed in again turns the page into its sign-in form.
  const onError = (error: Error) => {
    if (isUnauthenticated(error)) void queryClient.invalidateQueries({ queryKey: keys.session });
  };
  const carrier = useMutation({
    mutationFn: (type: CarrierEventType) => api.sendCarrierEvent(tradeInId, type),
    onError,
    onSettled: refresh,
  });
  const clock = useMutation({
    mutationFn: api.advanceClock,
    onError,
    // The clock moves every deadline, e-mail and offer, not only this trade-in.
    onSettled: () => queryClient.invalidateQueries(),
  });

  return (
    <Paper p={{ base: 'md', sm: 'lg' }} className={classes.panel} component="section" aria-labelledby="demo-heading">
      <Stack gap="md">
        <Group gap="xs" wrap="nowrap">
          <IconFlask size={20} aria-hidden />
          <Title order={2} size="h3" id="demo-heading">
            Demo: simulate carrier
          </Title>
        </Group>
        <Text size="sm" c="dimmed">
          Only in demo mode. Each button sends a signed carrier event through the real webhook.
        </Text>
        <Group gap="xs" role="group" aria-label="Carrier events">
          {CARRIER_BUTTONS.map((b) => (
            <Button
              key={b.type}
              size="sm"
              variant="default"
              onClick={() => carrier.mutate(b.type)}
              loading={carrier.isPending && carrier.variables === b.type}
              disabled={carrier.isPending}
            >
              {b.label}
            </Button>
          ))}
        </Group>
        <Text size="sm" c="dimmed" role="status">
          {carrier.isSuccess
            ? `Sent “${CARRIER_BUTTONS.find((b) => b.type === carrier.variables)?.label ?? carrier.variables}” for ${carrier.data.trackingNumber}: ${OUTCOME[carrier.data.outcome] ?? carrier.data.outcome}.`
            : ''}
        </Text>
        {carrier.isError && (
          <Alert color="red" variant="light" role="alert" p="xs">
            <Text size="sm">{problem(carrier.error)}</Text>
          </Alert>
        )}
        <div>
          <Text fw={600} size="sm" mb={6} id="demo-clock">
            Advance clock
          </Text>
          <Group gap="xs" role="group" aria-labelledby="demo-clock">
            {CLOCK_BUTTONS.map((b) => (
              <Button
                key={b.advance}
                size="sm"
                variant="default"
                onClick={() => clock.mutate(b.advance)}
                loading={clock.isPending && clock.variables === b.advance}
                disabled={clock.isPending}
              >
                {b.label}
              </Button>
            ))}
          </Group>
          <Text size="sm" c="dimmed" mt={6} role="status">
            {clock.isSuccess ? `The clock now reads ${formatMarketDateTime(clock.data.now)}.` : ''}
          </Text>
          {clock.isError && (
            <Alert color="red" variant="light" role="alert" p="xs">
              <Text size="sm">{problem(clock.error)}</Text>
            </Alert>
          )}
        </div>
        <Anchor component={Link} to="/dev/mailbox" size="sm">
          Open the demo mailbox
        </Anchor>
      </Stack>
    </Paper>
  );
}
