import { Card, SimpleGrid, Skeleton, Text, ThemeIcon } from '@mantine/core';
import { Link } from 'react-router';
import { CategoryIcon } from '../../components/CategoryIcon.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { useCategories } from '../../queries.ts';
import classes from './tiles.module.css';

export function CategoryTiles() {
  const categories = useCategories();
  if (categories.isError) {
    return <LoadError error={categories.error} onRetry={() => void categories.refetch()} what="the device categories" />;
  }
  return (
    <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="md">
      {categories.isPending
        ? Array.from({ length: 6 }, (_, i) => <Skeleton key={i} height={132} radius="md" />)
        : categories.data.map((c) => (
            <Card key={c.id} component={Link} to={`/sell/${c.id}`} withBorder padding="lg" className={classes.tile}>
              <ThemeIcon size={48} radius="md" variant="light" mb="sm">
                <CategoryIcon name={c.icon} />
              </ThemeIcon>
              <Text fw={700}>{c.name}</Text>
              <Text size="sm" c="dimmed">
                {c.modelCount} {c.modelCount === 1 ? 'model' : 'models'}
              </Text>
            </Card>
          ))}
    </SimpleGrid>
  );
}
