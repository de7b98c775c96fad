import { Badge, Box, Button, Container, Divider, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { TTradeIn } from '../../shared/api/trade-ins.ts';
import { INSPECTION_BUSINESS_DAYS, SHIP_WITHIN_DAYS } from '../../shared/deadlines.ts';
import { formatMoney } from '../../shared/money.ts';
import { canApply, paymentStillAhead } from '../../shared/trade-in-machine.ts';
import { isNotFound } from '../api.ts';
import { Crumbs } from '../components/Crumbs.tsx';
import { LoadError } from '../components/LoadError.tsx';
import { RequireSignIn } from '../features/account/RequireSignIn.tsx';
import { AftercareSections } from '../features/aftercare/AftercareSections.tsx';
import { DemoPanel } from '../features/dev/DemoPanel.tsx';
import { formatMarketDate, formatMarketShortDate } from '../features/quote/format.ts';
import { CancelTradeIn } from '../features/trade-ins/CancelTradeIn.tsx';
import { PayoutBanner } from '../features/trade-ins/PayoutBanner.tsx';
import { PaymentCard } from '../features/payouts/PaymentCard.tsx';
import { PayoutOnHold } from '../features/payouts/PayoutOnHold.tsx';
import { SectionCard } from '../components/SectionCard.tsx';
import { PrepChecklist } from '../features/trade-ins/PrepChecklist.tsx';
import { ShippingCard } from '../features/trade-ins/ShippingCard.tsx';
import { StatusPill } from '../features/trade-ins/StatusPill.tsx';
import { TradeInTimeline } from '../features/trade-ins/TradeInTimeline.tsx';
import { MessageThread } from '../features/messages/MessageThread.tsx';
import { useIsDemo, useTradeIn } from '../queries.ts';
import { usePageTitle } from '../usePageTitle.ts';
import classes from './TradeInPage.module.css';

export function TradeInPage() {
  return (
    <RequireSignIn title="Your trade-in" why="Sign in to see this trade-in.">
      {() => <TradeInDetail />}
    </RequireSignIn>
  );
}

function TradeInDetail() {
  const { tradeInId = '' } = useParams();
  const tradeIn = useTradeIn(tradeInId);
  const demo = useIsDemo();
  const t = tradeIn.data;
  usePageTitle(t ? `${t.device.modelName}: ${t.statusLabel}` : isNotFound(tradeIn.error) ? 'Trade-in not found' : 'Your trade-in');

  if (tradeIn.isError && !t) {
    return (
      <Container>
        <LoadError error={tradeIn.error} onRetry={() => void tradeIn.refetch()} what="this trade-in" />
      </Container>
    );
  }

  return (
    <Container>
      <Crumbs items={[{ label: 'My trade-ins', to: '/trade-ins' }, { label: t ? t.device.modelName : '…' }]} />
      {!t ? (
        <Stack gap="md" aria-busy="true" aria-label="Loading your trade-in">
          <Skeleton height={140} radius="md" />
          <Skeleton height={260} radius="md" />
        </Stack>
      ) : (
        <Stack gap="lg">
          <Header tradeIn={t} />
          {/* Once no payment can follow, missing bank details no longer matter. */}
          {!t.payout && !t.payoutMethodComplete && paymentStillAhead(t.status) && <PayoutBanner />}
          {t.status === 'payout_on_hold' && <PayoutOnHold returned={t.payout?.returned ?? null} />}
          <div className={classes.layout}>
            <Stack gap="lg">
              {t.payout && (
                <SectionCard title="Your payment" id="payment">
                  <PaymentCard payout={t.payout} />
                </SectionCard>
              )}
              <AftercareSections tradeIn={t} />
              {canApply(t.status, 'ship') && (
                <>
                  <Section title="Ship your device" id="ship">
                    <ShippingCard tradeIn={t} headingLevel={3} />
                  </Section>
                  <Section title="Before you pack it" id="prep">
                    <PrepChecklist accessories={t.mandatoryAccessories} />
                  </Section>
                </>
              )}
              <Section title="Timeline" id="timeline">
                <TradeInTimeline events={t.timeline} />
              </Section>
              <Section title="Messages" id="messages">
                <MessageThread tradeInId={t.id} side="seller" otherParty={t.refurbisher.name} />
              </Section>
            </Stack>
            <Stack gap="lg">
              <Section title="Key dates" id="dates">
                <KeyDates tradeIn={t} />
              </Section>
              {t.canCancel && (
                <Stack gap={6}>
                  <CancelTradeIn tradeIn={t} />
                  <Text size="xs" c="dimmed" ta="center">
                    Free until the carrier scans the package.
                  </Text>
                </Stack>
              )}
              {demo && <DemoPanel tradeInId={t.id} />}
            </Stack>
          </div>
        </Stack>
      )}
    </Container>
  );
}

function Header({ tradeIn: t }: { tradeIn: TTradeIn }) {
  return (
    <Paper withBorder p={{ base: 'md', sm: 'xl' }} shadow="xs">
      <Stack gap="sm">
        <div>
          <Text c="dimmed" fw={600} size="sm">
            {t.device.brand} · {t.device.variantLabel}
          </Text>
          <Title order={1}>{t.device.modelName}</Title>
        </div>
        {/* Polled every 5 s: a screen reader hears the status when it changes. */}
        <div aria-live="polite">
          <StatusPill status={t.status} label={t.statusLabel} />
        </div>
        <Text>{nextStep(t)}</Text>
        {(t.status === 'expired' || t.status === 'cancelled' || t.status === 'returned') && (
          <Group>
            <Button component={Link} to={`/sell/${t.device.categoryId}`} variant="light">
              Get a new offer
            </Button>
          </Group>
        )}
        <Divider />
        <Group gap="lg" align="flex-end">
          <div>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.04em' }}>
              Price
            </Text>
            <Text fw={800} fz={32} lh={1.1} c="brand.9" style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="trade-in-price">
              {formatMoney(t.price)}
            </Text>
          </div>
          <div>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.04em' }}>
              Grade
            </Text>
            <Badge size="lg" variant="light" mt={4}>
              {t.grade}
            </Badge>
          </div>
          <div>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.04em' }}>
              Refurbisher
            </Text>
            <Text fw={600} mt={4}>
              {t.refurbisher.name}
            </Text>
          </div>
        </Group>
      </Stack>
    </Paper>
  );
}

/** One sentence: what happens now, and who has to act. */
function nextStep(t: TTradeIn): string {
  const inspection = t.deadlines.inspectionDueAt ? formatMarketDate(t.deadlines.inspectionDueAt) : null;
  switch (t.status) {
    case 'awaiting_shipment':
      return `Pack it and drop it off by ${formatMarketDate(t.deadlines.shipBy ?? t.shipBy)}. Once delivered, the refurbisher inspects it within ${INSPECTION_BUSINESS_DAYS} business days.`;
    case 'in_transit':
      return `It is on its way to the refurbisher, who inspects it within ${INSPECTION_BUSINESS_DAYS} business days of delivery.`;
    case 'delivered':
      if (t.deadlines.inspectionLate) {
        // Past the due time the page stops promising that date: it says what happens instead.
        return t.deadlines.autoApproveAt
          ? `The inspection is late: it was due by ${inspection}. If the refurbisher has still not inspected it by ${formatMarketDate(t.deadlines.autoApproveAt)}, it is approved automatically at your offer price and payment starts.`
          : `The inspection is late: it was due by ${inspection}. Tradeloop has been told and is following it up with the refurbisher.`;
      }
      return `The refurbisher inspects it by ${inspection ?? 'the end of the second business day'}. If it matches your answers, payment starts at once and reaches your bank in 3–6 business days.`;
    case 'counteroffered':
      return t.aftercare.counteroffer
        ? `The refurbisher found it in ${t.aftercare.counteroffer.verifiedGrade} condition and offers ${formatMoney(t.aftercare.counteroffer.price)}. Accept or reject by ${formatMarketDate(t.aftercare.counteroffer.dueAt)}; rejecting means a free return.`
        : t.statusLabel;
    case 'account_locked':
      return t.aftercare.lockHold
        ? `The device is still linked to your account. Remove it remotely by ${formatMarketDate(t.aftercare.lockHold.dueAt)}, as shown below.`
        : t.statusLabel;
    case 'return_pending':
      return 'The refurbisher ships your device back to you, free of charge, within 2 business days.';
    case 'returning':
      return 'Your device is on its way back to you.';
    case 'returned':
      return 'Your device is back with you. You can get a new offer for it at any time.';
    case 'payout_on_hold':
      return 'Your bank returned the payment. Check your bank details so we can send it again.';
    case 'approved':
      return t.payout?.status === 'waiting_for_details'
        ? 'Approved. Add your bank details so we can send your payment.'
        : 'Approved. Your payment is scheduled: the dates it should reach your bank are below.';
    case 'paid':
      return 'Paid. Thank you for trading in with Tradeloop.';
    case 'expired':
      return `It was not shipped within ${SHIP_WITHIN_DAYS} days, so the offer lapsed. Please don’t send the device; get a new offer if you still want to sell it.`;
    case 'cancelled':
      return 'You cancelled this trade-in. Please don’t send the device.';
    default:
      return t.statusLabel;
  }
}

function KeyDates({ tradeIn: t }: { tradeIn: TTradeIn }) {
  const rows: { label: string; value: string | null; note?: string; testId?: string }[] = [
    { label: 'Accepted', value: t.acceptedAt },
    { label: 'Ship by', value: t.deadlines.shipBy, note: `${SHIP_WITHIN_DAYS} days from your offer`, testId: 'deadline-ship-by' },
    { label: 'Shipped', value: t.milestones.shippedAt },
    { label: 'Delivered', value: t.milestones.deliveredAt },
    {
      label: t.deadlines.inspectionLate ? 'Inspection was due' : 'Inspection due',
      value: t.deadlines.inspectionDueAt,
      note: t.deadlines.inspectionLate ? 'Late' : `${INSPECTION_BUSINESS_DAYS} business days after delivery`,
      testId: 'deadline-inspection',
    },
    { label: 'Approved automatically', value: t.deadlines.autoApproveAt, note: 'if still not inspected, at your offer price', testId: 'deadline-auto-approve' },
    { label: 'Approved', value: t.milestones.approvedAt },
    { label: 'Paid', value: t.milestones.paidAt },
    { label: 'Expired', value: t.milestones.expiredAt },
    { label: 'Cancelled', value: t.milestones.cancelledAt },
    { label: 'Returned', value: t.milestones.returnedAt },
  ];
  return (
    <Box component="dl" m={0} className={classes.dates}>
      {rows
        .filter((r) => r.value)
        .map((r) => (
          <div key={r.label} className={classes.dateRow} data-testid={r.testId}>
            <Text component="dt" size="sm" c="dimmed">
              {r.label}
            </Text>
            <Text component="dd" m={0} size="sm" fw={600} ta="right">
              {formatMarketShortDate(r.value!)}
              {r.note && (
                <Text span display="block" size="xs" c="dimmed" fw={400}>
                  {r.note}
                </Text>
              )}
            </Text>
          </div>
        ))}
    </Box>
  );
}

function Section({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby={`${id}-heading`}>
      <Title order={2} size="h3" id={`${id}-heading`} mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}
