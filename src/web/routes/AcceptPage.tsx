import { Alert, Anchor, Badge, Button, Container, Divider, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconAlertTriangle, IconBuildingStore, IconCalendarEvent, IconHandStop, IconInfoCircle, IconRefresh } from '@tabler/icons-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { TQuote } from '../../shared/api/quotes.ts';
import { formatMoney } from '../../shared/money.ts';
import { api, ApiError, isNotFound, isUnauthenticated, newIdempotencyKey, type TMe } from '../api.ts';
import { JourneySteps } from '../components/JourneySteps.tsx';
import { LoadError } from '../components/LoadError.tsx';
import { AuthPanel } from '../features/account/AuthPanel.tsx';
import { IdentityForm } from '../features/account/IdentityForm.tsx';
import { describeIdentity, describePayout } from '../features/account/masked.ts';
import { PayoutForm } from '../features/account/PayoutForm.tsx';
import { ProfileForm } from '../features/account/ProfileForm.tsx';
import { stateName } from '../features/account/states.ts';
import { formatMarketDate } from '../features/quote/format.ts';
import { keys, queryClient, resetAccountData, SESSION_KEYS, useMe, useQuote, useSession } from '../queries.ts';
import { usePageTitle } from '../usePageTitle.ts';

const STEPS = ['Account', 'Details', 'Identity', 'Payout', 'Accept'] as const;
const PAYOUT_LATER_KEY = SESSION_KEYS.payoutLater;
type Step = (typeof STEPS)[number];
type Offer = NonNullable<TQuote['offer']>;

/**
 * Accepting an offer (PRODUCT.md §3): an account, then the seller's details, identity and payout
 * method (which may wait), then the accept itself. Steps already complete (GET /api/me readiness)
 * are skipped, so a returning seller goes straight to "Accept".
 */
export function AcceptPage() {
  const { offerId = '' } = useParams();
  // A new offer (after "the price changed") starts a new flow: new attempt, nothing being edited.
  return <AcceptFlow key={offerId} offerId={offerId} />;
}

function AcceptFlow({ offerId }: { offerId: string }) {
  const navigate = useNavigate();
  const quote = useQuote({ offerId });
  const session = useSession();
  const signedIn = !!session.data;
  const me = useMe(signedIn);
  const [editing, setEditing] = useState<Step | null>(null);
  // "Add later" holds for the browser session: a price change or a reload does not ask again.
  const [payoutLater, setPayoutLaterState] = useState(() => sessionStorage.getItem(PAYOUT_LATER_KEY) === '1');
  const setPayoutLater = (later: boolean) => {
    setPayoutLaterState(later);
    if (later) sessionStorage.setItem(PAYOUT_LATER_KEY, '1');
    else sessionStorage.removeItem(PAYOUT_LATER_KEY);
  };

  // One Idempotency-Key per accept attempt; a retry after a lost answer reuses it, so the server
  // can never make two trade-ins out of one press.
  const attemptKey = useRef<string | null>(null);
  const accept = useMutation({
    mutationFn: (key: string) => api.acceptOffer(offerId, key),
    onSuccess: (tradeIn) => {
      queryClient.setQueryData(keys.tradeIn(tradeIn.id), tradeIn);
      void queryClient.invalidateQueries({ queryKey: keys.tradeIns, exact: true });
      void navigate(`/trade-ins/${tradeIn.id}/accepted`, { replace: true });
    },
    onError: (error) => {
      // No answer, or the server failed: the same attempt may be retried with the same key.
      if (!(error instanceof ApiError) || error.status === 0 || error.status >= 500) return;
      attemptKey.current = null;
      if (error.status === 401) void resetAccountData();
      if (error.code === 'profile_incomplete') void queryClient.invalidateQueries({ queryKey: keys.me });
      const newQuote = newQuoteOf(error);
      if (newQuote?.offer) queryClient.setQueryData(keys.offer(newQuote.offer.id), newQuote);
    },
  });
  const submitAccept = () => {
    attemptKey.current ??= newIdempotencyKey();
    accept.mutate(attemptKey.current);
  };

  const q = quote.data;
  const offer = q?.offer ?? null;
  const step = currentStep({ signedIn, sessionPending: session.isPending, me: me.data, editing, payoutLater });
  usePageTitle(
    offer && q ? `Accept ${formatMoney(offer.price)} for your ${q.device.modelName}` : isNotFound(quote.error) ? 'Offer not found' : 'Accept your offer',
  );

  // Each new step is announced: focus moves to its heading, and the page starts at the top.
  const headingRef = useRef<HTMLHeadingElement>(null);
  const previous = useRef(step);
  useEffect(() => {
    if (previous.current === step) return;
    previous.current = step;
    window.scrollTo({ top: 0 });
    headingRef.current?.focus({ preventScroll: true });
  }, [step]);

  if (quote.isError || (q && !offer)) {
    return (
      <Container size="sm">
        <LoadError error={quote.error ?? new ApiError(404, 'not_found', 'No offer')} onRetry={() => void quote.refetch()} what="this offer" />
      </Container>
    );
  }
  // A 401 here means the session just ended: the session query is asked again and the flow
  // returns to "Account" by itself.
  const meFailed = signedIn && me.isError && !isUnauthenticated(me.error);
  if (session.isError || meFailed) {
    const error = session.error ?? me.error;
    return (
      <Container size="sm">
        <LoadError error={error} onRetry={() => void (session.isError ? session.refetch() : me.refetch())} what="your account" />
      </Container>
    );
  }

  const heading = (text: string) => (
    <Title order={2} size="h3" ref={headingRef} tabIndex={-1} style={{ outline: 'none' }} data-step={step}>
      {text}
    </Title>
  );
  const progressStep: Step = typeof step === 'string' && (STEPS as readonly string[]).includes(step) ? (step as Step) : 'Details';
  const expired = offer?.expired ?? false;

  return (
    <Container size="sm">
      <JourneySteps steps={STEPS} current={progressStep} />
      <Stack gap="lg">
        <Title order={1} size="h2">
          Accept your offer
        </Title>
        {q && offer ? <OfferSummary quote={q} offer={offer} /> : <Skeleton height={120} radius="md" />}

        {accept.error instanceof ApiError && accept.error.code === 'profile_incomplete' && step !== 'Accept' && (
          <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} role="status">
            {accept.error.message}
          </Alert>
        )}

        {expired && offer && q ? (
          <ExpiredNotice quote={q} />
        ) : step === 'loading' || !q || !offer ? (
          <Paper withBorder p="lg" aria-busy="true" aria-label="Loading">
            <Stack gap="sm">
              <Skeleton height={24} width="50%" />
              <Skeleton height={44} />
              <Skeleton height={44} />
            </Stack>
          </Paper>
        ) : step === 'not-seller' ? (
          <StepCard>
            {heading('This account cannot sell devices')}
            <Text>
              You are signed in with a refurbisher or operator account. Sign out, then create a seller account or sign in with
              one to accept this offer.
            </Text>
          </StepCard>
        ) : step === 'underage' ? (
          <UnderageNotice heading={heading('You must be 18 or older to sell')} />
        ) : step === 'Account' ? (
          <StepCard>
            {heading('Create an account or sign in')}
            {accept.error instanceof ApiError && accept.error.status === 401 && (
              <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} role="status">
                Your session ended. Sign in again to accept; your offer is still here.
              </Alert>
            )}
            <Text size="sm" c="dimmed">
              Accepting needs an account, so you can follow your trade-in and we know where to send the money.
            </Text>
            <AuthPanel />
          </StepCard>
        ) : step === 'Details' && me.data ? (
          <StepCard>
            {heading('Your legal name, date of birth and address')}
            <Text size="sm" c="dimmed">
              As on your ID. The address is where the label says the package comes from.
            </Text>
            <ProfileForm
              profile={me.data.profile}
              submitLabel={editing ? 'Save details' : 'Save and continue'}
              onSaved={() => setEditing(null)}
              secondary={editing ? <CancelEdit onClick={() => setEditing(null)} /> : undefined}
            />
          </StepCard>
        ) : step === 'Identity' && me.data ? (
          <StepCard>
            {heading('Confirm who you are')}
            <Text size="sm" c="dimmed">
              Give your driver’s licence number or the last 4 digits of your Social Security number.
            </Text>
            <IdentityForm
              identity={me.data.identity}
              submitLabel={editing ? 'Save identity' : 'Save and continue'}
              onSaved={() => setEditing(null)}
              secondary={editing ? <CancelEdit onClick={() => setEditing(null)} /> : undefined}
            />
          </StepCard>
        ) : step === 'Payout' && me.data ? (
          <StepCard>
            {heading('Where should we send the money?')}
            <Text size="sm" c="dimmed">
              Paid by bank transfer (ACH) to a US account, 3–6 business days after the refurbisher approves your device.
            </Text>
            <PayoutForm
              payoutMethod={me.data.payoutMethod}
              defaultHolder={me.data.profile ? `${me.data.profile.legalName.first} ${me.data.profile.legalName.last}` : ''}
              submitLabel={editing ? 'Save bank details' : 'Save and continue'}
              onSaved={() => {
                setEditing(null);
                setPayoutLater(false);
              }}
              secondary={
                editing ? (
                  <CancelEdit onClick={() => setEditing(null)} />
                ) : (
                  <Button variant="subtle" onClick={() => setPayoutLater(true)}>
                    Add later
                  </Button>
                )
              }
            />
          </StepCard>
        ) : step === 'Accept' && me.data ? (
          <StepCard>
            {heading('Review and accept')}
            <Review
              quote={q}
              offer={offer}
              me={me.data}
              onEdit={(s) => {
                accept.reset();
                setEditing(s);
              }}
            />
            <AcceptProblem error={accept.error} quote={q} onRetry={submitAccept} />
            {!isFinal(accept.error) && (
              <Stack gap={6}>
                <Button size="lg" fullWidth onClick={submitAccept} loading={accept.isPending}>
                  Accept offer for {formatMoney(offer.price)}
                </Button>
                <Text size="sm" c="dimmed" ta="center">
                  You can cancel for free until the carrier scans the package.
                </Text>
              </Stack>
            )}
          </StepCard>
        ) : null}

        <Group justify="center">
          <Anchor component={Link} to={`/offers/${offerId}`} size="sm">
            Back to the offer
          </Anchor>
        </Group>
      </Stack>
    </Container>
  );
}

type StepState = Step | 'loading' | 'underage' | 'not-seller';

function currentStep(s: { signedIn: boolean; sessionPending: boolean; me: TMe | undefined; editing: Step | null; payoutLater: boolean }): StepState {
  if (s.sessionPending) return 'loading';
  if (!s.signedIn) return 'Account';
  if (!s.me) return 'loading';
  if (s.me.user.role !== 'seller') return 'not-seller';
  if (s.editing) return s.editing;
  const r = s.me.readiness;
  if (!r.profileComplete) return 'Details';
  if (!r.isAdult) return 'underage';
  if (!r.identityComplete) return 'Identity';
  if (!r.payoutComplete && !s.payoutLater) return 'Payout';
  return 'Accept';
}

function StepCard({ children }: { children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: 'md', sm: 'xl' }} component="section">
      <Stack gap="md">{children}</Stack>
    </Paper>
  );
}

function CancelEdit({ onClick }: { onClick: () => void }) {
  return (
    <Button variant="subtle" onClick={onClick}>
      Cancel
    </Button>
  );
}

function OfferSummary({ quote, offer }: { quote: TQuote; offer: Offer }) {
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} bg="brand.0" data-testid="offer-summary">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Stack gap={4} miw={0}>
          <Text fw={700}>
            {quote.device.brand} {quote.device.modelName}, {quote.device.variantLabel}
          </Text>
          <Group gap={6} wrap="nowrap">
            <IconBuildingStore size={16} aria-hidden style={{ flex: 'none' }} />
            <Text size="sm">Bought by {offer.refurbisher.name}</Text>
          </Group>
          <Group gap={6} wrap="nowrap">
            <IconCalendarEvent size={16} aria-hidden style={{ flex: 'none' }} />
            <Text size="sm">Ship by {formatMarketDate(offer.shipBy)}</Text>
          </Group>
        </Stack>
        <Stack gap={4} align="flex-end" style={{ flex: 'none' }}>
          <Text fw={800} fz={{ base: 24, sm: 32 }} lh={1} c="brand.9" style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="accept-price">
            {formatMoney(offer.price)}
          </Text>
          <Badge variant="white" color="brand.9">
            {quote.grade}
          </Badge>
        </Stack>
      </Group>
    </Paper>
  );
}

/** What will be accepted, with the seller's details masked, and a way to change each. */
function Review({ quote, offer, me, onEdit }: { quote: TQuote; offer: Offer; me: TMe; onEdit: (step: Step) => void }) {
  const p = me.profile;
  const rows: { label: string; value: ReactNode; step?: Step }[] = [
    { label: 'You sell', value: `${quote.device.brand} ${quote.device.modelName}, ${quote.device.variantLabel} (${quote.grade})` },
    { label: 'For', value: `${formatMoney(offer.price)} from ${offer.refurbisher.name}` },
    {
      label: 'Seller',
      value: p ? `${p.legalName.first} ${p.legalName.last}, ${p.address.city}, ${stateName(p.address.state)}` : '—',
      step: 'Details',
    },
    { label: 'Identity', value: describeIdentity(me.identity), step: 'Identity' },
    {
      label: 'Paid to',
      value: me.payoutMethod ? (
        describePayout(me.payoutMethod)
      ) : (
        <Text span size="sm" fw={600}>
          Not added yet: the payment waits until you add it
        </Text>
      ),
      step: 'Payout',
    },
  ];
  return (
    <Stack gap={0} component="dl" m={0}>
      {rows.map((r, i) => (
        <div key={r.label}>
          {i > 0 && <Divider my="xs" />}
          <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
            <div style={{ minWidth: 0 }}>
              <Text component="dt" size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.04em' }}>
                {r.label}
              </Text>
              <Text component="dd" m={0} size="sm">
                {r.value}
              </Text>
            </div>
            {r.step && (
              <Anchor component="button" type="button" size="sm" onClick={() => onEdit(r.step!)} aria-label={`Change ${r.label.toLowerCase()}`}>
                {r.step === 'Payout' && !me.payoutMethod ? 'Add' : 'Change'}
              </Anchor>
            )}
          </Group>
        </div>
      ))}
    </Stack>
  );
}

const FINAL_CODES = new Set(['offer_changed', 'offer_expired', 'offer_already_accepted', 'not_found', 'seller_underage']);
function isFinal(error: unknown): boolean {
  return error instanceof ApiError && FINAL_CODES.has(error.code);
}

function newQuoteOf(error: ApiError): TQuote | undefined {
  const q = error.details.newQuote;
  return typeof q === 'object' && q !== null && 'offer' in q ? (q as TQuote) : undefined;
}

function AcceptProblem({ error, quote, onRetry }: { error: unknown; quote: TQuote; onRetry: () => void }) {
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
    case 'offer_changed': {
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

function UnderageNotice({ heading }: { heading?: ReactNode }) {
  return (
    <Alert color="red" variant="light" icon={<IconHandStop aria-hidden />} title={heading ? undefined : 'You must be 18 or older to sell'} role="alert">
      <Stack gap="sm" align="flex-start">
        {heading}
        <Text size="sm">
          Tradeloop can only buy devices from adults, so this offer cannot be accepted from this account. A parent or guardian
          can sell the device from their own account.
        </Text>
        <Button component={Link} to="/" size="sm" variant="white" color="red.9">
          Back to the home page
        </Button>
      </Stack>
    </Alert>
  );
}

function ExpiredNotice({ quote }: { quote: TQuote }) {
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title="This offer has expired" role="alert">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">Offers last 21 days. Run the assessment again to see what your device is worth today.</Text>
        <Button component={Link} to={`/models/${quote.device.modelId}/${quote.device.variantId}/assess`} size="sm" variant="white" color="red.9">
          Get a new offer
        </Button>
      </Stack>
    </Alert>
  );
}
