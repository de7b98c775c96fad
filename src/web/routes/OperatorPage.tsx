import { Alert, Container, Skeleton, Stack, Tabs, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useSearchParams } from 'react-router';
import { RequireSignIn } from '../features/account/RequireSignIn.tsx';
import { usePageTitle } from '../usePageTitle.ts';

// Each tab's code loads when the tab is first opened.
const PayoutsPanel = lazy(() => import('../features/operator/PayoutsPanel.tsx'));
const BatchesPanel = lazy(() => import('../features/operator/BatchesPanel.tsx'));
const ReturnsPanel = lazy(() => import('../features/operator/ReturnsPanel.tsx'));
const TradeInsPanel = lazy(() => import('../features/operator/TradeInsPanel.tsx'));
const RefurbishersPanel = lazy(() => import('../features/operator/RefurbishersPanel.tsx'));
const AuditLogPanel = lazy(() => import('../features/operator/AuditLogPanel.tsx'));
const FlagsSection = lazy(() => import('../features/operator/FlagsSection.tsx').then((m) => ({ default: m.FlagsSection })));
const BlocklistSection = lazy(() => import('../features/operator/BlocklistSection.tsx').then((m) => ({ default: m.BlocklistSection })));

const TABS = [
  { value: 'payouts', label: 'Payouts', Panel: PayoutsPanel },
  { value: 'batches', label: 'Batches', Panel: BatchesPanel },
  { value: 'returns', label: 'Bank returns', Panel: ReturnsPanel },
  { value: 'trade-ins', label: 'Trade-ins', Panel: TradeInsPanel },
  { value: 'flags', label: 'Flags', Panel: FlagsSection },
  { value: 'refurbishers', label: 'Refurbishers', Panel: RefurbishersPanel },
  { value: 'blocklist', label: 'Blocklist', Panel: BlocklistSection },
  { value: 'audit', label: 'Audit log', Panel: AuditLogPanel },
] as const;

/** The operator's home (docs/payouts/operator-console.md): one tab per list, the tab in the address. */
export function OperatorPage() {
  usePageTitle('Operator');
  return (
    <RequireSignIn title="Operator" why="Sign in with an operator account.">
      {(session) =>
        session.user.role === 'operator' ? (
          <OperatorConsole />
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

function OperatorConsole() {
  // The tab lives in the address, so Back and a shared link return to it.
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((t) => t.value === params.get('tab'))?.value ?? 'payouts';
  return (
    <Container size="xl">
      <Stack gap="md">
        <Title order={1}>Operator console</Title>
        <Tabs
          value={tab}
          onChange={(v) =>
            v &&
            setParams(
              (p) => {
                const q = new URLSearchParams(p);
                q.set('tab', v);
                return q;
              },
              { replace: true },
            )
          }
          keepMounted={false}
        >
          <Tabs.List>
            {TABS.map((t) => (
              <Tabs.Tab key={t.value} value={t.value}>
                {t.label}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {TABS.map(({ value, Panel }) => (
            <Tabs.Panel key={value} value={value} pt="md">
              <Suspense fallback={<Skeleton height={300} aria-busy="true" aria-label="Loading" />}>
                <Panel />
              </Suspense>
            </Tabs.Panel>
          ))}
        </Tabs>
      </Stack>
    </Container>
  );
}
