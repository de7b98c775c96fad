import { Alert, Badge, Button, Group, Modal, Paper, Skeleton, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { TCarrierEventFlag } from '../../../shared/api/carrier-event-flags.ts';
import { ApiError } from '../../api.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { FormProblem } from '../account/FormProblem.tsx';
import { flagsApi, type TReviewFlags } from './flags-api.ts';

const REASONS: Record<TCarrierEventFlag['reason'], string> = {
  scan_after_cancel: 'Scanned after the seller cancelled',
  scan_after_expiry: 'Scanned after the shipping window closed',
};
const REVIEW_KINDS: Record<TReviewFlags['flags'][number]['kind'], string> = {
  shared_bank_account: 'Bank account shared by several sellers',
  blocked_mail: 'E-mail held back: it would have shown protected seller details',
};
const when = (iso: string) => new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
const CARRIER_KEY = ['account', 'admin', 'carrier-event-flags'];

/** Open flags first (newest first within each status): the ones that still need a person. */
function openFirst(flags: TCarrierEventFlag[]): TCarrierEventFlag[] {
  return [...flags.filter((f) => f.status === 'open'), ...flags.filter((f) => f.status !== 'open')];
}

export function FlagsSection() {
  return (
    <Stack gap="md" component="section" aria-labelledby="flags-title">
      <Title order={2} id="flags-title">
        Flags
      </Title>
      <CarrierEventFlags />
      <ReviewFlags />
    </Stack>
  );
}

function CarrierEventFlags() {
  const list = useQuery({ queryKey: CARRIER_KEY, queryFn: () => flagsApi.carrierEventFlags(), staleTime: 0 });
  const [clearing, setClearing] = useState<TCarrierEventFlag | null>(null);
  return (
    <Paper withBorder p="lg">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Carrier scans that need a look
        </Title>
        <Text size="sm" c="dimmed">
          The carrier scanned a parcel although its trade-in was cancelled or had expired. Clear a flag once it needs nothing more.
        </Text>
        {list.isError ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} what="the carrier event flags" />
        ) : !list.data ? (
          <Skeleton height={120} aria-busy="true" aria-label="Loading" />
        ) : list.data.flags.length === 0 ? (
          <Text data-testid="carrier-flags-empty">No carrier scans need a look.</Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table striped data-testid="carrier-flags">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Trade-in</Table.Th>
                  <Table.Th>Tracking number</Table.Th>
                  <Table.Th>Reason</Table.Th>
                  <Table.Th>Scanned</Table.Th>
                  <Table.Th>Status</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {openFirst(list.data.flags).map((f) => (
                  <Table.Tr key={f.id} data-flag-id={f.id}>
                    <Table.Td ff="monospace">{f.tradeInId}</Table.Td>
                    <Table.Td ff="monospace">{f.trackingNumber}</Table.Td>
                    <Table.Td>
                      {REASONS[f.reason]} ({f.type.replace(/_/g, ' ')})
                    </Table.Td>
                    <Table.Td>{when(f.occurredAt)}</Table.Td>
                    <Table.Td>
                      {f.status === 'open' ? (
                        <Button size="xs" variant="light" onClick={() => setClearing(f)}>
                          Clear
                        </Button>
                      ) : (
                        <Stack gap={0}>
                          <Badge color="gray" variant="light">
                            Cleared {f.clearedAt ? when(f.clearedAt) : ''}
                          </Badge>
                          {f.clearedNote && (
                            <Text size="xs" c="dimmed">
                              {f.clearedNote}
                            </Text>
                          )}
                        </Stack>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      {clearing && <ClearFlagDialog flag={clearing} onClose={() => setClearing(null)} />}
    </Paper>
  );
}

function ClearFlagDialog({ flag, onClose }: { flag: TCarrierEventFlag; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const clear = useMutation({
    mutationFn: () => flagsApi.clearCarrierEventFlag(flag.id, { note }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: CARRIER_KEY });
      onClose();
    },
    // Someone else cleared it meanwhile: show the list as it is now, with the message.
    onError: async (e) => {
      if (e instanceof ApiError && e.status === 409) await queryClient.invalidateQueries({ queryKey: CARRIER_KEY });
    },
  });
  const fields = clear.error instanceof ApiError ? clear.error.fields : {};
  return (
    <Modal opened onClose={onClose} title={`Clear the flag on trade-in ${flag.tradeInId}`}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          clear.mutate();
        }}
      >
        <Stack gap="sm">
          <Textarea
            label="Note"
            description="Why this scan needs nothing more. Kept with the flag and in the audit log."
            required
            autosize
            minRows={2}
            maxLength={500}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={fields['note']}
            data-autofocus
          />
          {clear.isError && <FormProblem error={clear.error} title="The flag was not cleared" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={clear.isPending}>
              Clear flag
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ReviewFlags() {
  const list = useQuery({ queryKey: ['account', 'admin', 'review-flags'], queryFn: flagsApi.reviewFlags, staleTime: 0 });
  return (
    <Paper withBorder p="lg">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Sellers to review
        </Title>
        {list.isError ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} what="the review flags" />
        ) : !list.data ? (
          <Skeleton height={80} aria-busy="true" aria-label="Loading" />
        ) : list.data.flags.length === 0 ? (
          <Text data-testid="review-flags-empty">No sellers to review.</Text>
        ) : (
          <Table.ScrollContainer minWidth={480}>
            <Table striped data-testid="review-flags">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Why</Table.Th>
                  <Table.Th ta="right">Sellers</Table.Th>
                  <Table.Th>Since</Table.Th>
                  <Table.Th>Status</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.flags.map((f) => (
                  <Table.Tr key={f.id}>
                    <Table.Td>
                      {REVIEW_KINDS[f.kind]}
                      {f.subject && (
                        <Text size="xs" c="dimmed" ff="monospace">
                          {f.subject}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{f.userIds.length}</Table.Td>
                    <Table.Td>{when(f.createdAt)}</Table.Td>
                    <Table.Td>{f.status}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
