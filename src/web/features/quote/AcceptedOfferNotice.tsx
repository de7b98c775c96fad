import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { TQuote } from '../../../shared/api/quotes.ts';
import { useSession, useTradeIns } from '../../queries.ts';

/**
 * An offer a trade-in was already made from: nothing to accept any more. Its seller is sent to
 * the trade-in; anyone else (another account, nobody signed in) to a new quote for the device.
 */
export function AcceptedOfferNotice({ quote, offerId }: { quote: TQuote; offerId: string }) {
  const session = useSession();
  const signedIn = !!session.data?.user;
  const tradeIns = useTradeIns(signedIn);
  const mine = tradeIns.data?.find((t) => t.offerId === offerId);
  return (
    <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} title="This offer has been accepted" data-testid="offer-accepted">
      <Stack gap="sm" align="flex-start">
        {mine ? (
          <>
            <Text size="sm">You accepted it: your trade-in is under way.</Text>
            <Button component={Link} to={`/trade-ins/${mine.id}`} size="sm">
              See your trade-in
            </Button>
          </>
        ) : (
          <>
            <Text size="sm">A trade-in was already made from it, so it cannot be accepted again. Your device gets an offer of its own.</Text>
            <Button component={Link} to={`/models/${quote.device.modelId}/${quote.device.variantId}/assess`} size="sm" variant="default">
              Get a new offer
            </Button>
          </>
        )}
      </Stack>
    </Alert>
  );
}
