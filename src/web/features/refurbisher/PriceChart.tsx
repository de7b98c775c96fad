import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import { Text } from '@mantine/core';
import type { TPricePoint } from '../../../shared/api/wishlist.ts';
import { formatMoney } from '../../../shared/money.ts';

export interface PriceSeries {
  name: string;
  label: string;
  color: string;
  points: TPricePoint[];
}

const day = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

/**
 * Step lines of prices over time (each value holds until the next point), drawn from points that
 * may fall at different instants per series. A gap (null) is a time without a live price.
 */
export function PriceChart({ series, to, currency = 'USD', height = 220 }: { series: PriceSeries[]; to: string; currency?: string; height?: number }) {
  const times = [...new Set([...series.flatMap((s) => s.points.map((p) => p.at)), to])].sort();
  const data = times.map((at) => {
    const row: Record<string, string | number | null> = { at: day.format(new Date(at)) };
    for (const s of series) {
      const last = s.points.filter((p) => p.at <= at).at(-1);
      row[s.name] = last?.priceMinor == null ? null : last.priceMinor / 100;
    }
    return row;
  });
  const hasAny = series.some((s) => s.points.some((p) => p.priceMinor !== null));
  if (!hasAny) return <Text c="dimmed" size="sm">No live price in this period.</Text>;
  return (
    <LineChart
      h={height}
      data={data}
      dataKey="at"
      curveType="stepAfter"
      withDots={false}
      connectNulls={false}
      withLegend={series.length > 1}
      valueFormatter={(v) => formatMoney({ amountMinor: Math.round(v * 100), currency })}
      series={series.map((s) => ({ name: s.name, label: s.label, color: s.color }))}
      aria-label={`Price history: ${series.map((s) => s.label).join(', ')}`}
    />
  );
}
