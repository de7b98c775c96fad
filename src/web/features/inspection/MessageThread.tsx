import { Alert, Button, Paper, Skeleton, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { MESSAGE_MAX_LENGTH, type TMessage } from '../../../shared/api/inspection.ts';
import { ApiError } from '../../api.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { formatMarketDateTime } from '../quote/format.ts';
import type { TMessageThread } from './inspection-api.ts';

type Side = TMessage['from'];

/**
 * The messages between the seller and the refurbisher on one trade-in, from either side (the
 * calls differ, the thread does not). Plain text; the server refuses protected details, and says so.
 */
export function MessageThread({
  queryKey,
  load,
  send,
  me,
  intro,
}: {
  queryKey: readonly unknown[];
  load: () => Promise<TMessageThread>;
  send: (body: string) => Promise<TMessage>;
  me: Side;
  intro: string;
}) {
  const queryClient = useQueryClient();
  const thread = useQuery({ queryKey, queryFn: load, staleTime: 0, refetchInterval: 15_000 });
  const [body, setBody] = useState('');
  const post = useMutation({
    mutationFn: send,
    onSuccess: () => {
      setBody('');
      void queryClient.invalidateQueries({ queryKey });
    },
  });
  const fieldError = post.error instanceof ApiError ? post.error.fields.body : undefined;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (body.trim() === '' || post.isPending) return;
    post.mutate(body.trim());
  };

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {intro}
      </Text>
      {thread.isError ? (
        <LoadError error={thread.error} onRetry={() => void thread.refetch()} what="the messages" />
      ) : !thread.data ? (
        <Skeleton height={80} />
      ) : thread.data.messages.length === 0 ? (
        <Text size="sm">No messages yet.</Text>
      ) : (
        <Stack gap="xs" role="log" aria-label="Messages" data-testid="messages">
          {thread.data.messages.map((m) => (
            <Paper
              key={m.id}
              p="sm"
              radius="md"
              bg={m.from === me ? 'brand.0' : 'gray.0'}
              ml={m.from === me ? 'xl' : 0}
              mr={m.from === me ? 0 : 'xl'}
              data-from={m.from}
            >
              <Text size="xs" c="dimmed" fw={600}>
                {m.from === me ? 'You' : m.authorName} · {formatMarketDateTime(m.sentAt)}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {m.body}
              </Text>
            </Paper>
          ))}
        </Stack>
      )}
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="xs">
          <Textarea
            label="Your message"
            description="Plain text. Never write bank details or ID numbers here."
            value={body}
            onChange={(e) => {
              setBody(e.currentTarget.value);
              if (post.isError) post.reset();
            }}
            maxLength={MESSAGE_MAX_LENGTH}
            autosize
            minRows={2}
            maxRows={8}
            error={fieldError}
          />
          {post.isError && !fieldError && (
            <Alert color="red" variant="light" role="alert" p="sm">
              <Text size="sm">{post.error.message}</Text>
            </Alert>
          )}
          <Button type="submit" loading={post.isPending} disabled={body.trim() === ''} style={{ alignSelf: 'flex-start' }}>
            Send message
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
