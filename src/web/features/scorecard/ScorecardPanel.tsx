import '@mantine/charts/styles.css';
import { BarChart, LineChart } from '@mantine/charts';
import { Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { LoadError } from '../../components/LoadError.tsx';
import { scorecardApi } from './scorecard-api.ts';

const week = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const pct = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

/**
 * The portal's "Scorecard" tab: what sellers see beside this refurbisher's offers, with the
 * weekly points behind it. Loaded lazily (the chart library is large).
 */
export default function ScorecardPanel() {
  const card = useQuery({ queryKey: ['account', 'scorecard'], queryFn: scorecardApi.own, staleTime: 60_000 });
  if (card.isError) return <LoadError error={card.error} onRetry={() => void card.refetch()} what="your scorecard" />;
  if (!card.data) return <Skeleton height={360} aria-busy="true" aria-label="Loading" />;
  const c = card.data;
  const data = c.weekly.map((w) => ({
    week: week.format(new Date(`${w.weekStart}T00:00:00Z`)),
    inspections: w.inspections,
    onTime: pct(w.onTimeShare),
    counteroffers: pct(w.counterofferRate),
  }));
  return (
    <Stack gap="md" data-testid="scorecard">
      <Text size="sm" c="dimmed">
        The last {c.windowDays} days, as sellers see them beside your offers. When two refurbishers pay the same price, the better scorecard wins the
        device: inspecting on time counts most, then counteroffering rarely and lightly, then shipping free returns on time.
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }}>
        <Stat label="Median time to inspect" value={c.medianInspectionHours === null ? null : `${c.medianInspectionHours} h`} />
        <Stat label="Inspected on time" value={percent(c.onTimeShare)} />
        <Stat label="Counteroffer rate" value={percent(c.counterofferRate)} />
        <Stat label="Average downgrade" value={c.averageDowngradePercent === null ? null : `−${c.averageDowngradePercent}%`} />
        <Stat label="Returns shipped on time" value={percent(c.returnsOnTimeShare)} />
      </SimpleGrid>
      {c.inspections === 0 && c.onTimeShare === null ? (
        <Text>No inspections in this period yet: the charts fill in week by week.</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Chart title="Inspections per week">
            <BarChart h={220} data={data} dataKey="week" series={[{ name: 'inspections', label: 'Inspections', color: 'brand.6' }]} aria-label="Inspections per week" />
          </Chart>
          <Chart title="On time and counteroffers, % per week">
            <LineChart
              h={220}
              data={data}
              dataKey="week"
              yAxisProps={{ domain: [0, 100] }}
              connectNulls={false}
              withLegend
              unit="%"
              series={[
                { name: 'onTime', label: 'On time', color: 'teal.6' },
                { name: 'counteroffers', label: 'Counteroffers', color: 'orange.6' },
              ]}
              aria-label="Share inspected on time and share counteroffered, per week"
            />
          </Chart>
        </SimpleGrid>
      )}
    </Stack>
  );
}

const percent = (share: number | null) => (share === null ? null : `${Math.round(share * 100)}%`);

function Stat({ label, value }: { label: string; value: string | null }) {
  return (
    <Paper withBorder p="md">
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text fw={700} fz="xl">
        {value ?? '—'}
      </Text>
    </Paper>
  );
}

function Chart({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h5" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}
