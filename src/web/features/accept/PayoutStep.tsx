import { Button, Text } from '@mantine/core';
import type { TMe } from '../../../shared/api/accounts.ts';
import { PayoutForm } from '../account/PayoutForm.tsx';
import { CancelEdit, StepCard, StepHeading } from './StepCard.tsx';
import type { AcceptFlow } from './useAcceptFlow.ts';

export function PayoutStep({ flow, me }: { flow: AcceptFlow; me: TMe }) {
  const editing = !!flow.editing;
  return (
    <StepCard>
      <StepHeading headingRef={flow.headingRef} step={flow.step}>
        Where should we send the money?
      </StepHeading>
      <Text size="sm" c="dimmed">
        Paid by bank transfer (ACH) to a US account, 3–6 business days after the refurbisher approves your device.
      </Text>
      <PayoutForm
        payoutMethod={me.payoutMethod}
        defaultHolder={me.profile ? `${me.profile.legalName.first} ${me.profile.legalName.last}` : ''}
        submitLabel={editing ? 'Save bank details' : 'Save and continue'}
        onSaved={() => {
          flow.edit(null);
          flow.setPayoutLater(false);
        }}
        secondary={
          editing ? (
            <CancelEdit onClick={() => flow.edit(null)} />
          ) : (
            <Button variant="subtle" onClick={() => flow.setPayoutLater(true)}>
              Add later
            </Button>
          )
        }
      />
    </StepCard>
  );
}
