import { Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled card of a page, named by its heading for screen readers. */
export function SectionCard({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby={`${id}-heading`}>
      <Title order={2} size="h3" id={`${id}-heading`} mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}
