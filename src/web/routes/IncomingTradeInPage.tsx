import { Alert, Badge, Container, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { INCOMING_BUCKET_LABEL } from '../../shared/api/inspection.ts';
import { STATUS_LABEL } from '../../shared/trade-in-machine.ts';
import { isNotFound } from '../api.ts';
import { Crumbs } from '../components/Crumbs.tsx';
import { LoadError } from '../components/LoadError.tsx';
import { SectionCard } from '../components/SectionCard.tsx';
import { RequireSignIn } from '../features/account/RequireSignIn.tsx';
import { categoryOf } from '../features/inspection/answer-labels.ts';
import { DeclaredSummary } from '../features/inspection/DeclaredSummary.tsx';
import { ErasureCertificateCard } from '../features/inspection/ErasureCertificateCard.tsx';
import { ErasureForm } from '../features/inspection/ErasureForm.tsx';
import { CounterofferStatus, LockHoldStatus } from '../features/inspection/HoldStatus.tsx';
import { inspectionApi, inspectionKeys } from '../features/inspection/inspection-api.ts';
import { InspectionForm } from '../features/inspection/InspectionForm.tsx';
import { InspectionRecordView } from '../features/inspection/InspectionRecordView.tsx';
import { ReturnShipmentView } from '../features/inspection/ReturnShipmentView.tsx';
import { MessageThread } from '../features/messages/MessageThread.tsx';
import { usePageTitle } from '../usePageTitle.ts';
import classes from './TradeInPage.module.css';

/** One incoming trade-in in the portal: what was declared, the inspection, what followed, and the messages. */
export function IncomingTradeInPage() {
  return (
    <RequireSignIn title="Incoming trade-in" why="Sign in with your refurbisher account.">
      {() => <IncomingTradeIn />}
    </RequireSignIn>
  );
}

function IncomingTradeIn() {
  const { tradeInId = '' } = useParams();
  const detail = useQuery({
    queryKey: inspectionKeys.detail(tradeInId),
    queryFn: () => inspectionApi.detail(tradeInId),
    staleTime: 0,
    // The seller answers, the carrier scans, the deadline passes: followed while the page is open.
    refetchInterval: (q) => (q.state.status === 'error' ? false : 10_000),
  });
  const d = detail.data;
  usePageTitle(d ? `${d.device.modelName}: incoming` : isNotFound(detail.error) ? 'Trade-in not found' : 'Incoming trade-in');

  if (detail.isError && !d) {
    return (
      <Container>
        <LoadError error={detail.error} onRetry={() => void detail.refetch()} what="this trade-in" />
      </Container>
    );
  }
  const crumbs = <Crumbs items={[{ label: 'Incoming', to: `/portal?tab=incoming${d?.bucket ? `&bucket=${d.bucket}` : ''}` }, { label: d ? d.device.modelName : '…' }]} />;
  if (!d) {
    return (
      <Container>
        {crumbs}
        <Stack gap="md" aria-busy="true" aria-label="Loading the trade-in">
          <Skeleton height={120} />
          <Skeleton height={300} />
        </Stack>
      </Container>
    );
  }
  const category = categoryOf(d.device.categoryId);
  const approved = d.status === 'approved' || d.status === 'paid' || d.status === 'payout_on_hold';
  return (
    <Container size="xl">
      {crumbs}
      <Stack gap="lg">
        <Paper withBorder p={{ base: 'md', sm: 'lg' }}>
          <Group justify="space-between" align="flex-start" wrap="wrap">
            <div>
              <Text c="dimmed" fw={600} size="sm">
                {d.device.brand} · {d.device.variantLabel}
              </Text>
              <Title order={1}>{d.device.modelName}</Title>
            </div>
            <Group gap="xs">
              <Badge size="lg" variant="light" data-testid="incoming-status">
                {STATUS_LABEL[d.status]}
              </Badge>
              {d.bucket && (
                <Badge size="lg" variant="outline" color={d.bucket === 'overdue' ? 'red' : 'gray'}>
                  {INCOMING_BUCKET_LABEL[d.bucket]}
                </Badge>
              )}
              {d.awaitingReply && (
                <Badge size="lg" color="orange">
                  Reply awaited
                </Badge>
              )}
            </Group>
          </Group>
        </Paper>
        <div className={classes.layout}>
          <Stack gap="lg">
            {d.can.inspect &&
              (category ? (
                <InspectionForm key={d.inspections.length} detail={d} category={category} />
              ) : (
                <Alert color="red">This device’s category has no questionnaire here; inspect it through the API.</Alert>
              ))}
            {d.counteroffer && (
              <SectionCard title="Counteroffer" id="counteroffer">
                <CounterofferStatus counteroffer={d.counteroffer} />
              </SectionCard>
            )}
            {d.lockHold && d.status === 'account_locked' && (
              <SectionCard title="Lock hold" id="lock-hold">
                <LockHoldStatus hold={d.lockHold} />
              </SectionCard>
            )}
            {d.returnShipment && (
              <SectionCard title="Return to the seller" id="return">
                <ReturnShipmentView shipment={d.returnShipment} labelUrl={d.returnShipment.labelUrl ?? (d.returnShipment.trackingNumber ? inspectionApi.returnLabelUrl(d.id) : null)} who="refurbisher" />
              </SectionCard>
            )}
            {(d.erasure || (approved && d.can.recordErasure)) && (
              <SectionCard title="Data erasure" id="erasure">
                {d.erasure ? <ErasureCertificateCard certificate={d.erasure} pdfUrl={d.erasure.pdfUrl} /> : <ErasureForm tradeInId={d.id} />}
              </SectionCard>
            )}
            {d.inspections.length > 0 && (
              <SectionCard title={d.inspections.length > 1 ? 'Inspections' : 'Inspection'} id="inspections">
                <Stack gap="xl">
                  {[...d.inspections].reverse().map((r) => (
                    <InspectionRecordView key={r.id} record={r} categoryId={d.device.categoryId} />
                  ))}
                </Stack>
              </SectionCard>
            )}
          </Stack>
          <Stack gap="lg">
            <SectionCard title="What the seller declared" id="declared">
              <DeclaredSummary detail={d} />
            </SectionCard>
            <SectionCard title="Messages with the seller" id="messages">
              <MessageThread tradeInId={d.id} side="refurbisher" otherParty={d.seller.firstName} />
            </SectionCard>
          </Stack>
        </div>
      </Stack>
    </Container>
  );
}
