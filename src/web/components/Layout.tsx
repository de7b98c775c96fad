import { Anchor, Box, Container, Group, Text } from '@mantine/core';
import { Link, Outlet, ScrollRestoration } from 'react-router';
import { AccountMenu } from '../features/account/AccountMenu.tsx';
import { useIsDemo } from '../queries.ts';
import { Wordmark } from './Wordmark.tsx';
import classes from './Layout.module.css';

export function Layout() {
  const demo = useIsDemo();
  return (
    <Box className={classes.shell}>
      <a href="#main" className={classes.skip}>
        Skip to content
      </a>
      <Box component="header" className={classes.header}>
        <Container>
          <Group justify="space-between" h={64} wrap="nowrap" gap="xs">
            <Anchor component={Link} to="/" underline="never" aria-label="Tradeloop home" style={{ flex: 'none' }}>
              <Wordmark />
            </Anchor>
            <Group gap="lg" wrap="nowrap">
              <Text size="sm" c="dimmed" visibleFrom="md">
                Free shipping · Paid in 3–6 business days
              </Text>
              <Box component="nav" aria-label="Your account">
                <AccountMenu />
              </Box>
            </Group>
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
              {demo && (
                <Anchor component={Link} to="/dev/mailbox" size="sm" c="dimmed">
                  Demo mailbox
                </Anchor>
              )}
            </Group>
          </Group>
        </Container>
      </Box>
      <ScrollRestoration />
    </Box>
  );
}
