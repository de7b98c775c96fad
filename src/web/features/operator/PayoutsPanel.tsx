import { Badge, Select, Text } from '@mantine/core';
import { useState } from 'react';
import { PAYOUT_STATUSES, type TAdminPayout } from '../../../shared/api/payouts.ts';
import { formatMoney } from '../../../shared/money.ts';
import { consoleApi, PAYOUTS_PATH } from './console-api.ts';
import { when } from './flag-copy.ts';
import { PagedList } from './PagedList.tsx';

export const WAITING_REASON_LABELS = {
  no_bank_details: 'No bank details yet',
  next_batch: 'Leaves with the next batch',
  returned_awaiting_correction: 'Returned: waiting for corrected details',
} as const;

const REASONS = [{ value: '', label: 'Any reason' }, ...Object.entries(WAITING_REASON_LABELS).map(([value, label]) => ({ value, label }))];
const STATUSES = [{ value: '', label: 'Any status' }, ...PAYOUT_STATUSES.map((s) => ({ value: s, label: s.replaceAll('_', ' ') }))];

/** Payouts, newest first: which are waiting and why, the masked account, the batch and trace of those sent. */
export default function PayoutsPanel() {
  const [reason, setReason] = useState('');
  const [status, setStatus] = useState('');
  return (
    <PagedList<TAdminPayout>
      what="the payouts"
      testId="payouts"
      path={PAYOUTS_PATH}
      filters={{ reason, status }}
      fetchPage={consoleApi.payouts}
      rowKey={(p) => p.id}
      empty="No payout matches."
      columns={[
        { header: 'Seller', cell: (p) => p.sellerName },
        { header: 'Trade-in', cell: (p) => <Text size="sm" ff="monospace">{p.tradeInId}</Text> },
        { header: 'Amount', cell: (p) => formatMoney(p.amount), align: 'right' },
        { header: 'Status', cell: (p) => <Badge variant="light" data-testid={`payout-status-${p.tradeInId}`}>{p.status.replaceAll('_', ' ')}</Badge> },
        { header: 'Why waiting', cell: (p) => (p.waitingReason ? WAITING_REASON_LABELS[p.waitingReason] : '—') },
        { header: 'Attempt', cell: (p) => p.attempt, align: 'right' },
        { header: 'Account', cell: (p) => p.accountMasked ?? '—' },
        { header: 'Trace', cell: (p) => p.traceNumber ?? '—' },
        { header: 'Return', cell: (p) => p.returnCode ?? '—' },
        { header: 'Created', cell: (p) => when(p.createdAt) },
      ]}
    >
      <Select label="Why waiting" data={REASONS} value={reason} onChange={(v) => setReason(v ?? '')} allowDeselect={false} w={280} />
      <Select label="Status" data={STATUSES} value={status} onChange={(v) => setStatus(v ?? '')} allowDeselect={false} w={200} />
    </PagedList>
  );
}
