import { Container, Group, SimpleGrid, Skeleton, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useParams } from 'react-router';
import { CategoryIcon } from '../components/CategoryIcon.tsx';
import { Crumbs } from '../components/Crumbs.tsx';
import { JourneySteps } from '../components/JourneySteps.tsx';
import { LoadError, NotFoundMessage } from '../components/LoadError.tsx';
import { ModelList, matchesFilter } from '../features/catalog/ModelList.tsx';
import { useCategories, useModels } from '../queries.ts';
import { usePageTitle } from '../usePageTitle.ts';

export function CategoryPage() {
  const { categoryId = '' } = useParams();
  const categories = useCategories();
  const category = categories.data?.find((c) => c.id === categoryId);
  const models = useModels({ category: categoryId }, !categories.data || !!category);
  const [filter, setFilter] = useState('');
  usePageTitle(category ? `Sell your ${category.name.toLowerCase()}` : 'Choose your model');

  if (categories.isSuccess && !category) {
    return (
      <Container>
        <NotFoundMessage what="that category" />
      </Container>
    );
  }

  const shown = models.data?.filter((m) => matchesFilter(m, filter)) ?? [];

  return (
    <Container>
      <JourneySteps current="Model" links={{ Device: '/' }} />
      <Crumbs items={[{ label: 'Home', to: '/' }, { label: category?.name ?? '…' }]} />
      <Group gap="sm" mb="lg" wrap="nowrap">
        {category && (
          <ThemeIcon size={44} variant="light" radius="md">
            <CategoryIcon name={category.icon} />
          </ThemeIcon>
        )}
        <Title order={1}>{category ? `Which ${singular(category.name)} is it?` : <Skeleton height={36} width={260} />}</Title>
      </Group>

      <Stack gap="lg">
        <TextInput
          type="search"
          label="Find your model"
          placeholder="Type a model name or year"
          value={filter}
          onChange={(e) => setFilter(e.currentTarget.value)}
          leftSection={<IconSearch size={18} aria-hidden />}
          maw={480}
          autoComplete="off"
        />
        {categories.isError ? (
          <LoadError error={categories.error} onRetry={() => void categories.refetch()} what="this category" />
        ) : models.isError ? (
          <LoadError error={models.error} onRetry={() => void models.refetch()} what="the models" />
        ) : models.isPending ? (
          <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }} spacing="sm" aria-busy="true" aria-label="Loading models">
            {Array.from({ length: 9 }, (_, i) => (
              <Skeleton key={i} height={66} radius="md" />
            ))}
          </SimpleGrid>
        ) : shown.length === 0 ? (
          <Text c="dimmed" role="status">
            {filter ? `No model matches “${filter}”.` : 'There are no models in this category yet.'}
          </Text>
        ) : (
          <ModelList models={shown} />
        )}
      </Stack>
    </Container>
  );
}

// Category names are plural nouns ("Smartphones", "Game consoles"); the question reads better singular.
function singular(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('headphones') ? 'pair of headphones' : lower.replace(/s$/, '');
}
