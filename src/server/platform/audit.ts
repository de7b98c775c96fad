import type { Executor } from './db/database.ts';

/**
 * The audit log: who did what to whom, and why. Append-only (a trigger refuses UPDATE and
 * DELETE). Callers that must not act unless the record exists (revealing a protected field)
 * write it with `recordAudit` on the database itself, outside any transaction, so the row is
 * committed before the act; if the write fails, the act must not happen.
 */
export interface AuditEntry {
  actorId: string;
  /** Dotted verb, e.g. 'seller_field.revealed', 'payout_method.changed'. */
  action: string;
  /** What was acted on, e.g. the seller's user id. */
  subject: string;
  field?: string | null;
  reason?: string | null;
  ip?: string | null;
  at: Date;
}

export interface AuditRecord {
  id: number;
  actorId: string;
  action: string;
  subject: string;
  field: string | null;
  reason: string | null;
  ip: string | null;
  createdAt: Date;
}

export async function recordAudit(db: Executor, e: AuditEntry): Promise<number> {
  const row = await db
    .insertInto('audit_log')
    .values({
      actor_id: e.actorId,
      action: e.action,
      subject: e.subject,
      field: e.field ?? null,
      reason: e.reason ?? null,
      ip: e.ip ?? null,
      created_at: e.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface AuditFilter {
  beforeId?: number | undefined;
  subject?: string | undefined;
  /** One action, e.g. 'seller_field.revealed' (the reveals of protected fields). */
  action?: string | undefined;
}

function auditFiltered(db: Executor, f: AuditFilter) {
  let q = db.selectFrom('audit_log');
  if (f.beforeId !== undefined) q = q.where('id', '<', f.beforeId);
  if (f.subject !== undefined) q = q.where('subject', '=', f.subject);
  if (f.action !== undefined) q = q.where('action', '=', f.action);
  return q;
}

/** Newest first; `beforeId` pages backwards, `offset` pages by position; `limit: null` for the whole filtered log (CSV). */
export async function listAudit(db: Executor, opts: AuditFilter & { limit: number | null; offset?: number | undefined }): Promise<AuditRecord[]> {
  let q = auditFiltered(db, opts)
    .select(['id', 'actor_id as actorId', 'action', 'subject', 'field', 'reason', 'ip', 'created_at as createdAt'])
    .orderBy('id', 'desc');
  if (opts.limit !== null) q = q.limit(opts.limit).offset(opts.offset ?? 0);
  return q.execute();
}

/** How many entries the filter matches (the console's page count). */
export async function countAudit(db: Executor, f: AuditFilter): Promise<number> {
  const { n } = await auditFiltered(db, f)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}
