import { Alert, Button, Group, Paper, Select, SimpleGrid, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { TStatement } from '../../../shared/api/statements.ts';
import { formatMoney } from '../../../shared/money.ts';
import { ApiError } from '../../api.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { recentMonths, statementApi, type Period } from './statement-api.ts';

const CUSTOM = 'custom';

/**
 * The portal's "Statement" tab: what the refurbisher owes for a month (or any period up to a
 * year): approvals with the platform's commission, devices returned at no charge, corrections,
 * and the balance; the same as CSV and PDF. Dates are New York's. Loaded lazily.
 */
export default function StatementPanel() {
  const months = useMemo(() => recentMonths(new Date(), 13), []);
  const [choice, setChoice] = useState<string>(months[0]!.from);
  const [custom, setCustom] = useState<Period>({ from: months[0]!.from, to: months[0]!.to });
  const period: Period = choice === CUSTOM ? custom : months.find((m) => m.from === choice)!;
  const statement = useQuery({
    queryKey: ['account', 'statement', period.from, period.to],
    queryFn: () => statementApi.get(period),
    enabled: Boolean(period.from && period.to),
    placeholderData: keepPreviousData,
    retry: (n, e) => !(e instanceof ApiError && e.status === 400) && n < 2,
  });
  const fields = statement.error instanceof ApiError && statement.error.status === 400 ? statement.error.fields : {};

  return (
    <Stack gap="md" data-testid="statement">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label="Period"
          data={[...months.map((m) => ({ value: m.from, label: m.label })), { value: CUSTOM, label: 'Other dates…' }]}
          value={choice}
          onChange={(v) => v && setChoice(v)}
          allowDeselect={false}
          w={200}
        />
        {choice === CUSTOM && (
          <>
            <TextInput type="date" label="From" value={custom.from} onChange={(e) => setCustom({ ...custom, from: e.currentTarget.value })} error={fields.from} />
            <TextInput type="date" label="To" value={custom.to} onChange={(e) => setCustom({ ...custom, to: e.currentTarget.value })} error={fields.to} />
          </>
        )}
        <Group gap="xs" ml="auto">
          <Button component="a" href={statementApi.csvUrl(period)} download variant="default" leftSection={<IconDownload size={16} aria-hidden />}>
            CSV
          </Button>
          <Button component="a" href={statementApi.pdfUrl(period)} download variant="default" leftSection={<IconDownload size={16} aria-hidden />}>
            PDF
          </Button>
        </Group>
      </Group>
      {statement.isError && Object.keys(fields).length === 0 ? (
        <LoadError error={statement.error} onRetry={() => void statement.refetch()} what="your statement" />
      ) : statement.isError ? (
        <Alert color="yellow" role="alert">
          {Object.values(fields).join(' ')}
        </Alert>
      ) : !statement.data ? (
        <Skeleton height={300} aria-busy="true" aria-label="Loading" />
      ) : (
        <StatementView s={statement.data} />
      )}
    </Stack>
  );
}

function StatementView({ s }: { s: TStatement }) {
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {s.period.from} to {s.period.to}, New York time. Each approval adds the price paid to the seller and the platform&apos;s commission at your rate on
        the day it was approved. Devices returned to sellers cost nothing.
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }}>
        <Stat label="Opening balance" value={formatMoney(s.openingBalance)} />
        <Stat label={`Approvals (${s.totals.approvals})`} value={formatMoney(s.totals.price)} testId="statement-price" />
        <Stat label="Commission" value={formatMoney(s.totals.commission)} testId="statement-commission" />
        <Stat label={`Returns (${s.totals.returns})`} value="No charge" />
        <Stat label="Closing balance (owed)" value={formatMoney(s.closingBalance)} testId="statement-closing" />
      </SimpleGrid>
      <Title order={3} size="h4">
        Approvals
      </Title>
      {s.approvals.length === 0 ? (
        <Text c="dimmed">No approvals in this period.</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped data-testid="statement-approvals">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Date</Table.Th>
                <Table.Th>Trade-in</Table.Th>
                <Table.Th>Device</Table.Th>
                <Table.Th ta="right">Price</Table.Th>
                <Table.Th ta="right">Commission</Table.Th>
                <Table.Th ta="right">Total</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.approvals.map((a) => (
                <Table.Tr key={a.tradeInId}>
                  <Table.Td>{a.date}</Table.Td>
                  <Table.Td ff="monospace">{a.tradeInId}</Table.Td>
                  <Table.Td>{a.device}</Table.Td>
                  <Table.Td ta="right">{formatMoney(a.price)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(a.commission)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(a.total)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {s.returns.length > 0 && (
        <>
          <Title order={3} size="h4">
            Returned to sellers (no charge)
          </Title>
          <Table striped data-testid="statement-returns">
            <Table.Tbody>
              {s.returns.map((r) => (
                <Table.Tr key={r.tradeInId}>
                  <Table.Td>{r.date}</Table.Td>
                  <Table.Td ff="monospace">{r.tradeInId}</Table.Td>
                  <Table.Td>{r.device}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      {s.adjustments.length > 0 && (
        <>
          <Title order={3} size="h4">
            Payments and corrections
          </Title>
          <Table striped>
            <Table.Tbody>
              {s.adjustments.map((a) => (
                <Table.Tr key={a.entryId}>
                  <Table.Td>{a.date}</Table.Td>
                  <Table.Td>{a.memo}</Table.Td>
                  <Table.Td ta="right">{formatMoney(a.amount)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Paper withBorder p="md">
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text fw={700} fz="xl" data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}
