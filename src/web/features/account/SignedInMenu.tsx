import { Anchor, Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconChevronDown, IconLogout, IconPackage, IconSettings } from '@tabler/icons-react';
import { Link, NavLink, useNavigate } from 'react-router';
import { api, type SessionInfo } from '../../api.ts';
import { resetAccountData } from '../../queries.ts';
import { homeOf } from './home.ts';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase() || '?';
}

/** The role's home ("My trade-ins", the portal, the operator page), and the user's name opening a menu. */
export function SignedInMenu({ user }: { user: SessionInfo['user'] }) {
  const home = homeOf(user);
  const seller = home.path === '/trade-ins';
  const navigate = useNavigate();
  const signOut = useMutation({
    mutationFn: api.signOut,
    onSettled: async () => {
      await resetAccountData();
      void navigate('/');
    },
  });

  return (
    <Group gap={4} wrap="nowrap">
      {/* NavLink marks the current page (aria-current) for screen readers. */}
      <Anchor component={NavLink} to={home.path} end fw={600} size="sm" px={8} py={6} style={{ whiteSpace: 'nowrap' }}>
        {home.label}
      </Anchor>
      <Menu position="bottom-end" width={240} shadow="md">
        <Menu.Target>
          <UnstyledButton aria-label={`Account: ${user.name}`} px={6} py={4} style={{ borderRadius: 'var(--mantine-radius-md)' }}>
            <Group gap={6} wrap="nowrap">
              <Avatar size={32} radius="xl" color="brand" variant="light" aria-hidden>
                {initials(user.name)}
              </Avatar>
              <Text size="sm" fw={600} visibleFrom="sm" maw={160} truncate="end" data-testid="header-user-name">
                {user.name}
              </Text>
              <IconChevronDown size={16} aria-hidden />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            <Text size="sm" fw={600} c="var(--mantine-color-text)" truncate="end">
              {user.name}
            </Text>
            <Text size="xs" c="dimmed" truncate="end">
              {user.email}
            </Text>
          </Menu.Label>
          <Menu.Divider />
          <Menu.Item component={Link} to={home.path} leftSection={<IconPackage size={16} aria-hidden />}>
            {home.label}
          </Menu.Item>
          {seller && (
            <Menu.Item component={Link} to="/settings" leftSection={<IconSettings size={16} aria-hidden />}>
              Settings
            </Menu.Item>
          )}
          <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={() => signOut.mutate()} disabled={signOut.isPending}>
            Sign out
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}
