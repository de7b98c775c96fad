import { Alert, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { ApiError } from '../../api.ts';
import { AuthPanel } from '../account/AuthPanel.tsx';
import { StepCard, StepHeading } from './StepCard.tsx';
import type { AcceptFlow } from './useAcceptFlow.ts';

export function AccountStep({ flow }: { flow: AcceptFlow }) {
  const error = flow.accept.error;
  return (
    <StepCard>
      <StepHeading headingRef={flow.headingRef} step={flow.step}>
        Create an account or sign in
      </StepHeading>
      {error instanceof ApiError && error.status === 401 && (
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} role="status">
          Your session ended. Sign in again to accept; your offer is still here.
        </Alert>
      )}
      <Text size="sm" c="dimmed">
        Accepting needs an account, so you can follow your trade-in and we know where to send the money.
      </Text>
      <AuthPanel />
    </StepCard>
  );
}
