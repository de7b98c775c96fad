import { sql } from 'kysely';
import type { OperatorFlagDetails, OperatorFlagKind } from '../../shared/api/operator-flags.ts';
import type { Clock } from './clock.ts';
import type { Executor } from './db/database.ts';

/**
 * Operator flags: things a person must look at — a bank account shared by several sellers, an
 * e-mail the protected-data guard refused, a carrier scan that lost to a cancel or an expiry, a
 * carrier that kept failing to issue or void a label. One table for all of them, owned by the
 * platform; modules raise flags only through `raiseOperatorFlag`. Operators list and clear them
 * (operator-flags.review.ts).
 *
 * Flag times are security time: a flag records when the system noticed something and when a
 * person acted on it, like the audit log it sits beside; the demo clock must not date a flag in
 * the future or let it be cleared before it was raised.
 */
export interface RaiseFlag<K extends OperatorFlagKind> {
  kind: K;
  /** Names the incident (e.g. `carrier_event:<event id>`): raising it again finds the same flag. */
  dedupeKey: string;
  tradeInId?: string | null;
  userIds?: readonly string[];
  /** Shown to operators: never a protected value. */
  details: OperatorFlagDetails[K];
}

/**
 * Raises a flag, once per incident: raised again, the flag keeps its id, status and creation
 * time and takes the latest sellers, details and time (a shared bank account's list of sellers
 * follows the latest count). Runs in the caller's transaction when given one.
 */
export async function raiseOperatorFlag<K extends OperatorFlagKind>(db: Executor, securityClock: Clock, flag: RaiseFlag<K>): Promise<void> {
  const now = securityClock.now();
  await db
    .insertInto('operator_flags')
    .values({
      kind: flag.kind,
      dedupe_key: flag.dedupeKey,
      trade_in_id: flag.tradeInId ?? null,
      user_ids: JSON.stringify(flag.userIds ?? []),
      details: JSON.stringify(flag.details),
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.column('dedupe_key').doUpdateSet({
        user_ids: (eb) => eb.ref('excluded.user_ids'),
        // Merged, so what the first raise knew (e.g. where a moved flag came from) stays.
        details: sql`operator_flags.details || excluded.details`,
        updated_at: (eb) => eb.ref('excluded.updated_at'),
      }),
    )
    .execute();
}

/** Whether a trade-in has an open flag of this kind (the seller's label says "delayed" while one is open). */
export async function hasOpenOperatorFlag(db: Executor, kind: OperatorFlagKind, tradeInId: string): Promise<boolean> {
  const row = await db
    .selectFrom('operator_flags')
    .select('id')
    .where('kind', '=', kind)
    .where('trade_in_id', '=', tradeInId)
    .where('cleared_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Moves a flag to a new incident key (a bank account's keyed hash after a key rotation), unless
 * a flag already has that key: the incident is then already flagged under its new name.
 */
export async function rekeyOperatorFlag(db: Executor, from: string, to: string): Promise<void> {
  await db
    .updateTable('operator_flags')
    .set({ dedupe_key: to })
    .where('dedupe_key', '=', from)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('operator_flags as f').select('f.id').where('f.dedupe_key', '=', to))))
    .execute();
}
