import { Text } from '@mantine/core';
import type { TMe } from '../../../shared/api/accounts.ts';
import { ProfileForm } from '../account/ProfileForm.tsx';
import { CancelEdit, StepCard, StepHeading } from './StepCard.tsx';
import type { AcceptFlow } from './useAcceptFlow.ts';

export function DetailsStep({ flow, me }: { flow: AcceptFlow; me: TMe }) {
  const editing = !!flow.editing;
  return (
    <StepCard>
      <StepHeading headingRef={flow.headingRef} step={flow.step}>
        Your legal name, date of birth and address
      </StepHeading>
      <Text size="sm" c="dimmed">
        As on your ID. The address is where the label says the package comes from.
      </Text>
      <ProfileForm
        profile={me.profile}
        submitLabel={editing ? 'Save details' : 'Save and continue'}
        onSaved={() => flow.edit(null)}
        secondary={editing ? <CancelEdit onClick={() => flow.edit(null)} /> : undefined}
      />
    </StepCard>
  );
}
