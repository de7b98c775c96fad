import { Button, Card, Container, Group, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconChevronRight, IconPackage } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { TTradeInSummary } from '../../shared/api/trade-ins.ts';
import { formatMoney } from '../../shared/money.ts';
import { LoadError } from '../components/LoadError.tsx';
import { ConfirmEmail } from '../features/account/ConfirmEmail.tsx';
import { RequireSignIn } from '../features/account/RequireSignIn.tsx';
import tiles from '../features/catalog/tiles.module.css';
import { formatMarketShortDate } from '../features/quote/format.ts';
import { StatusPill } from '../features/trade-ins/StatusPill.tsx';
import { useMe, useTradeIns } from '../queries.ts';
import { usePageTitle } from '../usePageTitle.ts';

export function TradeInsPage() {
  usePageTitle('My trade-ins');
  return (
    <RequireSignIn title="My trade-ins" why="Sign in to see the devices you are selling.">
      {() => <TradeInsList />}
    </RequireSignIn>
  );
}

function TradeInsList() {
  const tradeIns = useTradeIns();
  const me = useMe();
  return (
    <Container size="sm">
      <Stack gap="lg">
        <Title order={1}>My trade-ins</Title>
        {me.data && !me.data.readiness.emailVerified && (
          // Where a new seller lands after signing up: the link they need before accepting is in their mailbox.
          <Card withBorder padding="lg" component="section" aria-labelledby="confirm-email-heading">
            <Title order={2} size="h3" id="confirm-email-heading" mb="sm">
              Check your e-mail
            </Title>
            <ConfirmEmail email={me.data.user.email} next="/trade-ins" />
          </Card>
        )}
        {tradeIns.isError ? (
          <LoadError error={tradeIns.error} onRetry={() => void tradeIns.refetch()} what="your trade-ins" />
        ) : tradeIns.isPending ? (
          <Stack gap="sm" aria-busy="true" aria-label="Loading your trade-ins">
            {Array.from({ length: 3 }, (_, i) => (
              <Skeleton key={i} height={104} radius="md" />
            ))}
          </Stack>
        ) : tradeIns.data.length === 0 ? (
          <Stack align="center" gap="sm" py="xl" ta="center">
            <ThemeIcon size={56} radius="xl" variant="light" aria-hidden>
              <IconPackage size={30} />
            </ThemeIcon>
            <Title order={2} size="h3">
              Nothing here yet
            </Title>
            <Text c="dimmed" maw={420}>
              When you accept an offer, your trade-in appears here with its label, its deadlines and where it is.
            </Text>
            <Button component={Link} to="/">
              Get an offer
            </Button>
          </Stack>
        ) : (
          <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} data-testid="trade-in-list">
            {tradeIns.data.toSorted((a, b) => b.acceptedAt.localeCompare(a.acceptedAt)).map((t) => (
              <li key={t.id}>
                <TradeInCard tradeIn={t} />
              </li>
            ))}
          </Stack>
        )}
      </Stack>
    </Container>
  );
}

function TradeInCard({ tradeIn: t }: { tradeIn: TTradeInSummary }) {
  const name = `${t.device.brand} ${t.device.modelName}`;
  return (
    <Card component={Link} to={`/trade-ins/${t.id}`} withBorder padding="md" className={tiles.tile}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
        <Stack gap={6} miw={0}>
          <div>
            <Text fw={700}>{name}</Text>
            <Text size="sm" c="dimmed">
              {t.device.variantLabel} · {t.grade}
            </Text>
          </div>
          <div>
            <StatusPill status={t.status} label={t.statusLabel} />
          </div>
          <Text size="sm">
            {t.status === 'awaiting_shipment' ? (
              <>
                Ship by <strong>{formatMarketShortDate(t.shipBy)}</strong>
              </>
            ) : (
              <>Accepted {formatMarketShortDate(t.acceptedAt)}</>
            )}
          </Text>
        </Stack>
        <Group gap={4} wrap="nowrap" style={{ flex: 'none' }}>
          <Text fw={800} fz="lg" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {formatMoney(t.price)}
          </Text>
          <IconChevronRight size={18} aria-hidden />
        </Group>
      </Group>
    </Card>
  );
}
