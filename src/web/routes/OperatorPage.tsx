import { Alert, Button, Container, Grid, Paper, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../api.ts';
import { LoadError } from '../components/LoadError.tsx';
import { FormProblem } from '../features/account/FormProblem.tsx';
import { RequireSignIn } from '../features/account/RequireSignIn.tsx';
import { BlocklistSection } from '../features/operator/BlocklistSection.tsx';
import { FlagsSection } from '../features/operator/FlagsSection.tsx';
import { portalApi } from '../features/refurbisher/portal-api.ts';
import { usePageTitle } from '../usePageTitle.ts';

const EMPTY = { name: '', adminEmail: '', addressName: '', line1: '', line2: '', city: '', state: '', zip: '' };

/** The operator's home: the refurbishers on the platform, opening a new one, and the flags that need a person. */
export function OperatorPage() {
  usePageTitle('Operator');
  return (
    <RequireSignIn title="Operator" why="Sign in with an operator account.">
      {(session) =>
        session.user.role === 'operator' ? (
          <Refurbishers />
        ) : (
          <Container size="xs">
            <Alert color="yellow" role="alert">
              This page is for operators.
            </Alert>
          </Container>
        )
      }
    </RequireSignIn>
  );
}

function Refurbishers() {
  const list = useQuery({ queryKey: ['account', 'admin', 'refurbishers'], queryFn: portalApi.refurbishers, staleTime: 0 });
  return (
    <Container>
      <Stack gap="lg">
        <Title order={1}>Refurbishers</Title>
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 7 }}>
            {list.isError ? (
              <LoadError error={list.error} onRetry={() => void list.refetch()} what="the refurbishers" />
            ) : !list.data ? (
              <Skeleton height={300} aria-busy="true" aria-label="Loading" />
            ) : (
              <Table.ScrollContainer minWidth={480}>
                <Table striped data-testid="refurbisher-list">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Name</Table.Th>
                      <Table.Th>Receiving in</Table.Th>
                      <Table.Th ta="right">Members</Table.Th>
                      <Table.Th ta="right">Invited</Table.Th>
                      <Table.Th ta="right">Wishlist</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {list.data.map((r) => (
                      <Table.Tr key={r.id}>
                        <Table.Td fw={600}>{r.name}</Table.Td>
                        <Table.Td>
                          {r.receivingAddress.city}, {r.receivingAddress.state}
                        </Table.Td>
                        <Table.Td ta="right">{r.members}</Table.Td>
                        <Table.Td ta="right">{r.pendingInvitations}</Table.Td>
                        <Table.Td ta="right">{r.wishlistEntries.toLocaleString('en-US')}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <CreateRefurbisher />
          </Grid.Col>
        </Grid>
        <FlagsSection />
        <BlocklistSection />
      </Stack>
    </Container>
  );
}

function CreateRefurbisher() {
  const queryClient = useQueryClient();
  const [v, setV] = useState(EMPTY);
  const [done, setDone] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () =>
      portalApi.createRefurbisher({
        name: v.name,
        adminEmail: v.adminEmail,
        receivingAddress: { name: v.addressName || `${v.name} Receiving`, line1: v.line1, ...(v.line2 ? { line2: v.line2 } : {}), city: v.city, state: v.state.toUpperCase(), zip: v.zip },
      }),
    onSuccess: async (res) => {
      setDone(`${res.refurbisher.name} is open; ${res.invitation.email} has been invited as its admin.`);
      setV(EMPTY);
      await queryClient.invalidateQueries({ queryKey: ['account', 'admin', 'refurbishers'] });
    },
  });
  const fields = create.error instanceof ApiError ? create.error.fields : {};
  const field = (key: keyof typeof EMPTY, serverKey: string, label: string, extra: Record<string, unknown> = {}) => (
    <TextInput
      label={label}
      value={v[key]}
      onChange={(e) => setV({ ...v, [key]: e.currentTarget.value })}
      error={fields[serverKey]}
      {...extra}
    />
  );
  return (
    <Paper withBorder p="lg">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setDone(null);
          create.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h3">
            Open a refurbisher
          </Title>
          <Text size="sm" c="dimmed">
            Its first admin gets an e-mail invitation and invites the rest of the team.
          </Text>
          {field('name', 'name', 'Refurbisher name', { required: true })}
          {field('adminEmail', 'adminEmail', "First admin's e-mail", { required: true, type: 'email' })}
          {field('line1', 'receivingAddress.line1', 'Receiving address', { required: true })}
          {field('line2', 'receivingAddress.line2', 'Address line 2')}
          <Grid gap="xs">
            <Grid.Col span={6}>{field('city', 'receivingAddress.city', 'City', { required: true })}</Grid.Col>
            <Grid.Col span={2}>{field('state', 'receivingAddress.state', 'State', { required: true, maxLength: 2 })}</Grid.Col>
            <Grid.Col span={4}>{field('zip', 'receivingAddress.zip', 'ZIP', { required: true })}</Grid.Col>
          </Grid>
          {create.isError && <FormProblem error={create.error} title="The refurbisher was not created" />}
          {done && (
            <Alert color="green" role="status">
              {done}
            </Alert>
          )}
          <Button type="submit" loading={create.isPending}>
            Open and invite
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
