import { Badge, SegmentedControl, Select, Text } from '@mantine/core';
import { useState } from 'react';
import type { TAdminTradeIn } from '../../../shared/api/operator-console.ts';
import { formatMoney } from '../../../shared/money.ts';
import { STATUS_LABEL, TRADE_IN_STATUSES } from '../../../shared/trade-in-machine.ts';
import { consoleApi, TRADE_INS_PATH } from './console-api.ts';
import { when } from './flag-copy.ts';
import { PagedList } from './PagedList.tsx';

const DEADLINE_LABELS: Record<NonNullable<TAdminTradeIn['deadline']>['kind'], string> = {
  ship_by: 'Seller ships by',
  inspection_due: 'Inspection due',
  counteroffer_expires: 'Counteroffer expires',
  lock_hold_expires: 'Lock hold expires',
  return_ship_by: 'Return ships by',
};

const STATUSES = [{ value: '', label: 'Any status' }, ...TRADE_IN_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))];

/** Trade-ins by status and by the deadline each waits on, soonest first; the overdue ones on their own. */
export default function TradeInsPanel() {
  const [status, setStatus] = useState('');
  const [overdue, setOverdue] = useState('');
  const [sort, setSort] = useState('deadline');
  return (
    <PagedList<TAdminTradeIn>
      what="the trade-ins"
      testId="trade-ins"
      path={TRADE_INS_PATH}
      filters={{ status, overdue, sort }}
      fetchPage={consoleApi.tradeIns}
      rowKey={(t) => t.id}
      empty="No trade-in matches."
      columns={[
        { header: 'Trade-in', cell: (t) => <Text size="sm" ff="monospace">{t.id}</Text> },
        { header: 'Status', cell: (t) => STATUS_LABEL[t.status] },
        { header: 'Price', cell: (t) => formatMoney(t.price), align: 'right' },
        { header: 'Deadline', cell: (t) => (t.deadline ? `${DEADLINE_LABELS[t.deadline.kind]} ${when(t.deadline.at)}` : '—') },
        { header: '', cell: (t) => (t.overdue ? <Badge color="red">Overdue</Badge> : null) },
        { header: 'Accepted', cell: (t) => when(t.acceptedAt) },
      ]}
    >
      <Select label="Status" data={STATUSES} value={status} onChange={(v) => setStatus(v ?? '')} allowDeselect={false} w={220} />
      <SegmentedControl
        aria-label="Deadline"
        value={overdue}
        onChange={setOverdue}
        data={[
          { value: '', label: 'All' },
          { value: 'true', label: 'Overdue' },
          { value: 'false', label: 'On time' },
        ]}
      />
      <SegmentedControl
        aria-label="Order"
        value={sort}
        onChange={setSort}
        data={[
          { value: 'deadline', label: 'Soonest deadline' },
          { value: 'newest', label: 'Newest' },
        ]}
      />
    </PagedList>
  );
}
