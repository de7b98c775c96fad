import { Anchor, Badge, Button, Container, Divider, Grid, Group, Paper, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBuildingStore, IconCalendarEvent, IconMoodSad } from '@tabler/icons-react';
import { lazy, Suspense } from 'react';
import { Link, useParams } from 'react-router';
import type { TQuote } from '../../shared/api/quotes.ts';
import { formatMoney } from '../../shared/money.ts';
import { isNotFound } from '../api.ts';
import { JourneySteps } from '../components/JourneySteps.tsx';
import { LoadError } from '../components/LoadError.tsx';
import { Accessories } from '../features/quote/Accessories.tsx';
import { formatMarketDate } from '../features/quote/format.ts';
import { GradeExplanation } from '../features/quote/GradeExplanation.tsx';
import { OfferLadder } from '../features/quote/OfferLadder.tsx';
import { OfferScorecard } from '../features/scorecard/OfferScorecard.tsx';
import { INSPECTION_BUSINESS_DAYS } from '../../shared/deadlines.ts';
import { useQuote } from '../queries.ts';
import { usePageTitle } from '../usePageTitle.ts';
import classes from './OfferPage.module.css';
import { AcceptedOfferNotice } from '../features/quote/AcceptedOfferNotice.tsx';

// The chart library is large: it loads after the offer, never on the way to it.
const PriceHistoryCard = lazy(() => import('../features/quote/PriceHistoryCard.tsx'));

/** Shows a quote: `/offers/:offerId` when a refurbisher bids, `/assessments/:assessmentId` when none does. */
export function OfferPage() {
  const { offerId, assessmentId } = useParams();
  const quote = useQuote({ offerId, assessmentId });
  const q = quote.data;
  usePageTitle(
    q
      ? q.offer
        ? `Your offer: ${formatMoney(q.offer.price)} for your ${q.device.modelName}`
        : `No offer today for your ${q.device.modelName}`
      : isNotFound(quote.error)
        ? 'Offer not found'
        : 'Your offer',
  );

  return (
    <Container>
      <JourneySteps
        current="Offer"
        links={{ Device: '/', Model: q ? `/models/${q.device.modelId}` : undefined, Condition: q ? assessLink(q) : undefined }}
      />
      {quote.isError ? (
        <LoadError error={quote.error} onRetry={() => void quote.refetch()} what={offerId ? 'this offer' : 'this assessment'} />
      ) : !q ? (
        <OfferSkeleton />
      ) : (
        <div className={classes.layout}>
          <div className={classes.offer}>
            {q.offer ? <OfferCard quote={q} offer={q.offer} /> : <NoOfferCard quote={q} />}
          </div>
          <div className={classes.ladder}>
            <OfferLadder quote={q} />
          </div>
          <Paper withBorder p={{ base: 'md', sm: 'lg' }} className={classes.why}>
            <GradeExplanation quote={q} />
          </Paper>
          <div className={classes.history}>
            <Suspense fallback={<Skeleton height={260} />}>
              <PriceHistoryCard variantId={q.device.variantId} grade={q.grade} deviceName={`${q.device.modelName} ${q.device.variantLabel}`} />
            </Suspense>
          </div>
        </div>
      )}
    </Container>
  );
}

function assessLink(q: TQuote): string {
  return `/models/${q.device.modelId}/${q.device.variantId}/assess`;
}

function deviceName(q: TQuote): string {
  return `${q.device.brand} ${q.device.modelName}, ${q.device.variantLabel}`;
}

function OfferCard({ quote, offer }: { quote: TQuote; offer: NonNullable<TQuote['offer']> }) {
  return (
    <Paper withBorder p={{ base: 'md', sm: 'xl' }} shadow="xs">
      <Stack gap="md">
        <div>
          <Text c="dimmed" size="sm" fw={600}>
            {deviceName(quote)}
          </Text>
          <Title order={1} size="h2">
            Your offer
          </Title>
        </div>
        <Group gap="sm" align="center">
          <Text component="p" m={0} fw={800} lh={1} fz={{ base: 44, sm: 56 }} c="brand.9" data-testid="offer-price" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {formatMoney(offer.price)}
          </Text>
          <Badge size="lg" variant="light" data-testid="offer-grade">
            {quote.grade}
          </Badge>
        </Group>
        <Stack gap="xs">
          <Group gap="xs" wrap="nowrap">
            <IconBuildingStore size={20} aria-hidden style={{ flex: 'none' }} />
            <Text>
              Highest offer, from <strong data-testid="refurbisher">{offer.refurbisher.name}</strong>
            </Text>
          </Group>
          <OfferScorecard refurbisherId={offer.refurbisher.id} />
          <Group gap="xs" wrap="nowrap">
            <IconCalendarEvent size={20} aria-hidden style={{ flex: 'none' }} />
            <Text data-testid="ship-by">
              Ship by <strong>{formatMarketDate(offer.shipBy)}</strong>
            </Text>
          </Group>
        </Stack>
        <Divider />
        <Accessories items={quote.device.mandatoryAccessories} />
        <Text size="sm" c="dimmed">
          Free shipping with a prepaid label. After it arrives, the refurbisher checks it within {INSPECTION_BUSINESS_DAYS} business days, and the
          money reaches your bank 3–6 business days after approval.
        </Text>
        <Stack gap="xs">
          {offer.accepted ? (
            <AcceptedOfferNotice quote={quote} offerId={offer.id} />
          ) : (
            <Button component={Link} to={`/offers/${offer.id}/accept`} size="lg" fullWidth>
              Accept offer
            </Button>
          )}
          <Button component={Link} to="/" variant="default" fullWidth>
            Start over
          </Button>
          <Anchor component={Link} to={assessLink(quote)} size="sm" ta="center" mt={4}>
            Change my answers
          </Anchor>
        </Stack>
      </Stack>
    </Paper>
  );
}

function NoOfferCard({ quote }: { quote: TQuote }) {
  const anyOffer = quote.ladder.some((r) => r.price);
  return (
    <Paper withBorder p={{ base: 'md', sm: 'xl' }} shadow="xs">
      <Stack gap="md">
        <ThemeIcon size={44} radius="md" variant="light" color="gray" aria-hidden>
          <IconMoodSad size={26} />
        </ThemeIcon>
        <div>
          <Text c="dimmed" size="sm" fw={600}>
            {deviceName(quote)}
          </Text>
          <Title order={1} size="h2">
            No offer today for this device in {quote.grade} condition
          </Title>
        </div>
        <Text>
          {anyOffer
            ? `No refurbisher is buying it as ${quote.grade} right now. Refurbishers update what they buy often, so check again soon. The prices for other conditions are listed here.`
            : 'No refurbisher is buying this device right now, in any condition. Refurbishers update what they buy often, so check again soon.'}
        </Text>
        <Accessories items={quote.device.mandatoryAccessories} />
        <Stack gap="xs">
          <Button component={Link} to="/" fullWidth>
            Start over
          </Button>
          <Button component={Link} to={assessLink(quote)} variant="default" fullWidth>
            Change my answers
          </Button>
        </Stack>
      </Stack>
    </Paper>
  );
}

function OfferSkeleton() {
  return (
    <Grid gap="xl" aria-busy="true" aria-label="Loading your offer">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Paper withBorder p="xl">
          <Stack gap="md">
            <Skeleton height={16} width="50%" />
            <Skeleton height={28} width="40%" />
            <Skeleton height={56} width="60%" />
            <Skeleton height={16} width="80%" />
            <Skeleton height={48} />
          </Stack>
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Stack gap={6}>
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} height={72} radius="md" />
          ))}
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
