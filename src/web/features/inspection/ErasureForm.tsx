import { Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ERASURE_METHOD_LABEL, ERASURE_METHODS, type TIncomingDetail } from '../../../shared/api/inspection.ts';
import { MARKET_TIME_ZONE } from '../../../shared/market-time.ts';
import { ApiError } from '../../api.ts';
import { FormProblem } from '../account/FormProblem.tsx';
import { inspectionApi, inspectionKeys, type TRecordErasure } from './inspection-api.ts';

type Method = TRecordErasure['method'];

/** After approval: how the device's data was erased. The seller gets a certificate with a verification code. */
export function ErasureForm({ tradeInId }: { tradeInId: string }) {
  const queryClient = useQueryClient();
  const [method, setMethod] = useState<Method>('nist_800_88_purge');
  const [tool, setTool] = useState('');
  // Today on the market's calendar (en-CA writes yyyy-mm-dd); the server refuses a date in the future.
  const [erasedOn, setErasedOn] = useState(() => new Intl.DateTimeFormat('en-CA', { timeZone: MARKET_TIME_ZONE }).format(new Date()));
  const record = useMutation({
    mutationFn: (body: TRecordErasure) => inspectionApi.recordErasure(tradeInId, body),
    onSuccess: (certificate) => {
      // Shown at once from the answer; the page's next refresh reads it back from the trade-in.
      queryClient.setQueryData<TIncomingDetail>(inspectionKeys.detail(tradeInId), (d) => d && { ...d, erasure: certificate, can: { ...d.can, recordErasure: false } });
    },
  });
  const fields = record.error instanceof ApiError ? record.error.fields : {};
  const { method: mErr, tool: tErr, erasedOn: dErr, ...other } = fields;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (record.isPending) return;
    record.mutate({ method, tool: tool.trim(), erasedOn });
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <Text size="sm">Record how the data was erased. The seller receives a certificate they, or anyone, can verify.</Text>
        <Group align="flex-start" gap="md" wrap="wrap">
          <Select
            label="Method"
            data={ERASURE_METHODS.map((m) => ({ value: m, label: ERASURE_METHOD_LABEL[m] }))}
            value={method}
            onChange={(v) => v && setMethod(v as Method)}
            allowDeselect={false}
            error={mErr}
            w={240}
          />
          <TextInput label="Tool" placeholder="e.g. Blancco Mobile Diagnostics & Erasure" value={tool} onChange={(e) => setTool(e.currentTarget.value)} error={tErr} required w={320} />
          <TextInput label="Erased on" type="date" value={erasedOn} onChange={(e) => setErasedOn(e.currentTarget.value)} error={dErr} required w={180} />
        </Group>
        {record.isError && <FormProblem error={record.error} other={other} title="The erasure was not recorded" />}
        <Button type="submit" loading={record.isPending} disabled={tool.trim().length < 2 || !erasedOn} style={{ alignSelf: 'flex-start' }}>
          Record the erasure
        </Button>
      </Stack>
    </form>
  );
}
