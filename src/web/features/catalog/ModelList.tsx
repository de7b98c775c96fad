import { Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { TModelSummary } from '../../../shared/api/catalog.ts';
import classes from './tiles.module.css';

/** Brands in alphabetical order; inside a brand the newest models first, as sellers look for theirs. */
export function groupByBrand(models: TModelSummary[]): [brand: string, models: TModelSummary[]][] {
  const groups = new Map<string, TModelSummary[]>();
  for (const m of models) groups.set(m.brand, [...(groups.get(m.brand) ?? []), m]);
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([brand, list]) => [
      brand,
      list.toSorted((a, b) => b.releaseYear - a.releaseYear || a.name.localeCompare(b.name, 'en', { numeric: true })),
    ]);
}

/** Every word typed must appear in the brand, name or year. */
export function matchesFilter(model: TModelSummary, filter: string): boolean {
  const haystack = `${model.brand} ${model.name} ${model.releaseYear}`.toLowerCase();
  return filter
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

export function ModelList({ models }: { models: TModelSummary[] }) {
  return (
    <Stack gap="xl">
      {groupByBrand(models).map(([brand, list]) => (
        <section key={brand} aria-labelledby={`brand-${brand}`}>
          <Title order={2} size="h3" id={`brand-${brand}`} mb="sm">
            {brand}
          </Title>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
            {list.map((m) => (
              <Card key={m.id} component={Link} to={`/models/${m.id}`} withBorder padding="md" className={classes.tile}>
                <Group justify="space-between" wrap="nowrap" gap="sm">
                  <div style={{ minWidth: 0 }}>
                    <Text fw={600}>{m.name}</Text>
                    <Text size="sm" c="dimmed">
                      {m.releaseYear}
                    </Text>
                  </div>
                  <IconChevronRight size={18} aria-hidden style={{ flex: 'none' }} />
                </Group>
              </Card>
            ))}
          </SimpleGrid>
        </section>
      ))}
    </Stack>
  );
}
