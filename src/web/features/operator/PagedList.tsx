import { Anchor, Button, Group, Skeleton, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { LoadError } from '../../components/LoadError.tsx';
import { listUrl, type Filters, type Page } from './console-api.ts';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  align?: 'right';
}

interface Props<T> {
  /** What the list shows, for messages ("the payouts"). */
  what: string;
  testId: string;
  /** The route: the page is fetched from it, the CSV link points at it with the same filters. */
  path: string;
  filters: Filters;
  fetchPage: (filters: Filters, limit: number, offset: number) => Promise<Page<T>>;
  columns: Column<T>[];
  rowKey: (row: T) => string | number;
  empty: string;
  pageSize?: number;
  /** Extra content above the table (filters, actions). */
  children?: ReactNode;
}

/**
 * One console list: the page comes from the server (limit/offset, the total beside it),
 * Previous/Next move through it, and "Export CSV" downloads the whole filtered list.
 */
export function PagedList<T>({ what, testId, path, filters, fetchPage, columns, rowKey, empty, pageSize = 25, children }: Props<T>) {
  const filterKey = JSON.stringify(filters);
  // A new filter starts again at the first page.
  const [at, setAt] = useState({ filterKey, offset: 0 });
  const offset = at.filterKey === filterKey ? at.offset : 0;
  const list = useQuery({
    queryKey: ['account', 'admin', 'console', path, filterKey, offset, pageSize],
    queryFn: () => fetchPage(filters, pageSize, offset),
    staleTime: 0,
    placeholderData: keepPreviousData,
  });
  const total = list.data?.total ?? 0;
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Group gap="sm" align="flex-end">
          {children}
        </Group>
        <Anchor href={listUrl(path, filters, { format: 'csv' })} download data-testid={`${testId}-csv`} size="sm">
          Export CSV
        </Anchor>
      </Group>
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} what={what} />
      ) : !list.data ? (
        <Skeleton height={160} aria-busy="true" aria-label="Loading" />
      ) : list.data.items.length === 0 ? (
        <Text data-testid={`${testId}-empty`}>{empty}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped data-testid={testId}>
            <Table.Thead>
              <Table.Tr>
                {columns.map((c) => (
                  <Table.Th key={c.header} ta={c.align}>
                    {c.header}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((row) => (
                <Table.Tr key={rowKey(row)}>
                  {columns.map((c) => (
                    <Table.Td key={c.header} ta={c.align}>
                      {c.cell(row)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {total > 0 && (
        <Group gap="sm">
          <Button variant="default" size="xs" disabled={offset === 0} onClick={() => setAt({ filterKey, offset: Math.max(0, offset - pageSize) })}>
            Previous
          </Button>
          <Text size="sm" c="dimmed" data-testid={`${testId}-range`}>
            {offset + 1}–{Math.min(offset + pageSize, total)} of {total}
          </Text>
          <Button variant="default" size="xs" disabled={offset + pageSize >= total} onClick={() => setAt({ filterKey, offset: offset + pageSize })}>
            Next
          </Button>
        </Group>
      )}
    </Stack>
  );
}
