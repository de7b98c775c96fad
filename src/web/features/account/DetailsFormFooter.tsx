import { Button, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { FormProblem } from './FormProblem.tsx';

/**
 * The end of every seller-details form: what the server refused, the submit button (and the
 * step's secondary action), and the sentence saying how the details are protected.
 */
export function DetailsFormFooter(props: {
  save: { isError: boolean; error: unknown; isPending: boolean };
  other: Record<string, string>;
  problemTitle: string;
  submitLabel: ReactNode;
  /** e.g. a seller under 18: the form explains why and cannot be sent. */
  submitDisabled?: boolean;
  secondary?: ReactNode;
  note: ReactNode;
}) {
  const { save } = props;
  return (
    <>
      {save.isError && <FormProblem error={save.error} other={props.other} title={props.problemTitle} />}
      <Group gap="sm">
        <Button type="submit" loading={save.isPending} disabled={props.submitDisabled}>
          {props.submitLabel}
        </Button>
        {props.secondary}
      </Group>
      <Text size="xs" c="dimmed">
        {props.note}
      </Text>
    </>
  );
}
