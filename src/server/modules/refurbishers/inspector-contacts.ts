import type { Executor } from '../../platform/db/database.ts';
import { findRefurbisher, listMembers } from './refurbishers.repository.ts';

/** Where news about an incoming device goes: the e-mail addresses of the organisation's admins and inspectors. */
export async function findInspectorEmails(db: Executor, refurbisherId: string): Promise<string[]> {
  const refurbisher = await findRefurbisher(db, refurbisherId);
  if (!refurbisher?.organizationId) return [];
  const members = await listMembers(db, refurbisher.organizationId);
  return [...new Set(members.filter((m) => m.role === 'admin' || m.role === 'inspector').map((m) => m.email))];
}
