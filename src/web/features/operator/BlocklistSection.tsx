import { Anchor, Button, Code, Group, Paper, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { TBlocklistEntry } from '../../../shared/api/blocklist.ts';
import { parseDeviceIdentity } from '../../../shared/device-identity.ts';
import { ApiError } from '../../api.ts';
import { ConfirmTable } from '../../components/ConfirmTable.tsx';
import { InlineForm } from '../../components/InlineForm.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { when } from './flag-copy.ts';
import { blocklistApi } from './blocklist-api.ts';

const BLOCKLIST_KEY = ['account', 'admin', 'blocklist'] as const;
const PAGE = 50;

/**
 * The IMEIs reported lost or stolen (docs/product.md §9): an IMEI here gets no label at accept and
 * is refused at inspection. Operators see them in full, add one with the reason, and take one off.
 */
export function BlocklistSection() {
  const queryClient = useQueryClient();
  const [offset, setOffset] = useState(0);
  const list = useQuery({ queryKey: [...BLOCKLIST_KEY, offset], queryFn: () => blocklistApi.list(offset, PAGE), staleTime: 0, placeholderData: keepPreviousData });
  const refresh = () => queryClient.invalidateQueries({ queryKey: BLOCKLIST_KEY });
  const remove = useMutation({ mutationFn: (imei: string) => blocklistApi.remove(imei), onSettled: refresh });
  const rows = (list.data?.entries ?? []).map((e) => ({ ...e, id: e.imei }));
  return (
    <Stack gap="md" component="section" aria-labelledby="blocklist-title">
      <Title order={2} id="blocklist-title">
        Blocklist
      </Title>
      <Paper withBorder p="lg">
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            IMEIs reported lost or stolen. A seller who gives one when accepting gets no shipping label, and you get a flag; an inspector who reads one refuses
            the device. Every change is in the audit log.
          </Text>
          <AddImei onAdded={refresh} />
          {list.isError ? (
            <LoadError error={list.error} onRetry={() => void list.refetch()} what="the blocklist" />
          ) : !list.data ? (
            <Skeleton height={120} aria-busy="true" aria-label="Loading" />
          ) : list.data.total === 0 ? (
            <Text data-testid="blocklist-empty">No IMEI is on the blocklist.</Text>
          ) : (
            <>
              <ConfirmTable<TBlocklistEntry & { id: string }>
                testId="blocklist"
                rows={rows}
                columns={[
                  { header: 'IMEI', cell: (r) => <Code>{r.imei}</Code> },
                  { header: 'Reason', cell: (r) => r.reason },
                  { header: 'Added', cell: (r) => when(r.createdAt) },
                ]}
                action={{
                  label: 'Remove',
                  question: (r) => `Take ${r.imei} off the blocklist?`,
                  run: (r) => remove.mutate(r.imei),
                  pendingId: remove.isPending ? remove.variables : undefined,
                }}
              />
              {remove.isError && (
                <Text size="sm" c="red" role="alert">
                  {remove.error.message}
                </Text>
              )}
              <Group gap="sm">
                <Button variant="default" size="xs" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                  Newer
                </Button>
                <Text size="sm" c="dimmed">
                  {offset + 1}–{Math.min(offset + PAGE, list.data.total)} of {list.data.total}
                </Text>
                <Button variant="default" size="xs" disabled={offset + PAGE >= list.data.total} onClick={() => setOffset(offset + PAGE)}>
                  Older
                </Button>
                <Anchor href="/api/admin/blocklist?format=csv" download size="sm" data-testid="blocklist-csv" ml="auto">
                  Export CSV
                </Anchor>
              </Group>
            </>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}

function AddImei({ onAdded }: { onAdded: () => Promise<void> }) {
  const [imei, setImei] = useState('');
  const [reason, setReason] = useState('');
  const [checked, setChecked] = useState(false);
  const local = parseDeviceIdentity({ kind: 'imei', value: imei });
  const add = useMutation({
    mutationFn: () => blocklistApi.add({ imei, reason }),
    onSuccess: async () => {
      setImei('');
      setReason('');
      setChecked(false);
      await onAdded();
    },
  });
  const fields = add.error instanceof ApiError ? add.error.fields : {};
  const imeiError = (checked && !local.ok ? local.message : undefined) ?? fields.imei;
  return (
    <InlineForm
      onSubmit={() => {
        setChecked(true);
        if (local.ok) add.mutate();
      }}
      problem={add.isError && !fields.imei && !fields.reason ? add.error.message : null}
    >
      <TextInput label="IMEI" value={imei} onChange={(e) => setImei(e.currentTarget.value)} onBlur={() => setChecked(imei !== '')} error={imeiError} inputMode="numeric" w={190} required />
      <TextInput label="Reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fields.reason} placeholder="Police report, carrier notice…" style={{ flex: 1 }} required />
      <Button type="submit" loading={add.isPending}>
        Add
      </Button>
    </InlineForm>
  );
}
