import { Alert, Button, Code, CopyButton, Group, Select, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { MEMBER_ROLES, type MemberRole } from '../../../shared/api/refurbishers.ts';
import { ConfirmTable } from '../../components/ConfirmTable.tsx';
import { InlineForm } from '../../components/InlineForm.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { portalApi } from './portal-api.ts';

const KEY = ['account', 'api-keys'] as const;
const when = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

/** API keys for the organisation's own systems: the secret is shown once, right after creation. */
export function ApiKeysPanel() {
  const queryClient = useQueryClient();
  const keys = useQuery({ queryKey: KEY, queryFn: portalApi.apiKeys, staleTime: 0 });
  const [name, setName] = useState('');
  const [role, setRole] = useState<MemberRole>('buyer');
  const create = useMutation({
    mutationFn: () => portalApi.createApiKey({ name, role }),
    onSuccess: async () => {
      setName('');
      await queryClient.invalidateQueries({ queryKey: KEY });
    },
  });
  const revoke = useMutation({ mutationFn: portalApi.revokeApiKey, onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }) });
  if (keys.isError) return <LoadError error={keys.error} onRetry={() => void keys.refetch()} what="the API keys" />;
  if (!keys.data) return <Skeleton height={160} />;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        Send a key as <Code>Authorization: Bearer …</Code> to the refurbisher API (see the API docs). A key acts with its role, and cannot manage members or keys.
      </Text>
      {create.data && (
        <Alert color="green" title="Copy this key now: it will not be shown again" role="status">
          <Group gap="sm">
            <Code data-testid="new-api-key">{create.data.secret}</Code>
            <CopyButton value={create.data.secret}>
              {({ copied, copy }) => (
                <Button size="compact-xs" onClick={copy}>
                  {copied ? 'Copied' : 'Copy'}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Alert>
      )}
      <ConfirmTable
        rows={keys.data}
        columns={[
          { header: 'Name', cell: (k) => k.name },
          { header: 'Key', cell: (k) => <Code>{k.prefix}</Code> },
          { header: 'Role', cell: (k) => k.role },
          { header: 'Last used', cell: (k) => (k.lastUsedAt ? when.format(new Date(k.lastUsedAt)) : 'never') },
        ]}
        action={{
          label: 'Revoke',
          question: (k) => `Revoke “${k.name}”? Systems using it are refused at once.`,
          run: (k) => revoke.mutate(k.id),
          pendingId: revoke.isPending ? revoke.variables : undefined,
          settled: (k) =>
            k.revokedAt ? (
              <Text size="xs" c="dimmed">
                revoked
              </Text>
            ) : null,
        }}
      />
      <InlineForm onSubmit={() => create.mutate()} problem={create.error?.message}>
        <TextInput label="New key name" placeholder="e.g. stock system" value={name} onChange={(e) => setName(e.currentTarget.value)} style={{ flex: 1 }} />
        <Select label="Role" w={130} data={[...MEMBER_ROLES]} value={role} allowDeselect={false} onChange={(r) => r && setRole(r as MemberRole)} />
        <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
          Create key
        </Button>
      </InlineForm>
    </Stack>
  );
}
