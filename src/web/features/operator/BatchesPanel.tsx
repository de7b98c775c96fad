import { Alert, Anchor, Button, Group, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import type { TPayoutBatch } from '../../../shared/api/payouts.ts';
import { formatMoney } from '../../../shared/money.ts';
import { newIdempotencyKey } from '../../api.ts';
import { FormProblem } from '../account/FormProblem.tsx';
import { BATCHES_PATH, batchFileUrl, consoleApi } from './console-api.ts';
import { when } from './flag-copy.ts';
import { PagedList } from './PagedList.tsx';

/**
 * ACH batches, newest first, each with its NACHA file to download; "Create batch now" closes the
 * window that is due (two operators at once get the same batch; a retry sends the same key).
 */
export default function BatchesPanel() {
  const queryClient = useQueryClient();
  // One key per attempt: a double click or a retry after a lost answer is the same request.
  const key = useRef<string | null>(null);
  const create = useMutation({
    mutationFn: () => {
      key.current ??= newIdempotencyKey();
      return consoleApi.createBatch(key.current);
    },
    onSuccess: async () => {
      key.current = null;
      await queryClient.invalidateQueries({ queryKey: ['account', 'admin', 'console'] });
    },
  });
  return (
    <PagedList<TPayoutBatch>
      what="the batches"
      testId="batches"
      path={BATCHES_PATH}
      filters={{}}
      fetchPage={consoleApi.batches}
      rowKey={(b) => b.id}
      empty="No batch yet."
      columns={[
        { header: 'Business day', cell: (b) => b.businessDate },
        { header: 'Window', cell: (b) => (b.sameDay ? `${b.window} (same day)` : b.window) },
        { header: 'Effective', cell: (b) => b.effectiveDate },
        { header: 'Entries', cell: (b) => b.entryCount, align: 'right' },
        { header: 'Total', cell: (b) => formatMoney(b.total), align: 'right' },
        { header: 'Created', cell: (b) => `${when(b.createdAt)} by ${b.createdBy}` },
        {
          header: 'File',
          cell: (b) =>
            b.fileWrittenAt ? (
              <Anchor href={batchFileUrl(b.id)} download={b.fileName} data-testid={`batch-file-${b.id}`}>
                {b.fileName}
              </Anchor>
            ) : (
              <Text size="sm" c="dimmed">
                {b.fileName} (being written)
              </Text>
            ),
        },
      ]}
    >
      <Group gap="sm" align="center">
        <Button onClick={() => create.mutate()} loading={create.isPending} data-testid="create-batch">
          Create batch now
        </Button>
        {create.isError && <FormProblem error={create.error} title="No batch was created" />}
        {create.data && (
          <Alert color={create.data.batch ? 'green' : 'blue'} role="status" py={6} data-testid="create-batch-result">
            {create.data.batch
              ? `${create.data.created ? 'Created' : 'Already created'}: ${create.data.batch.fileName}, ${create.data.batch.entryCount} payouts, ${formatMoney(create.data.batch.total)}.`
              : (create.data.message ?? 'Nothing is ready to send.')}
          </Alert>
        )}
      </Group>
    </PagedList>
  );
}
