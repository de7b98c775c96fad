import { sql } from 'kysely';
import type { Executor } from './db/database.ts';

/**
 * Operator flags: work the system gave up on after its retries (a carrier that kept failing),
 * left for a person. One open flag per (kind, subject); raising it again is a no-op.
 */
export interface OperatorFlag {
  id: number;
  kind: string;
  subject: string;
  detail: Record<string, unknown>;
  status: 'open' | 'cleared';
  createdAt: Date;
  updatedAt: Date;
}

export async function raiseOperatorFlag(
  db: Executor,
  f: { kind: string; subject: string; detail?: Record<string, unknown>; now: Date },
): Promise<boolean> {
  const { rows } = await sql<{ id: number }>`
    insert into operator_flags (kind, subject, detail, created_at, updated_at)
    values (${f.kind}, ${f.subject}, ${JSON.stringify(f.detail ?? {})}::jsonb, ${f.now}, ${f.now})
    on conflict (kind, subject) where status = 'open' do nothing
    returning id`.execute(db);
  return rows.length > 0;
}

export async function hasOpenOperatorFlag(db: Executor, kind: string, subject: string): Promise<boolean> {
  const row = await db
    .selectFrom('operator_flags')
    .select('id')
    .where('kind', '=', kind)
    .where('subject', '=', subject)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return row !== undefined;
}

export async function listOperatorFlags(db: Executor, opts: { status?: 'open' | 'cleared' | undefined; limit: number }): Promise<OperatorFlag[]> {
  let q = db.selectFrom('operator_flags').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(opts.limit);
  if (opts.status) q = q.where('status', '=', opts.status);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind,
    subject: r.subject,
    detail: r.detail,
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}
