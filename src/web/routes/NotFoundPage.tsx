import { Container } from '@mantine/core';
import { NotFoundMessage } from '../components/LoadError.tsx';
import { usePageTitle } from '../usePageTitle.ts';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <Container>
      <NotFoundMessage what="that page" />
    </Container>
  );
}
