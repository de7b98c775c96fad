import { Card, Container, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { isNotFound } from '../api.ts';
import { Crumbs } from '../components/Crumbs.tsx';
import { JourneySteps } from '../components/JourneySteps.tsx';
import { LoadError } from '../components/LoadError.tsx';
import tiles from '../features/catalog/tiles.module.css';
import { useCategories, useModel } from '../queries.ts';
import { usePageTitle } from '../usePageTitle.ts';

export function ModelPage() {
  const { modelId = '' } = useParams();
  const model = useModel(modelId);
  const categories = useCategories();
  const category = categories.data?.find((c) => c.id === model.data?.categoryId);
  usePageTitle(model.data ? `${model.data.brand} ${model.data.name}` : isNotFound(model.error) ? 'Model not found' : 'Choose your model');

  if (model.isError) {
    return (
      <Container>
        <LoadError error={model.error} onRetry={() => void model.refetch()} what="this model" />
      </Container>
    );
  }

  const m = model.data;
  // "Storage", "Storage and connectivity": the axes the variants differ in, as the model defines them.
  const axes = m ? [...new Set(m.variants.flatMap((v) => Object.keys(v.attributes)))] : [];

  return (
    <Container>
      <JourneySteps current="Model" links={{ Device: '/' }} />
      <Crumbs
        items={[
          { label: 'Home', to: '/' },
          { label: category?.name ?? '…', to: m ? `/sell/${m.categoryId}` : '/' },
          { label: m ? m.name : '…' },
        ]}
      />
      {!m ? (
        <Stack gap="md" aria-busy="true" aria-label="Loading model">
          <Skeleton height={36} width="60%" />
          <Skeleton height={20} width="40%" />
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
            {Array.from({ length: 3 }, (_, i) => (
              <Skeleton key={i} height={80} radius="md" />
            ))}
          </SimpleGrid>
        </Stack>
      ) : (
        <Stack gap="lg">
          <div>
            <Text c="dimmed" fw={600} size="sm" tt="uppercase" style={{ letterSpacing: '0.04em' }}>
              {m.brand} · {m.releaseYear}
            </Text>
            <Title order={1}>{m.name}</Title>
          </div>
          <section aria-labelledby="variant-heading">
            <Title order={2} size="h3" id="variant-heading">
              {axes.length > 0 ? `Which ${axes.join(' and ').toLowerCase()} does yours have?` : 'Which one is yours?'}
            </Title>
            <Text size="sm" c="dimmed" mb="md">
              The price depends on it. Not sure? It is in the device’s settings, under “About”.
            </Text>
            <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
              {m.variants.map((v) => (
                <Card
                  key={v.id}
                  component={Link}
                  to={`/models/${m.id}/${v.id}/assess`}
                  withBorder
                  padding="lg"
                  className={tiles.tile}
                >
                  <Group justify="space-between" wrap="nowrap">
                    <Text fw={700} fz="lg">
                      {v.label}
                    </Text>
                    <IconChevronRight size={20} aria-hidden style={{ flex: 'none' }} />
                  </Group>
                </Card>
              ))}
            </SimpleGrid>
          </section>
        </Stack>
      )}
    </Container>
  );
}
