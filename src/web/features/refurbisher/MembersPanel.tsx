import { Alert, Button, Group, Select, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { MEMBER_ROLES, type MemberRole } from '../../../shared/api/refurbishers.ts';
import { ApiError } from '../../api.ts';
import { ConfirmTable } from '../../components/ConfirmTable.tsx';
import { InlineForm } from '../../components/InlineForm.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { portalApi } from './portal-api.ts';

const KEY = ['account', 'members'] as const;
const ROLE_OPTIONS = MEMBER_ROLES.map((r) => ({ value: r, label: r[0]!.toUpperCase() + r.slice(1) }));

/** Who is in the organisation; admins invite, change roles and remove. */
export function MembersPanel({ canManage, myUserId }: { canManage: boolean; myUserId: string }) {
  const queryClient = useQueryClient();
  const members = useQuery({ queryKey: KEY, queryFn: portalApi.members, staleTime: 0 });
  const refresh = () => queryClient.invalidateQueries({ queryKey: KEY });
  const changeRole = useMutation({ mutationFn: (a: { id: string; role: MemberRole }) => portalApi.changeRole(a.id, a.role), onSettled: refresh });
  const remove = useMutation({ mutationFn: portalApi.removeMember, onSettled: refresh });
  const cancel = useMutation({ mutationFn: portalApi.cancelInvitation, onSettled: refresh });
  const failure = changeRole.error ?? remove.error;

  if (members.isError) return <LoadError error={members.error} onRetry={() => void members.refetch()} what="the members" />;
  if (!members.data) return <Skeleton height={200} />;
  return (
    <Stack gap="md">
      {failure && (
        <Alert color="red" role="alert">
          {failure.message}
        </Alert>
      )}
      <ConfirmTable
        testId="members"
        rows={members.data.members}
        columns={[
          { header: 'Name', cell: (m) => `${m.name}${m.userId === myUserId ? ' (you)' : ''}` },
          { header: 'E-mail', cell: (m) => m.email },
          {
            header: 'Role',
            cell: (m) =>
              canManage ? (
                <Select
                  aria-label={`Role of ${m.name}`}
                  size="xs"
                  w={130}
                  data={ROLE_OPTIONS}
                  value={m.role}
                  allowDeselect={false}
                  onChange={(role) => role && changeRole.mutate({ id: m.id, role: role as MemberRole })}
                />
              ) : (
                m.role
              ),
          },
        ]}
        action={
          canManage
            ? {
                label: 'Remove',
                question: (m) => `Remove ${m.name} from the organisation?`,
                run: (m) => remove.mutate(m.id),
                pendingId: remove.isPending ? remove.variables : undefined,
              }
            : undefined
        }
      />
      {canManage && (
        <>
          {members.data.invitations.length > 0 && (
            <Stack gap={4}>
              <Title order={3} size="h5">
                Invited
              </Title>
              {members.data.invitations.map((i) => (
                <Group key={i.id} gap="sm">
                  <Text size="sm">
                    {i.email} · {i.role}
                  </Text>
                  <Button size="compact-xs" variant="subtle" onClick={() => cancel.mutate(i.id)}>
                    Withdraw
                  </Button>
                </Group>
              ))}
            </Stack>
          )}
          <InviteForm onDone={refresh} />
        </>
      )}
    </Stack>
  );
}

function InviteForm({ onDone }: { onDone: () => Promise<void> }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<MemberRole>('buyer');
  const invite = useMutation({
    mutationFn: () => portalApi.invite({ email, role }),
    onSuccess: async () => {
      setEmail('');
      await onDone();
    },
  });
  const fields = invite.error instanceof ApiError ? invite.error.fields : {};
  return (
    <InlineForm
      onSubmit={() => invite.mutate()}
      problem={invite.isError && !fields.email ? invite.error.message : null}
      after={
        invite.isSuccess && (
          <Text size="sm" c="green" role="status" mt={4}>
            Invitation sent to {invite.data.email}.
          </Text>
        )
      }
    >
      <TextInput label="Invite by e-mail" type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={fields.email} style={{ flex: 1 }} />
      <Select label="As" w={130} data={ROLE_OPTIONS} value={role} allowDeselect={false} onChange={(r) => r && setRole(r as MemberRole)} />
      <Button type="submit" loading={invite.isPending}>
        Invite
      </Button>
    </InlineForm>
  );
}
