import { Anchor, Box, Container, Group, Text } from '@mantine/core';
import { Link, Outlet, ScrollRestoration } from 'react-router';
import { Wordmark } from './Wordmark.tsx';
import classes from './Layout.module.css';

export function Layout() {
  return (
    <Box className={classes.shell}>
      <a href="#main" className={classes.skip}>
        Skip to content
      </a>
      <Box component="header" className={classes.header}>
        <Container>
          <Group justify="space-between" h={64} wrap="nowrap">
            <Anchor component={Link} to="/" underline="never" aria-label="Tradeloop home">
              <Wordmark />
            </Anchor>
            <Text size="sm" c="dimmed" visibleFrom="sm">
              Free shipping · Paid in 3–6 business days
            </Text>
          </Group>
        </Container>
      </Box>
      <Box component="main" id="main" className={classes.main} tabIndex={-1}>
        <Outlet />
      </Box>
      <Box component="footer" className={classes.footer}>
        <Container>
          <Group justify="space-between" gap="xs" py="lg">
            <Text size="sm" c="dimmed">
              © {new Date().getFullYear()} Tradeloop · Offers from professional refurbishers, in US dollars.
            </Text>
            <Group gap="md">
              <Anchor component={Link} to="/#how-it-works" size="sm" c="dimmed">
                How it works
              </Anchor>
              <Anchor href="/api/docs" size="sm" c="dimmed">
                API
              </Anchor>
            </Group>
          </Group>
        </Container>
      </Box>
      <ScrollRestoration />
    </Box>
  );
}
