import { Anchor, Badge, Group, SegmentedControl, Skeleton, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { INCOMING_BUCKET_LABEL, INCOMING_BUCKETS, type IncomingBucket, type TIncomingItem } from '../../../shared/api/inspection.ts';
import { formatMoney } from '../../../shared/money.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { formatMarketDateTime, formatMarketShortDate } from '../quote/format.ts';
import { inspectionApi, inspectionKeys } from './inspection-api.ts';

/**
 * The organisation's trade-ins after the label, by what they need: on the way, to inspect (with
 * the deadline to the minute, on the market's clock), overdue, waiting for the seller, returns.
 */
export function IncomingPanel({ bucket, onBucket }: { bucket: IncomingBucket; onBucket: (b: IncomingBucket) => void }) {
  const page = useQuery({
    queryKey: inspectionKeys.incoming(bucket),
    queryFn: () => inspectionApi.incoming(bucket),
    placeholderData: keepPreviousData,
    staleTime: 0,
    // Devices arrive and deadlines pass while the tab is open.
    refetchInterval: 30_000,
  });
  const counts = page.data?.counts;
  return (
    <Stack gap="md">
      <SegmentedControl
        aria-label="Which trade-ins"
        value={bucket}
        onChange={(v) => onBucket(v as IncomingBucket)}
        data={INCOMING_BUCKETS.map((b) => ({ value: b, label: `${INCOMING_BUCKET_LABEL[b]}${counts ? ` (${counts[b] ?? 0})` : ''}` }))}
        style={{ alignSelf: 'flex-start', maxWidth: '100%', overflowX: 'auto' }}
      />
      {page.isError ? (
        <LoadError error={page.error} onRetry={() => void page.refetch()} what="the incoming trade-ins" />
      ) : !page.data ? (
        <Skeleton height={200} aria-busy="true" aria-label="Loading" />
      ) : page.data.items.length === 0 ? (
        <Text c="dimmed" py="md">
          Nothing here: no trade-in is {INCOMING_BUCKET_LABEL[bucket].toLowerCase()} right now.
        </Text>
      ) : (
        <IncomingTable items={page.data.items} />
      )}
    </Stack>
  );
}

function IncomingTable({ items }: { items: TIncomingItem[] }) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover data-testid="incoming-list" verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Device</Table.Th>
            <Table.Th>Declared grade</Table.Th>
            <Table.Th ta="right">Price</Table.Th>
            <Table.Th>Delivered</Table.Th>
            <Table.Th>Inspection due (New York time)</Table.Th>
            <Table.Th>
              <VisuallyHidden>Attention</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((t) => (
            <Table.Tr key={t.id} data-trade-in={t.id}>
              <Table.Td>
                <Anchor component={Link} to={`/portal/trade-ins/${t.id}`} fw={600}>
                  {t.device.modelName}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {t.device.variantLabel}
                </Text>
              </Table.Td>
              <Table.Td>{t.declaredGrade}</Table.Td>
              <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {formatMoney(t.price)}
              </Table.Td>
              <Table.Td>{t.deliveredAt ? formatMarketShortDate(t.deliveredAt) : '—'}</Table.Td>
              <Table.Td>{t.inspectionDueAt ? formatMarketDateTime(t.inspectionDueAt) : '—'}</Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  {t.bucket === 'overdue' && (
                    <Badge color="red" variant="filled">
                      Overdue
                    </Badge>
                  )}
                  {t.awaitingReply && (
                    <Badge color="orange" variant="light">
                      Reply awaited
                    </Badge>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
