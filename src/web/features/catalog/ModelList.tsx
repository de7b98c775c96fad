import { Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
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

const brandAnchor = (brand: string) => `brand-${brand.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;

export function ModelList({ models }: { models: TModelSummary[] }) {
  const groups = groupByBrand(models);
  return (
    <Stack gap="xl">
      {groups.length > 1 && (
        // A long list on a phone: let the seller jump to their brand.
        <Group gap={6} component="nav" aria-label="Brands">
          {groups.map(([brand]) => (
            <Button key={brand} component="a" href={`#${brandAnchor(brand)}`} variant="default" size="xs" radius="xl">
              {brand}
            </Button>
          ))}
        </Group>
      )}
      {groups.map(([brand, list]) => (
        <section key={brand} aria-labelledby={brandAnchor(brand)}>
          <Title order={2} size="h3" id={brandAnchor(brand)} mb="sm" className={classes.anchorTarget}>
            {brand}
          </Title>
          <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }} spacing="sm">
            {list.map((m) => (
              <Card key={m.id} component={Link} to={`/models/${m.id}`} withBorder padding="sm" className={classes.tile}>
                <Text fw={600} lh={1.3}>
                  {m.name}
                </Text>
                <Text size="sm" c="dimmed">
                  {m.releaseYear}
                </Text>
              </Card>
            ))}
          </SimpleGrid>
        </section>
      ))}
    </Stack>
  );
}
