import { Text, ThemeIcon, Timeline } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import type { TTradeIn } from '../../../shared/api/trade-ins.ts';
import { formatMarketDateTime } from '../quote/format.ts';

/** Everything that happened, oldest first, so it reads like a story and the latest is at the end. */
export function TradeInTimeline({ events }: { events: TTradeIn['timeline'] }) {
  const sorted = events.toSorted((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  return (
    <Timeline
      active={sorted.length - 1}
      bulletSize={24}
      lineWidth={2}
      data-testid="timeline"
      // A list for screen readers: the events are read as "list, 3 items".
      role="list"
    >
      {sorted.map((e, i) => (
        <Timeline.Item
          key={e.id}
          role="listitem"
          data-event-type={e.type}
          bullet={
            <ThemeIcon size={24} radius="xl" variant={i === sorted.length - 1 ? 'filled' : 'light'} aria-hidden>
              <IconCheck size={14} stroke={2.5} />
            </ThemeIcon>
          }
          title={e.title}
          aria-current={i === sorted.length - 1 ? 'step' : undefined}
        >
          <Text size="sm" c="dimmed">
            <time dateTime={e.occurredAt}>{formatMarketDateTime(e.occurredAt)}</time>
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
