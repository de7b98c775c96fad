import { Alert, Button, Grid, Group, NumberInput, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { TRefurbisherSummary } from '../../../shared/api/refurbishers.ts';
import { ApiError } from '../../api.ts';
import { FormProblem } from '../account/FormProblem.tsx';
import { portalApi } from '../refurbisher/portal-api.ts';
import { consoleApi, REFURBISHERS_PATH } from './console-api.ts';
import { PagedList } from './PagedList.tsx';

const EMPTY = { name: '', adminEmail: '', addressName: '', line1: '', line2: '', city: '', state: '', zip: '' };

type Row = TRefurbisherSummary & { commissionBps?: number };

/** The refurbishers on the platform with their commission (editable), and opening a new one. */
export default function RefurbishersPanel() {
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 8 }}>
        <PagedList<Row>
          what="the refurbishers"
          testId="refurbisher-list"
          path={REFURBISHERS_PATH}
          filters={{}}
          fetchPage={consoleApi.refurbishers}
          rowKey={(r) => r.id}
          empty="No refurbisher yet."
          columns={[
            { header: 'Name', cell: (r) => <Text fw={600}>{r.name}</Text> },
            { header: 'Receiving in', cell: (r) => `${r.receivingAddress.city}, ${r.receivingAddress.state}` },
            { header: 'Members', cell: (r) => r.members, align: 'right' },
            { header: 'Invited', cell: (r) => r.pendingInvitations, align: 'right' },
            { header: 'Wishlist', cell: (r) => r.wishlistEntries.toLocaleString('en-US'), align: 'right' },
            { header: 'Commission', cell: (r) => (r.commissionBps === undefined ? '—' : <Commission refurbisher={r} bps={r.commissionBps} />) },
          ]}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <CreateRefurbisher />
      </Grid.Col>
    </Grid>
  );
}

/** The rate in percent (basis points / 100), changed in place; the server keeps bps. */
function Commission({ refurbisher, bps }: { refurbisher: Row; bps: number }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [percent, setPercent] = useState<number | string>(bps / 100);
  const save = useMutation({
    mutationFn: () => consoleApi.setCommission(refurbisher.id, Math.round(Number(percent) * 100)),
    onSuccess: async () => {
      setEditing(false);
      await queryClient.invalidateQueries({ queryKey: ['account', 'admin'] });
    },
  });
  if (!editing) {
    return (
      <Group gap={6} wrap="nowrap">
        <Text size="sm">{(bps / 100).toFixed(2)} %</Text>
        <Button size="compact-xs" variant="subtle" onClick={() => setEditing(true)} aria-label={`Change the commission of ${refurbisher.name}`}>
          Change
        </Button>
      </Group>
    );
  }
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Group gap={6} wrap="nowrap" align="flex-start">
        <NumberInput
          aria-label={`Commission of ${refurbisher.name} in percent`}
          value={percent}
          onChange={setPercent}
          min={0}
          max={50}
          decimalScale={2}
          suffix=" %"
          w={100}
          size="xs"
          error={save.error instanceof ApiError ? (save.error.fields.bps ?? save.error.message) : undefined}
        />
        <Button size="xs" type="submit" loading={save.isPending}>
          Save
        </Button>
        <Button size="xs" variant="default" onClick={() => setEditing(false)}>
          Cancel
        </Button>
      </Group>
    </form>
  );
}

function CreateRefurbisher() {
  const queryClient = useQueryClient();
  const [v, setV] = useState(EMPTY);
  const [done, setDone] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () =>
      portalApi.createRefurbisher({
        name: v.name,
        adminEmail: v.adminEmail,
        receivingAddress: { name: v.addressName || `${v.name} Receiving`, line1: v.line1, ...(v.line2 ? { line2: v.line2 } : {}), city: v.city, state: v.state.toUpperCase(), zip: v.zip },
      }),
    onSuccess: async (res) => {
      setDone(`${res.refurbisher.name} is open; ${res.invitation.email} has been invited as its admin.`);
      setV(EMPTY);
      await queryClient.invalidateQueries({ queryKey: ['account', 'admin'] });
    },
  });
  const fields = create.error instanceof ApiError ? create.error.fields : {};
  const field = (key: keyof typeof EMPTY, serverKey: string, label: string, extra: Record<string, unknown> = {}) => (
    <TextInput
      label={label}
      value={v[key]}
      onChange={(e) => setV({ ...v, [key]: e.currentTarget.value })}
      error={fields[serverKey]}
      {...extra}
    />
  );
  return (
    <Paper withBorder p="lg">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setDone(null);
          create.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h3">
            Open a refurbisher
          </Title>
          <Text size="sm" c="dimmed">
            Its first admin gets an e-mail invitation and invites the rest of the team.
          </Text>
          {field('name', 'name', 'Refurbisher name', { required: true })}
          {field('adminEmail', 'adminEmail', "First admin's e-mail", { required: true, type: 'email' })}
          {field('line1', 'receivingAddress.line1', 'Receiving address', { required: true })}
          {field('line2', 'receivingAddress.line2', 'Address line 2')}
          <Grid gap="xs">
            <Grid.Col span={6}>{field('city', 'receivingAddress.city', 'City', { required: true })}</Grid.Col>
            <Grid.Col span={2}>{field('state', 'receivingAddress.state', 'State', { required: true, maxLength: 2 })}</Grid.Col>
            <Grid.Col span={4}>{field('zip', 'receivingAddress.zip', 'ZIP', { required: true })}</Grid.Col>
          </Grid>
          {create.isError && <FormProblem error={create.error} title="The refurbisher was not created" />}
          {done && (
            <Alert color="green" role="status">
              {done}
            </Alert>
          )}
          <Button type="submit" loading={create.isPending}>
            Open and invite
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
