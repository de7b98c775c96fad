import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  NumberInput,
  Pagination,
  SegmentedControl,
  Select,
  Skeleton,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconHistory } from '@tabler/icons-react';
import { useState } from 'react';
import type { TWishlistEntry, TWishlistQuery } from '../../../shared/api/wishlist.ts';
import { CATEGORY_IDS } from '../../../shared/catalog-types.ts';
import { GRADES } from '../../../shared/grade.ts';
import { formatMoney } from '../../../shared/money.ts';
import { ApiError } from '../../api.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { AddEntry } from './AddEntry.tsx';
import { CsvPanel } from './CsvPanel.tsx';
import { EntryHistory } from './EntryHistory.tsx';
import { dollarsToCents, ordinal } from './format.ts';
import { portalApi } from './portal-api.ts';

const WISHLIST_KEY = ['account', 'wishlist'] as const;

/** The organisation's wishlist: filters, sort, server-side pages, inline edits, bulk change, history. */
export function WishlistTable({ canEdit }: { canEdit: boolean }) {
  const [filter, setFilter] = useState<TWishlistQuery>({ sort: 'model', order: 'asc', page: 1, pageSize: 50 });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [historyOf, setHistoryOf] = useState<TWishlistEntry | null>(null);
  const page = useQuery({ queryKey: [...WISHLIST_KEY, filter], queryFn: () => portalApi.wishlist(filter), placeholderData: keepPreviousData, staleTime: 0 });
  const set = (patch: Partial<TWishlistQuery>) => {
    setFilter({ ...filter, ...patch, page: patch.page ?? 1 });
    setSelected(new Set());
  };
  const entries = page.data?.entries ?? [];
  const pages = page.data ? Math.max(1, Math.ceil(page.data.total / (filter.pageSize ?? 50))) : 1;
  const allOnPage = entries.length > 0 && entries.every((e) => selected.has(e.id));

  return (
    <Stack gap="md">
      {canEdit && (
        <Group align="flex-start" gap="lg" wrap="wrap">
          <AddEntry />
          <CsvPanel />
        </Group>
      )}
      <Group gap="sm" align="flex-end" wrap="wrap" role="search" aria-label="Filter the wishlist">
        <TextInput label="Search" placeholder="Model or variant" w={200} value={filter.q ?? ''} onChange={(e) => set({ q: e.currentTarget.value || undefined })} />
        <Select label="Category" w={150} clearable data={[...CATEGORY_IDS]} value={filter.category ?? null} onChange={(v) => set({ category: (v ?? undefined) as TWishlistQuery['category'] })} />
        <TextInput label="Brand" w={130} value={filter.brand ?? ''} onChange={(e) => set({ brand: e.currentTarget.value || undefined })} />
        <Select label="Grade" w={120} clearable data={[...GRADES]} value={filter.grade ?? null} onChange={(v) => set({ grade: (v ?? undefined) as TWishlistQuery['grade'] })} />
        <Select
          label="Active"
          w={120}
          clearable
          data={[
            { value: 'true', label: 'Active' },
            { value: 'false', label: 'Paused' },
          ]}
          value={filter.active ?? null}
          onChange={(v) => set({ active: (v ?? undefined) as TWishlistQuery['active'] })}
        />
        <Select
          label="Sort by"
          w={130}
          data={[
            { value: 'model', label: 'Model' },
            { value: 'price', label: 'Price' },
            { value: 'quantity', label: 'Quantity' },
            { value: 'updated', label: 'Last change' },
          ]}
          value={filter.sort ?? 'model'}
          onChange={(v) => set({ sort: (v ?? 'model') as TWishlistQuery['sort'] })}
          allowDeselect={false}
        />
        <SegmentedControl
          aria-label="Order"
          data={[
            { value: 'asc', label: 'Asc' },
            { value: 'desc', label: 'Desc' },
          ]}
          value={filter.order ?? 'asc'}
          onChange={(v) => set({ order: v as 'asc' | 'desc' })}
        />
      </Group>
      {canEdit && selected.size > 0 && <BulkChange ids={[...selected]} onDone={() => setSelected(new Set())} />}
      {page.isError ? (
        <LoadError error={page.error} onRetry={() => void page.refetch()} what="the wishlist" />
      ) : !page.data ? (
        <Skeleton height={400} aria-busy="true" aria-label="Loading the wishlist" />
      ) : (
        <>
          <Text size="sm" c="dimmed" aria-live="polite">
            {page.data.total.toLocaleString('en-US')} entries
          </Text>
          <Table.ScrollContainer minWidth={1000}>
            <Table striped highlightOnHover data-testid="wishlist-table" aria-busy={page.isFetching}>
              <Table.Thead>
                <Table.Tr>
                  {canEdit && (
                    <Table.Th w={36}>
                      <Checkbox
                        aria-label="Select every entry on this page"
                        checked={allOnPage}
                        onChange={() => setSelected(allOnPage ? new Set() : new Set(entries.map((e) => e.id)))}
                      />
                    </Table.Th>
                  )}
                  <Table.Th>Device</Table.Th>
                  <Table.Th>Grade</Table.Th>
                  <Table.Th>Your price</Table.Th>
                  <Table.Th>Quantity</Table.Th>
                  <Table.Th>Active</Table.Th>
                  <Table.Th>Rank</Table.Th>
                  <Table.Th>Best price</Table.Th>
                  <Table.Th>Price to win</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((e) => (
                  <EntryRow
                    key={`${e.id}:${e.updatedAt}`}
                    entry={e}
                    canEdit={canEdit}
                    selected={selected.has(e.id)}
                    onSelect={(on) => {
                      const next = new Set(selected);
                      if (on) next.add(e.id);
                      else next.delete(e.id);
                      setSelected(next);
                    }}
                    onHistory={() => setHistoryOf(e)}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pagination total={pages} value={filter.page ?? 1} onChange={(p) => set({ page: p })} aria-label="Pages" />
        </>
      )}
      <EntryHistory entry={historyOf} onClose={() => setHistoryOf(null)} />
    </Stack>
  );
}

function EntryRow(props: { entry: TWishlistEntry; canEdit: boolean; selected: boolean; onSelect: (on: boolean) => void; onHistory: () => void }) {
  const { entry: e, canEdit } = props;
  const queryClient = useQueryClient();
  const [price, setPrice] = useState<string | number>(e.price.amountMinor / 100);
  const [quantity, setQuantity] = useState<string | number>(e.quantity);
  const cents = dollarsToCents(price);
  const qty = typeof quantity === 'number' ? quantity : Number(quantity);
  const dirty = cents !== e.price.amountMinor || qty !== e.quantity;
  const save = useMutation({
    mutationFn: (patch: Parameters<typeof portalApi.patchEntry>[1]) => portalApi.patchEntry(e.id, patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: WISHLIST_KEY }),
  });
  const fieldError = save.error instanceof ApiError ? save.error : null;
  const device = `${e.brand} ${e.modelName} ${e.variantLabel}`;
  const m = e.market;
  return (
    <Table.Tr data-testid={`entry-${e.id}`}>
      {canEdit && (
        <Table.Td>
          <Checkbox aria-label={`Select ${device} ${e.grade}`} checked={props.selected} onChange={(ev) => props.onSelect(ev.currentTarget.checked)} />
        </Table.Td>
      )}
      <Table.Td>
        <Text size="sm" fw={600}>
          {e.brand} {e.modelName}
        </Text>
        <Text size="xs" c="dimmed">
          {e.variantLabel}
        </Text>
      </Table.Td>
      <Table.Td>{e.grade}</Table.Td>
      <Table.Td miw={120}>
        {canEdit ? (
          <NumberInput
            aria-label={`Price of ${device} ${e.grade}, in dollars`}
            prefix="$"
            decimalScale={2}
            min={0.01}
            size="xs"
            value={price}
            onChange={setPrice}
            error={fieldError?.fields['price.amountMinor']}
          />
        ) : (
          formatMoney(e.price)
        )}
      </Table.Td>
      <Table.Td miw={90}>
        {canEdit ? (
          <NumberInput
            aria-label={`Quantity of ${device} ${e.grade}`}
            min={0}
            allowDecimal={false}
            size="xs"
            value={quantity}
            onChange={setQuantity}
            error={fieldError?.fields.quantity}
          />
        ) : (
          e.quantity
        )}
        <Text size="xs" c="dimmed">
          {e.reserved} reserved
        </Text>
      </Table.Td>
      <Table.Td>
        <Switch
          aria-label={`${device} ${e.grade} active`}
          checked={e.active}
          disabled={!canEdit || save.isPending}
          onChange={(ev) => save.mutate({ active: ev.currentTarget.checked })}
        />
      </Table.Td>
      <Table.Td>
        {m.rank === null ? (
          <Text size="sm" c="dimmed">
            not live
          </Text>
        ) : (
          <Text size="sm">
            {ordinal(m.rank)} of {m.of}
          </Text>
        )}
        {m.youWin && (
          <Badge color="green" size="sm" variant="light">
            You win this
          </Badge>
        )}
      </Table.Td>
      <Table.Td>{m.bestPrice ? formatMoney(m.bestPrice) : '—'}</Table.Td>
      <Table.Td>{m.priceToWin ? formatMoney(m.priceToWin) : '—'}</Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          {canEdit && dirty && (
            <Button
              size="compact-xs"
              disabled={cents === null || !Number.isInteger(qty)}
              loading={save.isPending}
              onClick={() => save.mutate({ price: { amountMinor: cents!, currency: 'USD' }, quantity: qty })}
            >
              Save
            </Button>
          )}
          <Tooltip label="History">
            <ActionIcon variant="subtle" aria-label={`History of ${device} ${e.grade}`} onClick={props.onHistory}>
              <IconHistory size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
        {save.isError && !fieldError?.fields.quantity && !fieldError?.fields['price.amountMinor'] && (
          <Text size="xs" c="red" role="alert">
            {save.error.message}
          </Text>
        )}
        {fieldError?.fields.quantity && (
          <Text size="xs" c="red" role="alert">
            {fieldError.message}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function BulkChange({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<'percent' | 'amount'>('percent');
  const [value, setValue] = useState<string | number>('');
  const n = typeof value === 'number' ? value : Number(value);
  const change = useMutation({
    mutationFn: () =>
      portalApi.bulkChange({ entryIds: ids, change: kind === 'percent' ? { kind, percent: n } : { kind, amountMinor: Math.round(n * 100) } }),
    onSuccess: async () => {
      setValue('');
      onDone();
      await queryClient.invalidateQueries({ queryKey: WISHLIST_KEY });
    },
  });
  const problems = change.error instanceof ApiError ? ((change.error.details.problems as { message: string }[] | undefined) ?? []) : [];
  return (
    <Alert color="blue" variant="light" title={`${ids.length} selected`}>
      <Group gap="sm" align="flex-end">
        <SegmentedControl
          aria-label="Change by"
          value={kind}
          onChange={(v) => setKind(v as 'percent' | 'amount')}
          data={[
            { value: 'percent', label: 'Percent' },
            { value: 'amount', label: 'Amount ($)' },
          ]}
        />
        <NumberInput label={kind === 'percent' ? 'Change by (%)' : 'Change by ($)'} w={140} value={value} onChange={setValue} decimalScale={2} />
        <Button onClick={() => change.mutate()} loading={change.isPending} disabled={!Number.isFinite(n) || n === 0}>
          Apply to selection
        </Button>
      </Group>
      {change.isError && (
        <Stack gap={4} mt="sm" role="alert">
          <Text size="sm" c="red">
            {change.error.message}
          </Text>
          {problems.length > 0 && (
            <List size="xs">
              {problems.slice(0, 10).map((p) => (
                <List.Item key={p.message}>{p.message}</List.Item>
              ))}
            </List>
          )}
        </Stack>
      )}
    </Alert>
  );
}
