import { Badge, Box, Group, Stack, Text, Title } from '@mantine/core';
import type { TQuote } from '../../../shared/api/quotes.ts';
import { GRADE_MEANING, gradeRank } from '../../../shared/grade.ts';
import { formatMoney } from '../../../shared/money.ts';
import { ladderDifference, ladderPrice } from './format.ts';
import classes from './OfferLadder.module.css';

/**
 * What the same device pays at every grade, so the cost of arriving in worse shape is known before
 * shipping (docs/product.md §2); a better grade than the seller's keeps the offer price, as the
 * inspection pays it.
 */
export function OfferLadder({ quote }: { quote: TQuote }) {
  const offerPrice = quote.offer?.price ?? null;
  return (
    <section aria-labelledby="ladder-heading">
      <Title order={2} size="h3" id="ladder-heading">
        Price by condition
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        If the refurbisher finds it in worse condition, this is what it pays. In better condition than you said, you keep your offer price.
      </Text>
      <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }} data-testid="ladder">
        {quote.ladder.map((rung) => {
          const current = rung.grade === quote.grade;
          const better = gradeRank(rung.grade) < gradeRank(quote.grade);
          const difference = current ? null : ladderDifference(offerPrice, rung, better);
          const shown = ladderPrice(offerPrice, rung, better);
          return (
            <Box component="li" key={rung.grade} className={classes.rung} data-current={current || undefined} data-grade={rung.grade}>
              <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
                <Box miw={0}>
                  <Group gap={8}>
                    <Text fw={700}>{rung.grade}</Text>
                    {current && (
                      <Badge size="sm" variant="filled">
                        Your grade
                      </Badge>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed">
                    {GRADE_MEANING[rung.grade]}
                  </Text>
                  {difference && (
                    <Text size="sm" fw={500} c={difference.startsWith('\u2212') || difference.startsWith('No') ? 'red.8' : 'dimmed'} mt={2}>
                      {difference}
                    </Text>
                  )}
                </Box>
                <Text fw={700} className={classes.price} c={shown ? undefined : 'dimmed'}>
                  {shown ? formatMoney(shown) : 'No offer'}
                </Text>
              </Group>
            </Box>
          );
        })}
      </Stack>
    </section>
  );
}
