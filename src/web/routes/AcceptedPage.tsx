import { Button, Container, Group, Paper, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCash, IconCircleCheck, IconClipboardCheck, IconSearch, IconTruckDelivery } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { formatMoney } from '../../shared/money.ts';
import { INSPECTION_BUSINESS_DAYS, SHIP_WITHIN_DAYS } from '../../shared/deadlines.ts';
import { LoadError } from '../components/LoadError.tsx';
import { RequireSignIn } from '../features/account/RequireSignIn.tsx';
import { formatMarketDate } from '../features/quote/format.ts';
import { PayoutBanner } from '../features/trade-ins/PayoutBanner.tsx';
import { PrepChecklist } from '../features/trade-ins/PrepChecklist.tsx';
import { ShippingCard } from '../features/trade-ins/ShippingCard.tsx';
import { useTradeIn } from '../queries.ts';
import { usePageTitle } from '../usePageTitle.ts';
import classes from './AcceptedPage.module.css';

/** Right after accepting: what happens next, in order, with the label at hand. */
export function AcceptedPage() {
  return (
    <RequireSignIn title="Your trade-in" why="Sign in to see this trade-in.">
      {() => <Confirmation />}
    </RequireSignIn>
  );
}

function Confirmation() {
  const { tradeInId = '' } = useParams();
  const tradeIn = useTradeIn(tradeInId);
  const t = tradeIn.data;
  usePageTitle(t ? `Offer accepted: ${formatMoney(t.price)} for your ${t.device.modelName}` : 'Offer accepted');

  if (tradeIn.isError && !t) {
    return (
      <Container size="sm">
        <LoadError error={tradeIn.error} onRetry={() => void tradeIn.refetch()} what="this trade-in" />
      </Container>
    );
  }
  if (!t) {
    return (
      <Container size="sm">
        <Stack gap="md" aria-busy="true" aria-label="Loading your trade-in">
          <Skeleton height={120} radius="md" />
          <Skeleton height={320} radius="md" />
        </Stack>
      </Container>
    );
  }

  return (
    <Container size="sm">
      <Stack gap="lg">
        <Paper withBorder p={{ base: 'md', sm: 'xl' }} shadow="xs">
          <Group gap="md" wrap="nowrap" align="flex-start">
            <ThemeIcon size={48} radius="xl" aria-hidden style={{ flex: 'none' }}>
              <IconCircleCheck size={30} />
            </ThemeIcon>
            <div>
              <Title order={1} size="h2">
                Offer accepted
              </Title>
              <Text mt={4}>
                You’re selling your {t.device.brand} {t.device.modelName} ({t.device.variantLabel}, {t.grade}) to{' '}
                {t.refurbisher.name} for <strong>{formatMoney(t.price)}</strong>. We’ve e-mailed you the label and this
                checklist too.
              </Text>
            </div>
          </Group>
        </Paper>

        {!t.payoutMethodComplete && <PayoutBanner />}

        <section aria-labelledby="next-heading">
          <Title order={2} id="next-heading" mb="md">
            What happens next
          </Title>
          <ol className={classes.steps}>
            <NextStep icon={<IconClipboardCheck size={22} />} title="Get your device ready">
              <PrepChecklist accessories={t.mandatoryAccessories} />
            </NextStep>
            <NextStep icon={<IconTruckDelivery size={22} />} title={`Ship it by ${formatMarketDate(t.deadlines.shipBy ?? t.shipBy)}`}>
              <Text size="sm" mb="md">
                You have {SHIP_WITHIN_DAYS} days from your offer, and shipping is free: the label is prepaid.
              </Text>
              <ShippingCard tradeIn={t} headingLevel={4} showShipBy={false} />
            </NextStep>
            <NextStep icon={<IconSearch size={22} />} title={`The refurbisher inspects it within ${INSPECTION_BUSINESS_DAYS} business days`}>
              <Text size="sm">
                Counted from delivery. If it matches your answers, it is approved; if not, you get a counteroffer with the reasons
                and photos, and you can say no and get it back for free.
              </Text>
            </NextStep>
            <NextStep
              icon={<IconCash size={22} />}
              title={
                <>
                  You’re paid in <span style={{ whiteSpace: 'nowrap' }}>3–6 business days</span>
                </>
              }
            >
              <Text size="sm">
                Counted from approval, by bank transfer to{' '}
                {t.payoutMethodComplete ? 'the account you gave us' : 'your bank account, once you add it'}.
              </Text>
            </NextStep>
          </ol>
        </section>

        <Group gap="sm">
          <Button component={Link} to={`/trade-ins/${t.id}`}>
            Follow this trade-in
          </Button>
          <Button component={Link} to="/trade-ins" variant="default">
            My trade-ins
          </Button>
        </Group>
      </Stack>
    </Container>
  );
}

function NextStep({ icon, title, children }: { icon: ReactNode; title: ReactNode; children: ReactNode }) {
  return (
    <li className={classes.step}>
      <ThemeIcon size={40} radius="xl" variant="light" aria-hidden className={classes.icon}>
        {icon}
      </ThemeIcon>
      <Paper withBorder p={{ base: 'md', sm: 'lg' }} miw={0}>
        <Title order={3} mb="sm">
          {title}
        </Title>
        {children}
      </Paper>
    </li>
  );
}
