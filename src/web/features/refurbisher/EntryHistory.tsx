import { Drawer, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { TEntryChange, TWishlistEntry } from '../../../shared/api/wishlist.ts';
import { formatMoney } from '../../../shared/money.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PriceChart } from './PriceChart.tsx';
import { portalApi } from './portal-api.ts';

const when = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });
const usd = (m: number | null) => (m === null ? '—' : formatMoney({ amountMinor: m, currency: 'USD' }));

function describe(c: TEntryChange): string {
  if (c.kind === 'created') return `Created at ${usd(c.new.priceMinor)}, ${c.new.quantity} wanted${c.new.active ? '' : ', paused'}`;
  const parts: string[] = [];
  if (c.old.priceMinor !== c.new.priceMinor) parts.push(`price ${usd(c.old.priceMinor)} → ${usd(c.new.priceMinor)}`);
  if (c.old.quantity !== c.new.quantity) parts.push(`quantity ${c.old.quantity} → ${c.new.quantity}`);
  if (c.old.active !== c.new.active) parts.push(c.new.active ? 'activated' : 'paused');
  if (parts.length === 0 && c.old.remaining !== c.new.remaining) {
    parts.push((c.new.remaining ?? 0) < (c.old.remaining ?? 0) ? 'a unit reserved by an accepted trade-in' : 'a reserved unit released');
  }
  return parts.join(', ');
}

/** One entry's price against the market's best over 90 days, and every change to it. */
export function EntryHistory({ entry, onClose }: { entry: TWishlistEntry | null; onClose: () => void }) {
  const id = entry?.id ?? '';
  const chart = useQuery({ queryKey: ['account', 'wishlist-history', id], queryFn: () => portalApi.entryPriceHistory(id), enabled: !!entry, staleTime: 0 });
  const changes = useQuery({ queryKey: ['account', 'wishlist-changes', id], queryFn: () => portalApi.entryChanges(id), enabled: !!entry, staleTime: 0 });
  return (
    <Drawer opened={!!entry} onClose={onClose} position="right" size="lg" title={entry ? `${entry.brand} ${entry.modelName} ${entry.variantLabel} · ${entry.grade}` : ''}>
      <Stack gap="lg">
        <div>
          <Title order={3} size="h5" mb="xs">
            Your price and the market's best, 90 days
          </Title>
          {chart.isError ? (
            <LoadError error={chart.error} onRetry={() => void chart.refetch()} what="the price history" />
          ) : !chart.data ? (
            <Skeleton height={220} />
          ) : (
            <PriceChart
              to={chart.data.market.to}
              series={[
                { name: 'yours', label: 'Your price', color: 'brand.6', points: chart.data.yours },
                { name: 'market', label: 'Best price', color: 'gray.6', points: chart.data.market.points },
              ]}
            />
          )}
        </div>
        <div>
          <Title order={3} size="h5" mb="xs">
            Changes
          </Title>
          {changes.isError ? (
            <LoadError error={changes.error} onRetry={() => void changes.refetch()} what="the changes" />
          ) : !changes.data ? (
            <Skeleton height={120} />
          ) : (
            <Table data-testid="entry-changes">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Who</Table.Th>
                  <Table.Th>What</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {changes.data.changes.map((c, i) => (
                  <Table.Tr key={`${c.at}:${i}`}>
                    <Table.Td>
                      <Text size="xs">{when.format(new Date(c.at))}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{c.who ?? (c.source === 'system' ? 'Tradeloop' : c.source)}</Text>
                      <Text size="xs" c="dimmed">
                        {c.source}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{describe(c)}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </div>
      </Stack>
    </Drawer>
  );
}
