import { Alert, Button, FileInput, Grid, List, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { TAchReturnRecord } from '../../../shared/api/payouts.ts';
import { ApiError, newIdempotencyKey } from '../../api.ts';
import { FormProblem } from '../account/FormProblem.tsx';
import { consoleApi, RETURNS_PATH } from './console-api.ts';
import { when } from './flag-copy.ts';
import { PagedList } from './PagedList.tsx';

/** The lines of a return file the server could not read (422 ach_file_invalid): nothing was recorded. */
function problemsOf(error: unknown): { line: number; message: string }[] | null {
  if (!(error instanceof ApiError) || error.code !== 'ach_file_invalid') return null;
  const details = error.details as { problems?: { line: number; message: string }[] } | undefined;
  return details?.problems ?? [];
}

/**
 * The bank's returns: upload its return file (all of it recorded, or nothing, every unreadable
 * line listed), record a return the bank reported another way, and the list of returns and
 * notifications of change.
 */
export default function ReturnsPanel() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['account', 'admin', 'console'] });
  return (
    <Stack gap="lg">
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <UploadReturnFile onDone={refresh} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <ManualReturn onDone={refresh} />
        </Grid.Col>
      </Grid>
      <PagedList<TAchReturnRecord>
        what="the returns"
        testId="ach-returns"
        path={RETURNS_PATH}
        filters={{}}
        fetchPage={consoleApi.returns}
        rowKey={(r) => r.id}
        empty="No return from the bank."
        columns={[
          { header: 'Received', cell: (r) => when(r.receivedAt) },
          { header: 'Code', cell: (r) => `${r.code} ${r.title}` },
          { header: 'Kind', cell: (r) => (r.kind === 'return' ? 'Return' : 'Notification of change') },
          { header: 'Payout', cell: (r) => r.payoutId },
          { header: 'Trade-in', cell: (r) => r.tradeInId },
          { header: 'Trace', cell: (r) => r.traceNumber },
          { header: 'From', cell: (r) => (r.source === 'file' ? (r.fileName ?? 'file') : `by hand (${r.recordedBy})`) },
          { header: 'Seller', cell: (r) => r.resolution ?? '—' },
        ]}
      />
    </Stack>
  );
}

function UploadReturnFile({ onDone }: { onDone: () => Promise<void> }) {
  const [file, setFile] = useState<File | null>(null);
  const key = useRef<string | null>(null);
  const upload = useMutation({
    mutationFn: async (f: File) => {
      key.current ??= newIdempotencyKey();
      return consoleApi.uploadReturns(f.name, await f.text(), key.current);
    },
    onSuccess: async () => {
      key.current = null;
      await onDone();
    },
  });
  const problems = problemsOf(upload.error);
  return (
    <Paper withBorder p="lg">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (file) upload.mutate(file);
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h3">
            Upload the bank’s return file
          </Title>
          <Text size="sm" c="dimmed">
            Returns (R codes) put the payout on hold and ask the seller to correct their details; notifications of change are shown to the seller to confirm. A
            file with any unreadable line changes nothing.
          </Text>
          <FileInput
            label="Return file"
            placeholder="Choose the file"
            value={file}
            onChange={(f) => {
              setFile(f);
              key.current = null;
              upload.reset();
            }}
            data-testid="return-file"
            required
          />
          {problems ? (
            <Alert color="red" role="alert" title="The file was not read: nothing was recorded" data-testid="return-problems">
              <List size="sm">
                {problems.map((p) => (
                  <List.Item key={`${p.line}-${p.message}`}>
                    Line {p.line}: {p.message}
                  </List.Item>
                ))}
              </List>
            </Alert>
          ) : (
            upload.isError && <FormProblem error={upload.error} title="The file was not uploaded" />
          )}
          {upload.data && (
            <Alert color="green" role="status" data-testid="return-result">
              {upload.data.fileName}: {upload.data.returns} returns, {upload.data.changes} notifications of change recorded
              {upload.data.alreadyRecorded > 0 ? `, ${upload.data.alreadyRecorded} already recorded before` : ''}.
            </Alert>
          )}
          <Button type="submit" disabled={!file} loading={upload.isPending} data-testid="upload-returns">
            Upload
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

const EMPTY = { payoutId: '', code: '', note: '' };

function ManualReturn({ onDone }: { onDone: () => Promise<void> }) {
  const [v, setV] = useState(EMPTY);
  const key = useRef<string | null>(null);
  const record = useMutation({
    mutationFn: () => {
      key.current ??= newIdempotencyKey();
      return consoleApi.manualReturn({ payoutId: v.payoutId.trim(), code: v.code.trim().toUpperCase(), note: v.note }, key.current);
    },
    onSuccess: async () => {
      key.current = null;
      setV(EMPTY);
      await onDone();
    },
  });
  const fields = record.error instanceof ApiError ? record.error.fields : {};
  const change = (k: keyof typeof EMPTY) => (e: React.ChangeEvent<HTMLInputElement>) => {
    key.current = null;
    setV({ ...v, [k]: e.currentTarget.value });
  };
  return (
    <Paper withBorder p="lg">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          record.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h3">
            Record a return by hand
          </Title>
          <Text size="sm" c="dimmed">
            When the bank reports a return another way (a call, its portal).
          </Text>
          <TextInput label="Payout" placeholder="pay_…" value={v.payoutId} onChange={change('payoutId')} error={fields.payoutId} required />
          <TextInput label="Return code" placeholder="R03" value={v.code} onChange={change('code')} error={fields.code} maxLength={3} required />
          <TextInput label="Note" value={v.note} onChange={change('note')} error={fields.note} placeholder="Who at the bank, when" required />
          {record.isError && <FormProblem error={record.error} title="The return was not recorded" />}
          {record.data && (
            <Alert color="green" role="status">
              {record.data.code} recorded on {record.data.payoutId}.
            </Alert>
          )}
          <Button type="submit" loading={record.isPending}>
            Record return
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
