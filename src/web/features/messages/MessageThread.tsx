import { Alert, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { MESSAGE_MAX_LENGTH, type TMessage } from '../../../shared/api/inspection.ts';
import { ApiError, newIdempotencyKey, request } from '../../api.ts';
import { formatMarketDateTime } from '../quote/format.ts';

type Side = 'seller' | 'refurbisher';

const base = (side: Side, tradeInId: string) =>
  side === 'seller' ? `/api/trade-ins/${encodeURIComponent(tradeInId)}/messages` : `/api/refurbisher/trade-ins/${encodeURIComponent(tradeInId)}/messages`;

/**
 * The messages on a trade-in between its seller and its refurbisher, and a box to write one.
 * Plain text only; the server refuses anything that looks like bank or identity details and
 * says why, which is shown under the box.
 */
export function MessageThread({ tradeInId, side, otherParty }: { tradeInId: string; side: Side; otherParty: string }) {
  const client = useQueryClient();
  const key = ['messages', side, tradeInId];
  const thread = useQuery({ queryKey: key, queryFn: () => request<{ messages: TMessage[] }>(base(side, tradeInId)), refetchInterval: 30_000 });
  const [body, setBody] = useState('');
  // One key per message being written: a retry of the same send is answered once.
  const [idempotencyKey, setIdempotencyKey] = useState(() => newIdempotencyKey());
  const send = useMutation({
    mutationFn: (text: string) => request<TMessage>(base(side, tradeInId), { method: 'POST', body: { body: text }, headers: { 'idempotency-key': idempotencyKey } }),
    onSuccess: () => {
      setBody('');
      setIdempotencyKey(newIdempotencyKey());
      void client.invalidateQueries({ queryKey: key });
    },
  });
  const error = send.error instanceof ApiError ? (send.error.fields.body ?? send.error.message) : send.error ? 'Your message was not sent. Please try again.' : null;
  const messages = thread.data?.messages ?? [];

  return (
    <Stack gap="md">
      {thread.isError ? (
        <Text c="red.8" size="sm">
          The messages could not be loaded.
        </Text>
      ) : messages.length === 0 ? (
        <Text size="sm" c="dimmed">
          {thread.isPending ? 'Loading…' : `No messages yet. Write to ${otherParty} about this trade-in.`}
        </Text>
      ) : (
        <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Messages">
          {messages.map((m) => {
            const mine = m.from === side;
            return (
              <Paper component="li" key={m.id} withBorder p="sm" bg={mine ? 'var(--mantine-color-green-0)' : undefined} ml={mine ? 'xl' : 0} mr={mine ? 0 : 'xl'}>
                <Group justify="space-between" gap="xs" mb={4}>
                  <Text size="sm" fw={600}>
                    {mine ? 'You' : m.authorName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatMarketDateTime(m.sentAt)}
                  </Text>
                </Group>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {m.body}
                </Text>
              </Paper>
            );
          })}
        </Stack>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (body.trim()) send.mutate(body);
        }}
      >
        <Stack gap="xs">
          <Textarea
            label={`Write to ${otherParty}`}
            description="Never share bank or identity details in a message."
            autosize
            minRows={2}
            maxRows={8}
            maxLength={MESSAGE_MAX_LENGTH}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            error={error}
          />
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {body.length}/{MESSAGE_MAX_LENGTH}
            </Text>
            <Button type="submit" loading={send.isPending} disabled={!body.trim()}>
              Send
            </Button>
          </Group>
        </Stack>
      </form>
      {send.isSuccess && (
        <Alert color="green" variant="light" role="status">
          Sent. {otherParty} gets it by e-mail too.
        </Alert>
      )}
    </Stack>
  );
}
