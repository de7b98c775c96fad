import { Button, Group, MultiSelect, NumberInput, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { GRADES, type Grade } from '../../../shared/grade.ts';
import { api, ApiError } from '../../api.ts';
import { useModels } from '../../queries.ts';
import { dollarsToCents } from './format.ts';
import { portalApi } from './portal-api.ts';

/** Add by search: a model, then any of its variants and grades, at one price and quantity (one PUT). */
export function AddEntry() {
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [modelId, setModelId] = useState<string | null>(null);
  const [variantIds, setVariantIds] = useState<string[]>([]);
  const [grades, setGrades] = useState<string[]>([]);
  const [price, setPrice] = useState<string | number>('');
  const [quantity, setQuantity] = useState<string | number>(10);
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const models = useModels({ q: search }, search.trim().length >= 2);
  const model = useQuery({ queryKey: ['model', modelId ?? ''], queryFn: () => api.model(modelId!), enabled: !!modelId });
  // The chosen model stays an option when the search changes.
  const options = (models.data ?? []).map((m) => ({ value: m.id, label: `${m.brand} ${m.name}` }));
  if (picked && !options.some((o) => o.value === picked.value)) options.unshift(picked);
  const cents = dollarsToCents(price);
  const qty = typeof quantity === 'number' ? quantity : Number(quantity);
  const add = useMutation({
    mutationFn: () =>
      portalApi.upsert(
        variantIds.flatMap((variantId) => grades.map((grade) => ({ variantId, grade: grade as Grade, price: { amountMinor: cents!, currency: 'USD' as const }, quantity: qty, active: true }))),
      ),
    onSuccess: async () => {
      setVariantIds([]);
      setGrades([]);
      await queryClient.invalidateQueries({ queryKey: ['account', 'wishlist'] });
    },
  });
  const ready = !!modelId && variantIds.length > 0 && grades.length > 0 && cents !== null && Number.isInteger(qty) && qty >= 0;
  return (
    <Paper withBorder p="md" maw={520} style={{ flex: '1 1 420px' }}>
      <Stack gap="xs">
        <Title order={3} size="h5">
          Add devices
        </Title>
        <TextInput label="Find a model" placeholder="e.g. iPhone 13" value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
        <Select
          label="Model"
          placeholder={search.trim().length >= 2 ? `${options.length} found` : 'Search first'}
          disabled={options.length === 0}
          data={options}
          value={modelId}
          onChange={(v, option) => {
            setModelId(v);
            setPicked(v && option ? { value: v, label: option.label } : null);
            setVariantIds([]);
          }}
        />
        <MultiSelect
          label="Variants"
          searchable
          disabled={!model.data}
          data={(model.data?.variants ?? []).map((v) => ({ value: v.id, label: v.label }))}
          value={variantIds}
          onChange={setVariantIds}
        />
        <MultiSelect label="Grades" searchable data={[...GRADES]} value={grades} onChange={setGrades} />
        <Group grow>
          <NumberInput label="Price ($)" prefix="$" decimalScale={2} min={0.01} value={price} onChange={setPrice} />
          <NumberInput label="Quantity" min={0} allowDecimal={false} value={quantity} onChange={setQuantity} />
        </Group>
        {add.isError && (
          <Text size="sm" c="red" role="alert">
            {add.error instanceof ApiError ? add.error.message : 'Something went wrong.'}
          </Text>
        )}
        {add.isSuccess && (
          <Text size="sm" c="green" role="status">
            {add.data.created} added, {add.data.updated} updated.
          </Text>
        )}
        <Button onClick={() => add.mutate()} disabled={!ready} loading={add.isPending}>
          Add {variantIds.length * grades.length || ''} {variantIds.length * grades.length === 1 ? 'entry' : 'entries'}
        </Button>
      </Stack>
    </Paper>
  );
}
