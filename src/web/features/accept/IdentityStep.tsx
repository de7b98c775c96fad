import { Text } from '@mantine/core';
import type { TMe } from '../../../shared/api/accounts.ts';
import { IdentityForm } from '../account/IdentityForm.tsx';
import { CancelEdit, StepCard, StepHeading } from './StepCard.tsx';
import type { AcceptFlow } from './useAcceptFlow.ts';

export function IdentityStep({ flow, me }: { flow: AcceptFlow; me: TMe }) {
  const editing = !!flow.editing;
  return (
    <StepCard>
      <StepHeading headingRef={flow.headingRef} step={flow.step}>
        Confirm who you are
      </StepHeading>
      <Text size="sm" c="dimmed">
        Give your driver’s license number or the last 4 digits of your Social Security number.
      </Text>
      <IdentityForm
        identity={me.identity}
        submitLabel={editing ? 'Save identity' : 'Save and continue'}
        onSaved={() => flow.edit(null)}
        secondary={editing ? <CancelEdit onClick={() => flow.edit(null)} /> : undefined}
      />
    </StepCard>
  );
}
