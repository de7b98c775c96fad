import { Group, Skeleton, Text } from '@mantine/core';
import { IconGauge } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { scorecardApi } from './scorecard-api.ts';
import { scorecardSentence } from './scorecard-copy.ts';

/** The matched refurbisher's track record beside the offer (docs/product.md §9); quiet if it cannot load. */
export function OfferScorecard({ refurbisherId }: { refurbisherId: string }) {
  const card = useQuery({ queryKey: ['scorecard', refurbisherId], queryFn: () => scorecardApi.of(refurbisherId), staleTime: 5 * 60_000 });
  if (card.isError) return null;
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <IconGauge size={20} aria-hidden style={{ flex: 'none' }} />
      {card.data ? (
        <Text data-testid="offer-scorecard">{scorecardSentence(card.data)}</Text>
      ) : (
        <Skeleton height={18} width="80%" aria-label="Loading the refurbisher's scorecard" />
      )}
    </Group>
  );
}
