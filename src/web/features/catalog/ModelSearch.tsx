import { Box, Card, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconChevronRight, IconSearch } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { useCategories, useModels } from '../../queries.ts';
import classes from './tiles.module.css';

const MAX_RESULTS = 8;

/** Search every category at once; each result goes straight to the model page. */
export function ModelSearch() {
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text.trim(), 250);
  const searching = debounced.length >= 2;
  const models = useModels({ q: debounced }, searching);
  const categories = useCategories();
  const categoryName = (id: string) => categories.data?.find((c) => c.id === id)?.name ?? '';
  const resultsId = useId();
  const results = searching && text.trim().length >= 2 ? (models.data ?? []) : [];

  return (
    <Box>
      <TextInput
        type="search"
        label="Search for your device"
        placeholder="e.g. iPhone 13"
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        leftSection={<IconSearch size={18} aria-hidden />}
        rightSection={searching && models.isFetching ? <Loader size="xs" aria-label="Searching" /> : null}
        aria-controls={resultsId}
        autoComplete="off"
        size="lg"
      />
      <Box id={resultsId} aria-live="polite" mt={results.length || (searching && models.isSuccess) ? 'sm' : 0}>
        {models.isError && searching && (
          <Text size="sm" c="red" mt="xs">
            Search is not answering right now. Pick a category below instead.
          </Text>
        )}
        {searching && models.isSuccess && !models.isPlaceholderData && models.data.length === 0 && (
          <Text size="sm" c="dimmed">
            No device matches “{debounced}”. Try fewer words, or pick a category below.
          </Text>
        )}
        {results.length > 0 && (
          <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Matching devices">
            {results.slice(0, MAX_RESULTS).map((m) => (
              <li key={m.id}>
                <Card component={Link} to={`/models/${m.id}`} withBorder padding="sm" className={classes.tile}>
                  <Group justify="space-between" wrap="nowrap" gap="sm">
                    <Box miw={0}>
                      <Text fw={600}>
                        {m.brand} {m.name}
                      </Text>
                      <Text size="sm" c="dimmed">
                        {categoryName(m.categoryId)} · {m.releaseYear}
                      </Text>
                    </Box>
                    <IconChevronRight size={18} aria-hidden style={{ flex: 'none' }} />
                  </Group>
                </Card>
              </li>
            ))}
          </Stack>
        )}
        {results.length > MAX_RESULTS && (
          <Text size="sm" c="dimmed" mt="xs">
            {results.length - MAX_RESULTS} more — type more of the name to narrow it down.
          </Text>
        )}
      </Box>
    </Box>
  );
}
