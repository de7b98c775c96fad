import { Anchor, Button, FileInput, List, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { TCsvProblem } from '../../../shared/api/wishlist.ts';
import { ApiError } from '../../api.ts';
import { portalApi } from './portal-api.ts';

/** Export the wishlist as CSV, and import one: all or nothing, every problem listed by row and column. */
export function CsvPanel() {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: async () => portalApi.importCsv(await file!.text()),
    onSuccess: async () => {
      setFile(null);
      await queryClient.invalidateQueries({ queryKey: ['account', 'wishlist'] });
    },
  });
  const problems = upload.error instanceof ApiError ? ((upload.error.details.problems as TCsvProblem[] | undefined) ?? []) : [];
  return (
    <Paper withBorder p="md" maw={420} style={{ flex: '1 1 320px' }}>
      <Stack gap="xs">
        <Title order={3} size="h5">
          CSV
        </Title>
        <Anchor href="/api/refurbisher/wishlist.csv" download="wishlist.csv" size="sm">
          Download the wishlist as CSV
        </Anchor>
        <FileInput label="Import a CSV" accept=".csv,text/csv" value={file} onChange={setFile} clearable placeholder="Choose a file" />
        <Text size="xs" c="dimmed">
          Same columns as the download. Nothing changes unless every row is right.
        </Text>
        <Button onClick={() => upload.mutate()} disabled={!file} loading={upload.isPending}>
          Import
        </Button>
        {upload.isSuccess && (
          <Text size="sm" c="green" role="status">
            {upload.data.rows} rows: {upload.data.created} added, {upload.data.updated} changed, {upload.data.unchanged} unchanged.
          </Text>
        )}
        {upload.isError && (
          <Stack gap={4} role="alert">
            <Text size="sm" c="red">
              {upload.error.message}
            </Text>
            {problems.length > 0 && (
              <ScrollArea.Autosize mah={200}>
                <List size="xs" data-testid="csv-problems">
                  {problems.map((p) => (
                    <List.Item key={`${p.row}:${p.column}:${p.message}`}>
                      Row {p.row}, {p.column}: {p.message}
                    </List.Item>
                  ))}
                </List>
              </ScrollArea.Autosize>
            )}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
