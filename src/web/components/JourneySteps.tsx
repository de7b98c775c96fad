import { Box, Text, UnstyledButton } from '@mantine/core';
import type { CSSProperties } from 'react';
import { Link } from 'react-router';
import classes from './JourneySteps.module.css';

export const JOURNEY = ['Device', 'Model', 'Condition', 'Offer'] as const;
export type JourneyStep = (typeof JOURNEY)[number];

/**
 * Where the seller is on the way to an offer. Finished steps link back when the screen knows where
 * they were; the current one is marked with aria-current for screen readers.
 */
export function JourneySteps<S extends string = JourneyStep>({
  current,
  links = {},
  steps = JOURNEY as unknown as readonly S[],
}: {
  current: NoInfer<S>;
  links?: Partial<Record<NoInfer<S>, string | undefined>>;
  /** The steps of another journey (accepting an offer); the offer journey by default. */
  steps?: readonly S[];
}) {
  const currentIndex = steps.indexOf(current);
  return (
    <Box component="nav" aria-label="Progress" mb="lg">
      <ol className={classes.list} style={{ '--journey-steps': steps.length } as CSSProperties}>
        {steps.map((step, i) => {
          const state = i < currentIndex ? 'done' : i === currentIndex ? 'current' : 'todo';
          const href = state === 'done' ? links[step] : undefined;
          const label = (
            <>
              <span className={classes.bar} />
              <Text component="span" size="xs" fw={state === 'todo' ? 500 : 700} className={classes.label}>
                <span className={classes.number}>{i + 1}.</span> {step}
              </Text>
            </>
          );
          return (
            <li key={step} className={classes.item} data-state={state} aria-current={state === 'current' ? 'step' : undefined}>
              {href ? (
                <UnstyledButton component={Link} to={href} className={classes.link}>
                  {label}
                </UnstyledButton>
              ) : (
                <span className={classes.link}>{label}</span>
              )}
            </li>
          );
        })}
      </ol>
    </Box>
  );
}
