import { Alert, Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { IconBuildingBank } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { TPayoutChangeNotice } from '../../../shared/api/payouts.ts';
import { ApiError, request } from '../../api.ts';
import { keys, queryClient } from '../../queries.ts';
import { formatMarketDate } from '../quote/format.ts';

const NOTICES_KEY = ['payout-change-notices'] as const;
const enc = encodeURIComponent;

const noticesApi = {
  list: () => request<{ items: TPayoutChangeNotice[] }>('/api/me/payout-change-notices'),
  confirm: (id: string, currentPassword: string) => request<void>(`/api/me/payout-change-notices/${enc(id)}/confirm`, { method: 'POST', body: { currentPassword } }),
  dismiss: (id: string) => request<void>(`/api/me/payout-change-notices/${enc(id)}/dismiss`, { method: 'POST', body: {} }),
};

/** What the bank proposes, in words; numbers only masked (last 4 at most), as the server sends them. */
function proposal(n: TPayoutChangeNotice): string {
  const parts = [
    n.proposed.routingMasked && `routing number ${n.proposed.routingMasked}`,
    n.proposed.accountMasked && `account number ${n.proposed.accountMasked}`,
    n.proposed.accountType && `a ${n.proposed.accountType} account`,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'a correction to your account holder name';
}

/**
 * docs/payouts/returns.md: the seller's bank said their details changed (a notification of change).
 * Shown on Settings to confirm with the password, or dismiss; never applied without the seller.
 */
export function ChangeNotices() {
  const notices = useQuery({ queryKey: NOTICES_KEY, queryFn: noticesApi.list, staleTime: 30_000 });
  const items = notices.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Stack gap="sm" data-testid="change-notices">
      {items.map((n) => (
        <Notice key={n.id} notice={n} />
      ))}
    </Stack>
  );
}

function Notice({ notice: n }: { notice: TPayoutChangeNotice }) {
  const [password, setPassword] = useState('');
  const done = () => {
    void queryClient.invalidateQueries({ queryKey: NOTICES_KEY });
    void queryClient.invalidateQueries({ queryKey: keys.me });
  };
  const confirm = useMutation({ mutationFn: () => noticesApi.confirm(n.id, password), onSuccess: done });
  const dismiss = useMutation({ mutationFn: () => noticesApi.dismiss(n.id), onSuccess: done });
  const error = confirm.error ?? dismiss.error;
  const passwordError = error instanceof ApiError ? error.fields.currentPassword : undefined;

  return (
    <Alert
      color="blue"
      variant="light"
      icon={<IconBuildingBank aria-hidden />}
      title="Your bank updated your account details"
      styles={{ title: { color: 'var(--mantine-color-text)' } }}
      data-testid="change-notice"
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          confirm.mutate();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            On {formatMarketDate(n.receivedAt)} your bank told us that future payments should go to {proposal(n)} (bank code {n.code}). We have not changed
            anything: confirm it with your password to use it from now on, or dismiss it if it looks wrong.
          </Text>
          <PasswordInput
            label="Your Tradeloop password"
            autoComplete="current-password"
            required
            maw={360}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={passwordError}
          />
          {error && !passwordError && (
            <Text size="sm" c="red.9" role="alert">
              {error.message}
            </Text>
          )}
          <Group gap="sm">
            <Button type="submit" size="sm" loading={confirm.isPending} disabled={!password}>
              Use the updated details
            </Button>
            <Button type="button" size="sm" variant="default" loading={dismiss.isPending} onClick={() => dismiss.mutate()}>
              Dismiss
            </Button>
          </Group>
        </Stack>
      </form>
    </Alert>
  );
}
