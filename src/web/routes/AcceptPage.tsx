import { Alert, Anchor, Container, Group, Skeleton, Stack, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { formatMoney } from '../../shared/money.ts';
import { ApiError, isNotFound, isUnauthenticated } from '../api.ts';
import { JourneySteps } from '../components/JourneySteps.tsx';
import { LoadError } from '../components/LoadError.tsx';
import { CurrentStep } from '../features/accept/CurrentStep.tsx';
import { OfferSummary } from '../features/accept/OfferSummary.tsx';
import { STEPS } from '../features/accept/steps.ts';
import { useAcceptFlow } from '../features/accept/useAcceptFlow.ts';
import { usePageTitle } from '../usePageTitle.ts';

/**
 * Accepting an offer (docs/product.md §3): an account, then the seller's details, identity and payout
 * method (which may wait), then the accept itself. The flow's decisions live in `useAcceptFlow`;
 * each step is its own component under `features/accept/`.
 */
export function AcceptPage() {
  const { offerId = '' } = useParams();
  // A new offer (after "the price changed") starts a new flow: new attempt, nothing being edited.
  return <AcceptFlowPage key={offerId} offerId={offerId} />;
}

function AcceptFlowPage({ offerId }: { offerId: string }) {
  const flow = useAcceptFlow(offerId);
  const { quote, offer, session, me, accept } = flow;
  const q = quote.data;
  usePageTitle(
    offer && q ? `Accept ${formatMoney(offer.price)} for your ${q.device.modelName}` : isNotFound(quote.error) ? 'Offer not found' : 'Accept your offer',
  );

  if (quote.isError || (q && !offer)) {
    return (
      <Container size="sm">
        <LoadError error={quote.error ?? new ApiError(404, 'not_found', 'No offer')} onRetry={() => void quote.refetch()} what="this offer" />
      </Container>
    );
  }
  // A 401 here means the session just ended: the session query is asked again and the flow
  // returns to "Account" by itself.
  const meFailed = !!session.data && me.isError && !isUnauthenticated(me.error);
  if (session.isError || meFailed) {
    const error = session.error ?? me.error;
    return (
      <Container size="sm">
        <LoadError error={error} onRetry={() => void (session.isError ? session.refetch() : me.refetch())} what="your account" />
      </Container>
    );
  }

  return (
    <Container size="sm">
      <JourneySteps steps={STEPS} current={flow.progress} />
      <Stack gap="lg">
        <Title order={1} size="h2">
          Accept your offer
        </Title>
        {q && offer ? <OfferSummary quote={q} offer={offer} /> : <Skeleton height={120} radius="md" />}

        {accept.error instanceof ApiError && accept.error.code === 'profile_incomplete' && flow.step !== 'Accept' && (
          <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} role="status">
            {accept.error.message}
          </Alert>
        )}

        <CurrentStep flow={flow} />

        <Group justify="center">
          <Anchor component={Link} to={`/offers/${offerId}`} size="sm">
            Back to the offer
          </Anchor>
        </Group>
      </Stack>
    </Container>
  );
}
