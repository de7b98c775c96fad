import { Paper, Skeleton, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { Grade } from '../../../shared/grade.ts';
import { PriceChart } from '../refurbisher/PriceChart.tsx';
import { portalApi } from '../refurbisher/portal-api.ts';

/** "Are prices falling?": the best price for this device and grade over the last 90 days. */
function PriceHistoryCard({ variantId, grade, deviceName }: { variantId: string; grade: Grade; deviceName: string }) {
  const history = useQuery({ queryKey: ['price-history', variantId, grade], queryFn: () => portalApi.priceHistory(variantId, grade) });
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} data-testid="price-history">
      <Title order={2} size="h4">
        The best price for this model over the last 90 days
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {deviceName}, {grade}
      </Text>
      {history.isError ? (
        <Text size="sm" c="dimmed">
          The price history is not available right now.
        </Text>
      ) : !history.data ? (
        <Skeleton height={200} />
      ) : (
        <PriceChart to={history.data.to} height={200} series={[{ name: 'best', label: 'Best price', color: 'brand.6', points: history.data.points }]} />
      )}
    </Paper>
  );
}
export default PriceHistoryCard;
