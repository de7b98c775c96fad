import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase } from '../../../../test/db.ts';
import { migrateAuthTables } from '../../modules/accounts/index.ts';
import type { Database } from '../../platform/db/database.ts';
import { listOperatorFlags } from '../../platform/operator-flags.review.ts';
import { raiseOperatorFlag } from '../../platform/operator-flags.ts';
import { AdjustableClock } from '../../platform/clock.ts';
import { migrateToLatest } from '../migrate.ts';
import { MIGRATIONS } from './index.ts';

/**
 * The move to one flags table, on a database that has rows in the three old tables: the schema
 * as it was before this migration, its rows written as the old code wrote them, then the
 * migration, then the one list.
 */
const THIS = '2026-11-28T1301_one_operator_flags_table';
let database: Database;

beforeAll(async () => {
  database = await createEmptyDatabase();
  await migrateAuthTables(database.db);
  // The schema as it was just before this migration: the ones named earlier, none of the later ones.
  const before = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < THIS));
  const { error } = await new Migrator({ db: database.db, provider: { getMigrations: async () => before }, allowUnorderedMigrations: true }).migrateToLatest();
  if (error) throw error;

  await database.db.transaction().execute(async (trx) => {
    // The old rows point at trade-ins and carrier events this test does not build: foreign keys off, for this transaction only.
    await sql`set local session_replication_role = replica`.execute(trx);
    await sql`
      insert into carrier_events (event_id, tracking_number, type, occurred_at, received_at, trade_in_id, outcome, decided_at) values
        ('evt-1', '1Z0000000000000001', 'picked_up', '2026-11-20T10:00:00Z', '2026-11-20T10:00:05Z', 'tin_cancelled', 'flagged', '2026-11-20T10:00:05Z'),
        ('evt-2', '1Z0000000000000002', 'in_transit', '2026-11-21T09:30:00.250Z', '2026-11-21T09:31:00Z', 'tin_expired', 'flagged', '2026-11-21T09:31:00Z');
      insert into carrier_event_flags (event_id, trade_in_id, reason, trade_in_status, status, created_at, cleared_by, cleared_at, cleared_note) values
        ('evt-1', 'tin_cancelled', 'scan_after_cancel', 'cancelled', 'cleared', '2026-11-20T10:00:05Z', 'usr_op', '2026-11-20T12:00:00Z', 'Returned to the seller'),
        ('evt-2', 'tin_expired', 'scan_after_expiry', 'expired', 'open', '2026-11-21T09:31:00Z', null, null, null);
      insert into review_flags (kind, subject, user_ids, status, created_at, updated_at) values
        ('shared_bank_account', 'hash-of-the-account', '["usr_a","usr_b","usr_c"]', 'open', '2026-11-19T08:00:00Z', '2026-11-22T08:00:00Z'),
        ('blocked_mail', 'trade-in:tin_mailed:delivered', '["usr_a"]', 'open', '2026-11-22T15:00:00Z', '2026-11-22T15:00:00Z');
      insert into operator_flags (kind, subject, detail, status, created_at, updated_at) values
        ('shipping.label_issue_failed', 'tin_unlabelled', '{"error":"503","attempts":6}', 'open', '2026-11-23T07:00:00Z', '2026-11-23T07:00:00Z'),
        ('shipping.label_void_failed', '1Z0000000000000009', '{"error":"503","surplus":true}', 'open', '2026-11-24T07:00:00Z', '2026-11-24T07:00:00Z');
    `.execute(trx);
  });
  // This migration first, then the ones named after it.
  expect(await migrateToLatest(database.db)).toEqual(Object.keys(MIGRATIONS).filter((name) => name >= THIS).sort());
});
afterAll(async () => {
  await database?.close();
});

describe(THIS, () => {
  it('moves every row of the three old tables into the one list, open first, newest first, and drops them', async () => {
    const { flags } = await listOperatorFlags(database.db, { limit: 50 });
    const at = (iso: string) => new Date(iso).toISOString();
    expect(flags).toEqual([
      {
        id: 6,
        kind: 'label_void_failed',
        status: 'open',
        tradeInId: null,
        userIds: [],
        details: { error: '503', surplus: true, trackingNumber: '1Z0000000000000009', migratedFrom: 'operator_flags:2' },
        createdAt: at('2026-11-24T07:00:00Z'),
        updatedAt: at('2026-11-24T07:00:00Z'),
        clearedAt: null,
        clearedBy: null,
        clearedNote: null,
      },
      expect.objectContaining({
        id: 5,
        kind: 'label_issue_failed',
        tradeInId: 'tin_unlabelled',
        details: { error: '503', attempts: 6, migratedFrom: 'operator_flags:1' },
      }),
      expect.objectContaining({
        id: 4,
        kind: 'blocked_mail',
        tradeInId: 'tin_mailed',
        userIds: ['usr_a'],
        details: { mailKey: 'trade-in:tin_mailed:delivered', migratedFrom: 'review_flags:2' },
      }),
      expect.objectContaining({
        id: 3,
        kind: 'scan_after_expiry',
        status: 'open',
        tradeInId: 'tin_expired',
        details: {
          eventId: 'evt-2',
          eventType: 'in_transit',
          trackingNumber: '1Z0000000000000002',
          occurredAt: '2026-11-21T09:30:00.250Z',
          tradeInStatus: 'expired',
          migratedFrom: 'carrier_event_flags:2',
        },
      }),
      expect.objectContaining({
        id: 1,
        kind: 'shared_bank_account',
        tradeInId: null,
        userIds: ['usr_a', 'usr_b', 'usr_c'],
        details: { migratedFrom: 'review_flags:1' },
        createdAt: at('2026-11-19T08:00:00Z'),
        updatedAt: at('2026-11-22T08:00:00Z'),
      }),
      // Cleared: last, with who, when and why kept.
      expect.objectContaining({
        id: 2,
        kind: 'scan_after_cancel',
        status: 'cleared',
        tradeInId: 'tin_cancelled',
        clearedBy: 'usr_op',
        clearedAt: at('2026-11-20T12:00:00Z'),
        clearedNote: 'Returned to the seller',
      }),
    ]);
    const { rows } = await sql<{ old: string | null }>`
      select coalesce(to_regclass('review_flags')::text, to_regclass('carrier_event_flags')::text, to_regclass('legacy_operator_flags')::text) as old`.execute(database.db);
    expect(rows).toEqual([{ old: null }]);
  });

  it('keeps each moved incident one flag: raised again by the new code, it is the same row', async () => {
    const clock = new AdjustableClock({ frozenAt: new Date('2026-11-28T13:00:00Z') });
    await raiseOperatorFlag(database.db, clock, {
      kind: 'shared_bank_account',
      dedupeKey: 'shared_bank_account:hash-of-the-account',
      userIds: ['usr_a', 'usr_b', 'usr_c', 'usr_d'],
      details: {},
    });
    await raiseOperatorFlag(database.db, clock, { kind: 'label_issue_failed', dedupeKey: 'label_issue_failed:tin_new', tradeInId: 'tin_new', details: { error: '503', attempts: 6 } });
    const { flags } = await listOperatorFlags(database.db, { limit: 50 });
    expect(flags).toHaveLength(7);
    // A new flag comes after the moved ones (the identity goes on from them).
    expect(flags[0]).toMatchObject({ kind: 'label_issue_failed', tradeInId: 'tin_new' });
    expect(flags[0]!.id).toBeGreaterThan(6);
    expect(flags.find((f) => f.id === 1)).toMatchObject({ userIds: ['usr_a', 'usr_b', 'usr_c', 'usr_d'], details: { migratedFrom: 'review_flags:1' } });
  });
});
