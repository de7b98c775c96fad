import { Paper, Skeleton, Stack, Text } from '@mantine/core';
import { AccountStep } from './AccountStep.tsx';
import { ConfirmEmailStep } from './ConfirmEmailStep.tsx';
import { DetailsStep } from './DetailsStep.tsx';
import { IdentityStep } from './IdentityStep.tsx';
import { AcceptedOfferNotice } from '../quote/AcceptedOfferNotice.tsx';
import { ExpiredNotice, UnderageNotice } from './Notices.tsx';
import { PayoutStep } from './PayoutStep.tsx';
import { ReviewStep } from './ReviewStep.tsx';
import { StepCard, StepHeading } from './StepCard.tsx';
import type { AcceptFlow } from './useAcceptFlow.ts';

/** The one card the seller works on now: a step, a refusal, or a placeholder while loading. */
export function CurrentStep({ flow }: { flow: AcceptFlow }) {
  const quote = flow.quote.data;
  const offer = flow.offer;
  const me = flow.me.data;
  if (!quote || !offer) return <StepLoading />;
  if (offer.accepted) return <AcceptedOfferNotice quote={quote} offerId={offer.id} />;
  if (flow.expired) return <ExpiredNotice quote={quote} />;
  const heading = (text: string) => (
    <StepHeading headingRef={flow.headingRef} step={flow.step}>
      {text}
    </StepHeading>
  );
  switch (flow.step) {
    case 'loading':
      return <StepLoading />;
    case 'not-seller':
      return (
        <StepCard>
          {heading('This account cannot sell devices')}
          <Text>
            You are signed in with a refurbisher or operator account. Sign out, then create a seller account or sign in with one
            to accept this offer.
          </Text>
        </StepCard>
      );
    case 'underage':
      return <UnderageNotice heading={heading('You must be 18 or older to sell')} />;
    case 'Account':
      return <AccountStep flow={flow} />;
    case 'Details':
      return me ? <DetailsStep flow={flow} me={me} /> : null;
    case 'Identity':
      return me ? <IdentityStep flow={flow} me={me} /> : null;
    case 'Payout':
      return me ? <PayoutStep flow={flow} me={me} /> : null;
    case 'confirm-email':
      return me ? <ConfirmEmailStep flow={flow} me={me} /> : null;
    case 'Accept':
      return me ? <ReviewStep flow={flow} quote={quote} offer={offer} me={me} /> : null;
  }
}

function StepLoading() {
  return (
    <Paper withBorder p="lg" aria-busy="true" aria-label="Loading">
      <Stack gap="sm">
        <Skeleton height={24} width="50%" />
        <Skeleton height={44} />
        <Skeleton height={44} />
      </Stack>
    </Paper>
  );
}
