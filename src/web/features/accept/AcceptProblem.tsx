import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle, IconRefresh } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { TQuote } from '../../../shared/api/quotes.ts';
import { formatMoney } from '../../../shared/money.ts';
import { ApiError } from '../../api.ts';
import { UnderageNotice } from './Notices.tsx';
import { newQuoteOf } from './useAcceptFlow.ts';

const FINAL_CODES = new Set(['offer_changed', 'offer_expired', 'offer_already_accepted', 'not_found', 'seller_underage']);

/** After these answers pressing "Accept" again cannot help: the button goes away. */
export function isFinal(error: unknown): boolean {
  return error instanceof ApiError && FINAL_CODES.has(error.code);
}

/** Why the accept did not go through, and what the seller can do next. */
export function AcceptProblem({ error, quote, onRetry }: { error: unknown; quote: TQuote; onRetry: () => void }) {
  if (!error) return null;
  if (!(error instanceof ApiError)) {
    return (
      <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title="Something went wrong" role="alert">
        Please try again.
      </Alert>
    );
  }
  const assess = `/models/${quote.device.modelId}/${quote.device.variantId}/assess`;
  switch (error.code) {
    case 'offer_changed':
      return <PriceChanged error={error} />;
    case 'offer_expired':
      return (
        <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title="This offer has expired" role="alert">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{error.message}</Text>
            <Button component={Link} to={assess} size="sm" variant="white" color="red.9">
              Get a new offer
            </Button>
          </Stack>
        </Alert>
      );
    case 'offer_already_accepted':
      return (
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} title="This offer has already been accepted" role="alert">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">Each offer can be accepted once. If it was you, your trade-in is in “My trade-ins”.</Text>
            <Button component={Link} to="/trade-ins" size="sm" variant="white">
              Go to My trade-ins
            </Button>
          </Stack>
        </Alert>
      );
    case 'seller_underage':
      return <UnderageNotice />;
    case 'device_id_invalid':
      // The field says what to fix.
      return null;
    case 'device_blocklisted':
      return (
        <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title="This device is reported lost or stolen" role="alert" data-testid="device-blocklisted">
          <Text size="sm">{error.message}</Text>
        </Alert>
      );
    case 'not_found':
      return (
        <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title="We could not find this offer" role="alert">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">It may have been withdrawn. Run the assessment again for a new offer.</Text>
            <Button component={Link} to={assess} size="sm" variant="white" color="red.9">
              Get a new offer
            </Button>
          </Stack>
        </Alert>
      );
    default:
      return (
        <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title="We could not accept the offer yet" role="alert">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{error.message}</Text>
            {(error.status === 0 || error.status >= 500) && (
              <Button size="sm" variant="white" color="red.9" onClick={onRetry}>
                Try again
              </Button>
            )}
          </Stack>
        </Alert>
      );
  }
}

/** The wishlist changed since the quote: the server's 409 carries the new best offer, if any. */
function PriceChanged({ error }: { error: ApiError }) {
  const next = newQuoteOf(error);
  return (
    <Alert color="orange" variant="light" icon={<IconRefresh aria-hidden />} title="The price changed" role="alert" styles={{ title: { color: 'var(--mantine-color-text)' } }}>
      <Stack gap="sm">
        {next?.offer ? (
          <>
            <Text size="sm" data-testid="new-offer">
              The refurbisher’s wishlist changed since your quote. New best offer: <strong>{formatMoney(next.offer.price)}</strong> from{' '}
              <strong>{next.offer.refurbisher.name}</strong>.
            </Text>
            <Group gap="sm">
              <Button component={Link} to={`/offers/${next.offer.id}/accept`} size="sm">
                Accept the new offer
              </Button>
              <Button component={Link} to={`/offers/${next.offer.id}`} size="sm" variant="default">
                View the new offer
              </Button>
            </Group>
          </>
        ) : (
          <>
            <Text size="sm">{error.message} No refurbisher buys this device in this condition today.</Text>
            <Button component={Link} to="/" size="sm" variant="default">
              Start over
            </Button>
          </>
        )}
      </Stack>
    </Alert>
  );
}
