import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/db.ts';
import { AdjustableClock } from './clock.ts';
import type { Database } from './db/database.ts';
import { hasOpenOperatorFlag, raiseOperatorFlag, rekeyOperatorFlag } from './operator-flags.ts';
import { clearOperatorFlag } from './operator-flags.review.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const clock = new AdjustableClock({ frozenAt: new Date('2026-11-28T13:00:00Z') });
const rowsOf = (key: string) => database.db.selectFrom('operator_flags').selectAll().where('dedupe_key', '=', key).execute();
const issueFailed = (key: string, attempts: number) =>
  raiseOperatorFlag(database.db, clock, { kind: 'label_issue_failed', dedupeKey: key, tradeInId: 'tin_flagged', details: { error: `503 (${attempts})`, attempts } });

describe('raising an operator flag', () => {
  it('is one flag per incident: raised again, it keeps its id, creation time and status, and takes the latest details', async () => {
    await issueFailed('label_issue_failed:tin_once', 2);
    const [first] = await rowsOf('label_issue_failed:tin_once');
    clock.advance(60_000);
    await issueFailed('label_issue_failed:tin_once', 3);
    const rows = await rowsOf('label_issue_failed:tin_once');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: first!.id, created_at: first!.created_at, cleared_at: null, details: { attempts: 3, error: '503 (3)' } });
    expect(rows[0]!.updated_at.getTime() - first!.created_at.getTime()).toBe(60_000);

    // Cleared, the same incident raised again stays cleared: an operator already looked at it.
    await clearOperatorFlag({ db: database.db, securityClock: clock }, { id: first!.id, actorId: 'usr_op', note: 'Label bought by hand', ip: null });
    await issueFailed('label_issue_failed:tin_once', 4);
    expect(await rowsOf('label_issue_failed:tin_once')).toMatchObject([{ id: first!.id, cleared_note: 'Label bought by hand' }]);
  });

  it('two raises of one incident at once make one flag', async () => {
    await Promise.all([issueFailed('label_issue_failed:tin_race', 1), issueFailed('label_issue_failed:tin_race', 1)]);
    expect(await rowsOf('label_issue_failed:tin_race')).toHaveLength(1);
  });

  it('a moved flag keeps where it came from when raised again (details are merged)', async () => {
    const key = 'blocked_mail:trade-in:tin_m:delivered';
    await raiseOperatorFlag(database.db, clock, { kind: 'blocked_mail', dedupeKey: key, details: { mailKey: 'trade-in:tin_m:delivered', migratedFrom: 'review_flags:9' } });
    await raiseOperatorFlag(database.db, clock, { kind: 'blocked_mail', dedupeKey: key, userIds: ['usr_m'], details: { mailKey: 'trade-in:tin_m:delivered' } });
    expect(await rowsOf(key)).toMatchObject([{ user_ids: ['usr_m'], details: { mailKey: 'trade-in:tin_m:delivered', migratedFrom: 'review_flags:9' } }]);
  });

  it('says whether a trade-in has an open flag of a kind', async () => {
    await issueFailed('label_issue_failed:tin_open', 1);
    await database.db.updateTable('operator_flags').set({ trade_in_id: 'tin_open' }).where('dedupe_key', '=', 'label_issue_failed:tin_open').execute();
    expect(await hasOpenOperatorFlag(database.db, 'label_issue_failed', 'tin_open')).toBe(true);
    expect(await hasOpenOperatorFlag(database.db, 'label_void_failed', 'tin_open')).toBe(false);
  });

  it('follows a renamed incident, unless the new name is already flagged', async () => {
    const raise = (hash: string, userIds: string[]) =>
      raiseOperatorFlag(database.db, clock, { kind: 'shared_bank_account', dedupeKey: `shared_bank_account:${hash}`, userIds, details: {} });
    await raise('old', ['a', 'b', 'c']);
    await rekeyOperatorFlag(database.db, 'shared_bank_account:old', 'shared_bank_account:new');
    expect(await rowsOf('shared_bank_account:old')).toEqual([]);
    expect(await rowsOf('shared_bank_account:new')).toHaveLength(1);
    await raise('older', ['d', 'e', 'f']);
    await rekeyOperatorFlag(database.db, 'shared_bank_account:older', 'shared_bank_account:new');
    expect(await rowsOf('shared_bank_account:older')).toHaveLength(1);
  });
});

describe('the table refuses what no code path may store', () => {
  const insert = (values: Record<string, unknown>) =>
    sql`insert into operator_flags (kind, dedupe_key, created_at, updated_at, cleared_at, cleared_by, cleared_note)
        values (${values['kind']}, ${values['key']}, now(), now(), ${values['clearedAt'] ?? null}, ${values['clearedBy'] ?? null}, ${values['note'] ?? null})`.execute(
      database.db,
    );

  it('an unknown kind', async () => {
    await expect(insert({ kind: 'parcel_lost', key: 'x:1' })).rejects.toThrow(/operator_flags_kind_check/);
  });

  it('a cleared flag without who or why', async () => {
    await expect(insert({ kind: 'blocked_mail', key: 'x:2', clearedAt: new Date() })).rejects.toThrow(/operator_flags_cleared_check/);
    await expect(insert({ kind: 'blocked_mail', key: 'x:3', clearedAt: new Date(), clearedBy: 'usr_op' })).rejects.toThrow(/operator_flags_cleared_check/);
  });
});
