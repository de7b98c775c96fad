import type { OperatorFlagKind, TOperatorFlag } from '../../shared/api/operator-flags.ts';
import { recordAudit } from './audit.ts';
import type { Clock } from './clock.ts';
import type { Db, Executor } from './db/database.ts';
import { AppError } from './errors.ts';

/** What operators do with flags (operator-flags.ts raises them): read the list, clear one with a note. */

const COLUMNS = [
  'id',
  'kind',
  'trade_in_id as tradeInId',
  'user_ids as userIds',
  'details',
  'created_at as createdAt',
  'updated_at as updatedAt',
  'cleared_at as clearedAt',
  'cleared_by as clearedBy',
  'cleared_note as clearedNote',
] as const;

type FlagRow = {
  id: number;
  kind: OperatorFlagKind;
  tradeInId: string | null;
  userIds: string[];
  details: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
  clearedAt: Date | null;
  clearedBy: string | null;
  clearedNote: string | null;
};

function present(r: FlagRow): TOperatorFlag {
  return {
    ...r,
    id: Number(r.id),
    status: r.clearedAt ? 'cleared' : 'open',
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    clearedAt: r.clearedAt ? r.clearedAt.toISOString() : null,
    // The kind and its details were written together by raiseOperatorFlag, typed by kind.
  } as TOperatorFlag;
}

export interface FlagListQuery {
  status?: 'open' | 'cleared' | undefined;
  kind?: OperatorFlagKind | undefined;
  limit: number;
  /** The last flag of the previous page. */
  after?: { status: 'open' | 'cleared'; id: number } | undefined;
}

/** Open flags first, newest first within each status; `nextCursor` names the last one when there may be more. */
export async function listOperatorFlags(db: Executor, q: FlagListQuery): Promise<{ flags: TOperatorFlag[]; nextCursor: string | null }> {
  let query = db
    .selectFrom('operator_flags')
    .select(COLUMNS)
    .orderBy((eb) => eb('cleared_at', 'is not', null))
    .orderBy('id', 'desc')
    .limit(q.limit);
  if (q.status === 'open') query = query.where('cleared_at', 'is', null);
  if (q.status === 'cleared') query = query.where('cleared_at', 'is not', null);
  if (q.kind) query = query.where('kind', '=', q.kind);
  const after = q.after;
  if (after?.status === 'open') {
    query = query.where((eb) => eb.or([eb.and([eb('cleared_at', 'is', null), eb('id', '<', after.id)]), eb('cleared_at', 'is not', null)]));
  } else if (after?.status === 'cleared') {
    query = query.where('cleared_at', 'is not', null).where('id', '<', after.id);
  }
  const flags = (await query.execute()).map(present);
  const last = flags[flags.length - 1];
  return { flags, nextCursor: flags.length === q.limit && last ? `${last.status}:${last.id}` : null };
}

/** Every flag the filter matches, in the list's order (the CSV export). */
export async function listAllOperatorFlags(db: Executor, q: Pick<FlagListQuery, 'status' | 'kind'>): Promise<TOperatorFlag[]> {
  let query = db
    .selectFrom('operator_flags')
    .select(COLUMNS)
    .orderBy((eb) => eb('cleared_at', 'is not', null))
    .orderBy('id', 'desc');
  if (q.status === 'open') query = query.where('cleared_at', 'is', null);
  if (q.status === 'cleared') query = query.where('cleared_at', 'is not', null);
  if (q.kind) query = query.where('kind', '=', q.kind);
  return (await query.execute()).map(present);
}

/** How many flags the filter matches (all pages). */
export async function countOperatorFlags(db: Executor, q: Pick<FlagListQuery, 'status' | 'kind'>): Promise<number> {
  let query = db.selectFrom('operator_flags').select((eb) => eb.fn.countAll<string | number>().as('n'));
  if (q.status === 'open') query = query.where('cleared_at', 'is', null);
  if (q.status === 'cleared') query = query.where('cleared_at', 'is not', null);
  if (q.kind) query = query.where('kind', '=', q.kind);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

export interface ClearFlagDeps {
  db: Db;
  /** An operator's act happens in real time, like every audit log entry (the demo clock never moves it). */
  securityClock: Clock;
}

/**
 * Clears an open flag with who, when and why, and writes the same to the audit log, in one
 * transaction. The update is a compare-and-set on "still open": of two operators clearing at
 * once, one wins and the other is told who cleared it first (409 flag_already_cleared).
 */
export async function clearOperatorFlag(deps: ClearFlagDeps, c: { id: number; actorId: string; note: string; ip: string | null }): Promise<TOperatorFlag> {
  const at = deps.securityClock.now();
  return deps.db.transaction().execute(async (trx) => {
    const cleared = await trx
      .updateTable('operator_flags')
      .set({ cleared_at: at, cleared_by: c.actorId, cleared_note: c.note })
      .where('id', '=', c.id)
      .where('cleared_at', 'is', null)
      .returning(COLUMNS)
      .executeTakeFirst();
    if (!cleared) return explainNotCleared(trx, c.id);
    await recordAudit(trx, { actorId: c.actorId, action: 'operator_flag.cleared', subject: `operator_flag:${c.id}`, reason: c.note, ip: c.ip, at });
    return present(cleared);
  });
}

async function explainNotCleared(db: Executor, id: number): Promise<never> {
  const flag = await db.selectFrom('operator_flags').select(['cleared_at', 'cleared_by']).where('id', '=', id).executeTakeFirst();
  if (!flag) throw new AppError('not_found', 'Flag not found');
  const clearedAt = flag.cleared_at!.toISOString();
  throw new AppError('flag_already_cleared', `This flag was already cleared at ${clearedAt}; nothing changed`, {
    details: { clearedAt, clearedBy: flag.cleared_by! },
  });
}
