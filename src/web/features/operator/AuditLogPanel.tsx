import { Code, Select } from '@mantine/core';
import { useState } from 'react';
import type { TAuditPage } from '../../../shared/api/accounts.ts';
import { AUDIT_PATH, consoleApi } from './console-api.ts';
import { when } from './flag-copy.ts';
import { PagedList } from './PagedList.tsx';

const ACTIONS = [
  { value: 'seller_field.revealed', label: 'Protected-field reveals' },
  { value: '', label: 'Every action' },
];

/** The audit log, newest first: by default the reveals of protected seller fields (who, whose, which field, why, from where). */
export default function AuditLogPanel() {
  const [action, setAction] = useState('seller_field.revealed');
  return (
    <PagedList<TAuditPage['entries'][number]>
      what="the audit log"
      testId="audit-log"
      path={AUDIT_PATH}
      filters={{ action }}
      fetchPage={consoleApi.auditLog}
      rowKey={(e) => e.id}
      empty="Nothing in the audit log matches."
      columns={[
        { header: 'When', cell: (e) => when(e.createdAt) },
        { header: 'Who', cell: (e) => <Code>{e.actorId}</Code> },
        { header: 'Action', cell: (e) => e.action },
        { header: 'Subject', cell: (e) => <Code>{e.subject}</Code> },
        { header: 'Field', cell: (e) => e.field ?? '—' },
        { header: 'Reason', cell: (e) => e.reason ?? '—' },
        { header: 'From', cell: (e) => e.ip ?? '—' },
      ]}
    >
      <Select label="Action" data={ACTIONS} value={action} onChange={(v) => setAction(v ?? '')} allowDeselect={false} w={260} />
    </PagedList>
  );
}
