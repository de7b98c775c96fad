import { Anchor, Badge, Button, Group, Paper, SegmentedControl, Select, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { OPERATOR_FLAG_KINDS, type OperatorFlagKind, type TOperatorFlag } from '../../../shared/api/operator-flags.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { ClearFlagDialog, FLAGS_KEY } from './ClearFlagDialog.tsx';
import { FLAG_KIND_LABELS, flagSummary, when } from './flag-copy.ts';
import { flagsApi, type FlagFilter } from './flags-api.ts';

const KIND_OPTIONS = [{ value: '', label: 'Every kind' }, ...OPERATOR_FLAG_KINDS.map((k) => ({ value: k, label: FLAG_KIND_LABELS[k] }))];

/**
 * The operator's one list of things to look at, every kind together: open flags first (newest
 * first), then the cleared ones with who cleared them and why. Each open flag is cleared with a note.
 */
export function FlagsSection() {
  const [filter, setFilter] = useState<FlagFilter>({});
  const [clearing, setClearing] = useState<TOperatorFlag | null>(null);
  const list = useInfiniteQuery({
    queryKey: [...FLAGS_KEY, filter],
    queryFn: ({ pageParam }) => flagsApi.list(filter, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
  });
  const flags = list.data?.pages.flatMap((p) => p.flags);
  return (
    <Stack gap="md" component="section" aria-labelledby="flags-title">
      <Title order={2} id="flags-title">
        Flags
      </Title>
      <Paper withBorder p="lg">
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Things the system could not settle alone. Clear a flag, with a note, once it needs nothing more.
          </Text>
          <Group gap="sm" align="flex-end">
            <SegmentedControl
              aria-label="Status"
              data={[
                { value: 'all', label: 'All' },
                { value: 'open', label: 'Open' },
                { value: 'cleared', label: 'Cleared' },
              ]}
              value={filter.status ?? 'all'}
              onChange={(v) => setFilter({ ...filter, status: v === 'all' ? undefined : (v as 'open' | 'cleared') })}
            />
            <Select
              aria-label="Kind"
              data={KIND_OPTIONS}
              value={filter.kind ?? ''}
              onChange={(v) => setFilter({ ...filter, kind: v ? (v as OperatorFlagKind) : undefined })}
              allowDeselect={false}
              w={340}
            />
            <Anchor href={flagsApi.csvUrl(filter)} download size="sm" data-testid="flags-csv" ml="auto">
              Export CSV
            </Anchor>
          </Group>
          {list.isError ? (
            <LoadError error={list.error} onRetry={() => void list.refetch()} what="the flags" />
          ) : !flags ? (
            <Skeleton height={120} aria-busy="true" aria-label="Loading" />
          ) : flags.length === 0 ? (
            <Text data-testid="flags-empty">Nothing to look at.</Text>
          ) : (
            <>
              <FlagsTable flags={flags} onClear={setClearing} />
              {list.data && (
                <Text size="sm" c="dimmed">
                  {flags.length} of {list.data.pages[0]!.total} shown
                </Text>
              )}
              {list.hasNextPage && (
                <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} style={{ alignSelf: 'flex-start' }}>
                  Show more
                </Button>
              )}
            </>
          )}
        </Stack>
      </Paper>
      {clearing && <ClearFlagDialog flag={clearing} onClose={() => setClearing(null)} />}
    </Stack>
  );
}

function FlagsTable({ flags, onClear }: { flags: TOperatorFlag[]; onClear: (f: TOperatorFlag) => void }) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped data-testid="flags">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>What</Table.Th>
            <Table.Th>Concerns</Table.Th>
            <Table.Th>Raised</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {flags.map((f) => (
            <Table.Tr key={f.id} data-flag-id={f.id} data-kind={f.kind}>
              <Table.Td>
                {FLAG_KIND_LABELS[f.kind]}
                <Text size="xs" c="dimmed">
                  {flagSummary(f)}
                </Text>
              </Table.Td>
              <Table.Td ff="monospace">
                {f.tradeInId}
                {f.kind === 'shared_bank_account' && <Text size="xs">{f.userIds.join(', ')}</Text>}
              </Table.Td>
              <Table.Td>{when(f.createdAt)}</Table.Td>
              <Table.Td>
                {f.status === 'open' ? (
                  <Button size="xs" variant="light" onClick={() => onClear(f)}>
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
  );
}
