import { Box, Text, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';
import classes from './JourneySteps.module.css';

export const JOURNEY = ['Device', 'Model', 'Condition', 'Offer'] as const;
export type JourneyStep = (typeof JOURNEY)[number];

/**
 * Where the seller is on the way to an offer. Finished steps link back when the screen knows where
 * they were; the current one is marked with aria-current for screen readers.
 */
export function JourneySteps({ current, links = {} }: { current: JourneyStep; links?: Partial<Record<JourneyStep, string>> }) {
  const currentIndex = JOURNEY.indexOf(current);
  return (
    <Box component="nav" aria-label="Progress" mb="lg">
      <ol className={classes.list}>
        {JOURNEY.map((step, i) => {
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
