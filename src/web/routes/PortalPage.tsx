import { Alert, Badge, Container, Group, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useSearchParams } from 'react-router';
import { INCOMING_BUCKETS, type IncomingBucket } from '../../shared/api/inspection.ts';
import { LoadError } from '../components/LoadError.tsx';
import { RequireSignIn } from '../features/account/RequireSignIn.tsx';
import { IncomingPanel } from '../features/inspection/IncomingPanel.tsx';
import { ApiKeysPanel } from '../features/refurbisher/ApiKeysPanel.tsx';
import { MembersPanel } from '../features/refurbisher/MembersPanel.tsx';
import { ReceivingAddressSettings } from '../features/refurbisher/ReceivingAddressForm.tsx';
import { portalApi } from '../features/refurbisher/portal-api.ts';
import { WishlistTable } from '../features/refurbisher/WishlistTable.tsx';
import { usePageTitle } from '../usePageTitle.ts';

// The chart library is large: it loads when the tab is opened.
const ScorecardPanel = lazy(() => import('../features/scorecard/ScorecardPanel.tsx'));
const StatementPanel = lazy(() => import('../features/statement/StatementPanel.tsx'));

/** A refurbisher member's home: what their role lets them see, and nothing that does not exist yet. */
export function PortalPage() {
  usePageTitle('Refurbisher portal');
  return (
    <RequireSignIn title="Refurbisher portal" why="Sign in with your refurbisher account.">
      {(session) =>
        session.user.role === 'refurbisher' ? (
          <Portal userId={session.user.id} />
        ) : (
          <Container size="xs">
            <Alert color="yellow" role="alert">
              This page is for refurbisher members.
            </Alert>
          </Container>
        )
      }
    </RequireSignIn>
  );
}

function Portal({ userId }: { userId: string }) {
  const org = useQuery({ queryKey: ['account', 'organisation'], queryFn: portalApi.organisation, staleTime: 30_000 });
  // The tab and the incoming bucket live in the address, so Back from a trade-in returns to them.
  const [params, setParams] = useSearchParams();
  if (org.isError) {
    return (
      <Container size="sm">
        <LoadError error={org.error} onRetry={() => void org.refetch()} what="your organisation" />
      </Container>
    );
  }
  if (!org.data) {
    return (
      <Container>
        <Skeleton height={400} aria-busy="true" aria-label="Loading" />
      </Container>
    );
  }
  const o = org.data;
  const a = o.receivingAddress;
  // An inspector's work is the incoming devices; a buyer's, the wishlist.
  const first = o.can.viewWishlist ? 'wishlist' : o.can.inspect ? 'incoming' : 'members';
  const tabs = ['members', 'settings', 'scorecard', ...(o.can.viewWishlist ? ['wishlist'] : []), ...(o.can.inspect ? ['incoming'] : []), ...(o.can.manageKeys ? ['keys'] : []), ...(o.can.viewStatement ? ['statement'] : [])];
  // A link saved by another role (or an old one) opens this role's first tab.
  const tab = tabs.find((t) => t === params.get('tab')) ?? first;
  const bucketParam = params.get('bucket');
  const bucket: IncomingBucket = INCOMING_BUCKETS.find((b) => b === bucketParam) ?? 'to_inspect';
  const go = (next: { tab?: string; bucket?: IncomingBucket }) =>
    setParams(
      (p) => {
        const q = new URLSearchParams(p);
        if (next.tab) q.set('tab', next.tab);
        if (next.bucket) q.set('bucket', next.bucket);
        return q;
      },
      { replace: true },
    );
  return (
    <Container size="xl">
      <Stack gap="md">
        <Group justify="space-between" align="flex-end">
          <div>
            <Title order={1}>{o.name}</Title>
            <Text size="sm" c="dimmed">
              Receiving: {a.name}, {a.line1}
              {a.line2 ? `, ${a.line2}` : ''}, {a.city}, {a.state} {a.zip}
            </Text>
          </div>
          <Badge size="lg" variant="light" data-testid="my-role">
            {o.role}
          </Badge>
        </Group>
        <Tabs value={tab} onChange={(v) => v && go({ tab: v })} keepMounted={false}>
          <Tabs.List>
            {o.can.viewWishlist && <Tabs.Tab value="wishlist">Wishlist</Tabs.Tab>}
            {o.can.inspect && <Tabs.Tab value="incoming">Incoming</Tabs.Tab>}
            <Tabs.Tab value="members">Members</Tabs.Tab>
            <Tabs.Tab value="scorecard">Scorecard</Tabs.Tab>
            {o.can.viewStatement && <Tabs.Tab value="statement">Statement</Tabs.Tab>}
            {o.can.manageKeys && <Tabs.Tab value="keys">API keys</Tabs.Tab>}
            <Tabs.Tab value="settings">Settings</Tabs.Tab>
          </Tabs.List>
          {o.can.viewWishlist && (
            <Tabs.Panel value="wishlist" pt="md">
              <WishlistTable canEdit={o.can.editWishlist} />
            </Tabs.Panel>
          )}
          {o.can.inspect && (
            <Tabs.Panel value="incoming" pt="md">
              <IncomingPanel bucket={bucket} onBucket={(b) => go({ bucket: b })} />
            </Tabs.Panel>
          )}
          <Tabs.Panel value="members" pt="md">
            <MembersPanel canManage={o.can.manageMembers} myUserId={userId} />
          </Tabs.Panel>
          <Tabs.Panel value="scorecard" pt="md">
            <Suspense fallback={<Skeleton height={360} />}>
              <ScorecardPanel />
            </Suspense>
          </Tabs.Panel>
          {o.can.viewStatement && (
            <Tabs.Panel value="statement" pt="md">
              <Suspense fallback={<Skeleton height={360} />}>
                <StatementPanel />
              </Suspense>
            </Tabs.Panel>
          )}
          {o.can.manageKeys && (
            <Tabs.Panel value="keys" pt="md">
              <ApiKeysPanel />
            </Tabs.Panel>
          )}
          <Tabs.Panel value="settings" pt="md">
            <ReceivingAddressSettings organisation={o} />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </Container>
  );
}
