import { Anchor, Button, Divider, Group, Stack, Text, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import type { TMe } from '../../../shared/api/accounts.ts';
import type { TQuote } from '../../../shared/api/quotes.ts';
import { formatMoney } from '../../../shared/money.ts';
import { describeIdentity, describePayout } from '../account/masked.ts';
import { stateName } from '../account/states.ts';
import { AcceptProblem, isFinal } from './AcceptProblem.tsx';
import type { Offer } from './OfferSummary.tsx';
import { StepCard, StepHeading } from './StepCard.tsx';
import type { Step } from './steps.ts';
import type { AcceptFlow } from './useAcceptFlow.ts';
import { hasImei } from '../../../shared/device-identity.ts';

/** The last step: what will be accepted, with the seller's details masked, and the accept button. */
export function ReviewStep({ flow, quote, offer, me }: { flow: AcceptFlow; quote: TQuote; offer: Offer; me: TMe }) {
  const { accept } = flow;
  return (
    <StepCard>
      <StepHeading headingRef={flow.headingRef} step={flow.step}>
        Review and accept
      </StepHeading>
      <Review quote={quote} offer={offer} me={me} onEdit={flow.edit} />
      <DeviceIdInput flow={flow} quote={quote} />
      <AcceptProblem error={accept.error} quote={quote} onRetry={flow.submitAccept} />
      {!isFinal(accept.error) && (
        <Stack gap={6}>
          <Button size="lg" fullWidth onClick={flow.submitAccept} loading={accept.isPending}>
            Accept offer for {formatMoney(offer.price)}
          </Button>
          <Text size="sm" c="dimmed" ta="center">
            You can cancel for free until the carrier scans the package.
          </Text>
        </Stack>
      )}
    </StepCard>
  );
}

/** The optional IMEI or serial number: checked before a label is issued (an IMEI reported stolen gets none). */
function DeviceIdInput({ flow, quote }: { flow: AcceptFlow; quote: TQuote }) {
  const f = flow.deviceIdField;
  const phoneLike = hasImei(quote.device);
  return (
    <TextInput
      label="IMEI or serial number (optional)"
      description={
        phoneLike
          ? 'Dial *#06# on the device to show its IMEI (or look in Settings → About). The refurbisher checks it against the device.'
          : 'The serial number is in Settings → About, or on a label on the device or its box. The refurbisher checks it against the device.'
      }
      value={f.value}
      onChange={(e) => f.onChange(e.currentTarget.value)}
      onBlur={f.onBlur}
      error={f.error}
      autoComplete="off"
      spellCheck={false}
      maxLength={40}
      data-testid="device-id"
    />
  );
}

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
