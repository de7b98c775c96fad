import { Button, Paper, Stack, Title } from '@mantine/core';
import type { ReactNode, RefObject } from 'react';
import type { StepState } from './steps.ts';

export function StepCard({ children }: { children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: 'md', sm: 'xl' }} component="section">
      <Stack gap="md">{children}</Stack>
    </Paper>
  );
}

/** The step's heading, which takes the focus when the step changes (see useAcceptFlow). */
export function StepHeading({ children, headingRef, step }: { children: ReactNode; headingRef: RefObject<HTMLHeadingElement | null>; step: StepState }) {
  return (
    <Title order={2} size="h3" ref={headingRef} tabIndex={-1} style={{ outline: 'none' }} data-step={step}>
      {children}
    </Title>
  );
}

export function CancelEdit({ onClick }: { onClick: () => void }) {
  return (
    <Button variant="subtle" onClick={onClick}>
      Cancel
    </Button>
  );
}
